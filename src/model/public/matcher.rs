//! Finding names in text the way people write them: in any case, with or
//! without accents, composed or decomposed, with curly apostrophes, in
//! full-width letters, and inside Chinese, Japanese, Korean or Thai text,
//! which puts no spaces between words. Text is folded first, names are
//! found in the folded text, and each find is mapped back to where it
//! stands in the original.

use aho_corasick::{AhoCorasick, MatchKind};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A text folded for matching, with where each folded byte came from.
#[derive(Debug)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text` (and one past its end), the byte offset in
    /// the original of the character it came from.
    origin: Vec<usize>,
}

impl Folded {
    /// The original byte range of the folded range `start..end`.
    fn original(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin[start], self.origin[end])
    }
}

/// Apostrophes and the marks typed for them.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' | '\u{FF07}'
    )
}

/// Folds text for matching: compatibility decomposition without accents,
/// lower case (final sigma and sharp s folded), one apostrophe.
pub fn fold(text: &str) -> Folded {
    let mut folded = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let mut push = |c: char| {
            let before = folded.len();
            folded.push(c);
            origin.extend(std::iter::repeat_n(at, folded.len() - before));
        };
        if is_apostrophe(c) {
            push('\'');
            continue;
        }
        decompose_compatible(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            for l in d.to_lowercase() {
                // Letters with a stroke or ligatures, which have no
                // decomposition: as people type them without.
                let plain: &str = match l {
                    'ς' => "σ",
                    'ß' => "ss",
                    'ø' => "o",
                    'ł' => "l",
                    'đ' | 'ð' => "d",
                    'ħ' => "h",
                    'ŧ' => "t",
                    'ı' => "i",
                    'æ' => "ae",
                    'œ' => "oe",
                    'þ' => "th",
                    l if is_combining_mark(l) => "",
                    _ => {
                        push(l);
                        continue;
                    }
                };
                plain.chars().for_each(&mut push);
            }
        });
    }
    origin.push(text.len());
    Folded {
        text: folded,
        origin,
    }
}

/// Letters, digits and `_`: what a word is made of.
pub fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Scripts written without spaces between words: a name there is found
/// wherever it stands.
pub fn is_unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF // Hangul
        | 0x3040..=0x30FF | 0x31F0..=0x31FF // Hiragana, Katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF // Han
    )
}

/// Whether a word may end between `before` and `after`.
fn boundary(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(a), Some(b)) => !is_word(a) || !is_word(b) || is_unspaced(a) || is_unspaced(b),
        _ => true,
    }
}

/// One name to find, and whether it counts only when written with a
/// capital (a part of a longer name: "Price" for "Will Price", but not
/// "the price").
#[derive(Debug, Clone)]
pub struct Pattern<T> {
    pub name: String,
    pub capital_only: bool,
    pub what: T,
}

/// A name found: its byte range in the original text and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<'a, T> {
    pub start: usize,
    pub end: usize,
    pub what: &'a T,
}

/// Finds many names at once in any text.
#[derive(Debug)]
pub struct Matcher<T> {
    patterns: Vec<Pattern<T>>,
    automaton: Option<AhoCorasick>,
}

impl<T> Matcher<T> {
    /// A matcher of these patterns; the names are folded here, and empty
    /// ones dropped.
    pub fn new(patterns: Vec<Pattern<T>>) -> Matcher<T> {
        let patterns: Vec<Pattern<T>> = patterns
            .into_iter()
            .map(|p| Pattern {
                name: fold(p.name.trim()).text,
                ..p
            })
            .filter(|p| !p.name.is_empty())
            .collect();
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(patterns.iter().map(|p| &p.name))
                .expect("names are far below the automaton's size limits")
        });
        Matcher {
            patterns,
            automaton,
        }
    }

    /// Every name in `text` that stands as a whole word, leftmost first,
    /// the longest where several start at one place, none overlapping.
    /// Among names of one length, the first pattern given wins.
    pub fn find(&self, text: &str) -> Vec<Found<'_, T>> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let folded = fold(text);
        let f = folded.text.as_str();
        let mut hits: Vec<(usize, usize, usize)> = automaton
            .find_overlapping_iter(f)
            .filter(|m| {
                let before = f[..m.start()].chars().next_back();
                let first = f[m.start()..].chars().next();
                let last = f[..m.end()].chars().next_back();
                let after = f[m.end()..].chars().next();
                boundary(before, first) && boundary(last, after)
            })
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .filter(|&(start, _, p)| {
                !self.patterns[p].capital_only || {
                    let (at, _) = folded.original(start, start);
                    text[at..].chars().next().is_some_and(|c| !c.is_lowercase())
                }
            })
            .collect();
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut found = Vec::new();
        let mut free_from = 0;
        for (start, end, p) in hits {
            if start < free_from {
                continue;
            }
            free_from = end;
            let (start, end) = folded.original(start, end);
            found.push(Found {
                start,
                end,
                what: &self.patterns[p].what,
            });
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(names: &[(&str, bool)]) -> Matcher<usize> {
        Matcher::new(
            names
                .iter()
                .enumerate()
                .map(|(i, (name, capital_only))| Pattern {
                    name: (*name).to_string(),
                    capital_only: *capital_only,
                    what: i,
                })
                .collect(),
        )
    }

    /// The original text of each find, with its pattern.
    fn finds(m: &Matcher<usize>, text: &str) -> Vec<(String, usize)> {
        m.find(text)
            .into_iter()
            .map(|f| (text[f.start..f.end].to_string(), *f.what))
            .collect()
    }

    #[test]
    fn folding_ignores_case_accents_forms_and_apostrophe_marks() {
        assert_eq!(fold("Zoë").text, fold("Zoe\u{308}").text);
        assert_eq!(fold("ZOË").text, "zoe");
        assert_eq!(fold("O’Brien").text, "o'brien");
        assert_eq!(fold("ＴＡＮＡＫＡ").text, "tanaka");
        assert_eq!(fold("ΝΊΚΟΣ").text, fold("Νίκος").text);
        assert_eq!(fold("Straße").text, "strasse");
        assert_eq!(fold("Søren Łukasz Ærø").text, "soren lukasz aero");
        let f = fold("Zoe\u{308}x");
        assert_eq!(f.text, "zoex");
        // "x" comes from byte 5 of the original, after the two-byte mark.
        assert_eq!(f.original(3, 4), (5, 6));
    }

    #[test]
    fn names_are_found_as_whole_words_longest_first() {
        let m = matcher(&[("ann", false), ("Ann Lee", false), ("lee", true)]);
        assert_eq!(
            finds(&m, "ANN LEE met Ann; Annabel and lee stayed, Lee left"),
            [
                ("ANN LEE".to_string(), 1),
                ("Ann".to_string(), 0),
                ("Lee".to_string(), 2)
            ]
        );
        // A longer name that fails at its end gives way to a shorter one.
        assert_eq!(finds(&m, "Ann Leeds"), [("Ann".to_string(), 0)]);
    }

    #[test]
    fn names_are_found_in_every_form_and_inside_unspaced_scripts() {
        let m = matcher(&[("Zoë O'Brien", false), ("Νίκος", false), ("田中", false)]);
        assert_eq!(
            finds(&m, "ZOE\u{308} O’BRIEN, ΝΙΚΟΣ and 田中さんが再起動した"),
            [
                ("ZOE\u{308} O’BRIEN".to_string(), 0),
                ("ΝΙΚΟΣ".to_string(), 1),
                ("田中".to_string(), 2)
            ]
        );
        let latin = matcher(&[("Tanaka", false)]);
        assert_eq!(
            finds(&latin, "Tanakaさんが確認"),
            [("Tanaka".to_string(), 0)]
        );
        assert!(finds(&latin, "Tanakas").is_empty());
        assert!(matcher(&[]).find("anything").is_empty());
    }
}
