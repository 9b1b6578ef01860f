//! How people name a timeline entry: by the shortest unique end of its
//! UUID (at least four hex digits), which is the same on every machine,
//! unlike its place in a list; or `last`, the newest entry they wrote.
//! Version 7 UUIDs begin with the time they were made, so every entry of a
//! minute shares a beginning: the random end tells them apart.

use crate::error::UserError;

/// The fewest hex digits a reference has.
pub const MIN_REF: usize = 4;

/// How an entry is named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryRef {
    /// The newest entry the person acting wrote (not a correction).
    Last,
    /// The end of the entry's UUID, lower case.
    Suffix(String),
}

impl EntryRef {
    /// Reads `last`, or four or more hex digits (`3f2a`, `#3f2a`, or the
    /// whole UUID).
    pub fn parse(s: &str) -> Result<EntryRef, UserError> {
        let t = s.trim().trim_start_matches('#');
        if t.eq_ignore_ascii_case("last") {
            return Ok(EntryRef::Last);
        }
        let hex: String = t.chars().filter(|c| *c != '-').collect();
        if hex.len() >= MIN_REF && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(EntryRef::Suffix(t.to_ascii_lowercase()));
        }
        Err(UserError::new(format!("`{s}` is not an entry reference"))
            .hint("give the entry's ref as `inc timeline` shows it (4 or more hex digits, such as 3f2a), or `last`"))
    }

    /// Whether `s` reads as a reference (for telling a correction verb from
    /// a note that starts with the same word).
    pub fn looks_like(s: &str) -> bool {
        EntryRef::parse(s).is_ok()
    }
}

/// A word that, typed first after `inc tl`, more likely asks to correct
/// the record than starts a note (`inc tl rm`, `inc tl edit last`), and
/// the correction command that does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorrectionVerb {
    Edit,
    Strike,
    Undo,
    Move,
}

impl CorrectionVerb {
    /// The verb a note's first word is, exactly as a command would be typed.
    pub fn of(word: &str) -> Option<CorrectionVerb> {
        Some(match word {
            "edit" | "amend" | "correct" | "fix" => CorrectionVerb::Edit,
            "rm" | "remove" | "delete" | "del" | "strike" => CorrectionVerb::Strike,
            "undo" => CorrectionVerb::Undo,
            "move" | "mv" => CorrectionVerb::Move,
            _ => return None,
        })
    }

    /// The command that corrects the record so, in backquotes.
    pub fn command(self) -> &'static str {
        match self {
            CorrectionVerb::Edit => "`inc entry edit REF \"corrected text\"` (or `--at TIME`)",
            CorrectionVerb::Strike => "`inc entry rm REF --reason TEXT`",
            CorrectionVerb::Undo => "`inc entry rm last --reason TEXT`",
            CorrectionVerb::Move => "`inc entry move REF --to ID`",
        }
    }
}

/// The shortest end of each UUID, at least [`MIN_REF`] characters, that no
/// other UUID of `all` ends with. `all` holds every UUID references are
/// told apart from (those of one incident).
pub fn short_refs<'a>(uuids: impl IntoIterator<Item = &'a str>, all: &[&str]) -> Vec<String> {
    let uuids: Vec<&str> = uuids.into_iter().collect();
    // Each UUID as a number whose highest digit is its last: two UUIDs end
    // in as many equal digits as their numbers begin with, so sorting the
    // numbers puts the UUIDs that end alike side by side. (Any UUID that
    // is not 32 hex digits is told apart by its text instead.)
    let keys: Option<Vec<u128>> = all.iter().map(|u| ends_first(u)).collect();
    let (Some(mut keys), Some(wanted)) = (
        keys,
        uuids
            .iter()
            .map(|u| ends_first(u))
            .collect::<Option<Vec<u128>>>(),
    ) else {
        return short_refs_by_text(&uuids, all);
    };
    keys.sort_unstable();
    keys.dedup();
    uuids
        .iter()
        .zip(wanted)
        .map(|(uuid, key)| {
            let at = keys.partition_point(|k| *k < key);
            let shared = |other: Option<&u128>| other.map_or(0, |o| (o ^ key).leading_zeros() / 4);
            let before = at.checked_sub(1).and_then(|i| keys.get(i));
            let after = keys.get(at).filter(|k| **k == key).map_or(at, |_| at + 1);
            let digits = (shared(before).max(shared(keys.get(after))) + 1) as usize;
            ending(uuid, digits.max(MIN_REF))
        })
        .collect()
}

/// A UUID's 32 hex digits as a number, its last digit highest.
fn ends_first(uuid: &str) -> Option<u128> {
    let mut key = 0u128;
    let mut digits = 0;
    for c in uuid.bytes().rev().filter(|c| *c != b'-') {
        key = (key << 4) | u128::from(char::from(c).to_digit(16)?);
        digits += 1;
    }
    (digits == 32).then_some(key)
}

/// The end of a UUID holding its last `digits` hex digits.
fn ending(uuid: &str, digits: usize) -> String {
    let mut seen = 0;
    let start = uuid
        .char_indices()
        .rev()
        .find(|(_, c)| {
            if *c != '-' {
                seen += 1;
            }
            seen == digits
        })
        .map_or(0, |(i, _)| i);
    uuid[start..].to_string()
}

/// [`short_refs`] by the UUIDs' text, for UUIDs of another form.
fn short_refs_by_text(uuids: &[&str], all: &[&str]) -> Vec<String> {
    let mut reversed: Vec<Vec<u8>> = all.iter().map(|u| u.bytes().rev().collect()).collect();
    reversed.sort_unstable();
    reversed.dedup();
    uuids
        .iter()
        .map(|uuid| {
            let key: Vec<u8> = uuid.bytes().rev().collect();
            let at = reversed.partition_point(|k| *k < key);
            let shared = |other: Option<&Vec<u8>>| {
                other.map_or(0, |o| {
                    o.iter().zip(&key).take_while(|(a, b)| a == b).count()
                })
            };
            let before = if at > 0 { reversed.get(at - 1) } else { None };
            let after = reversed
                .get(at)
                .filter(|k| **k == key)
                .map_or(at, |_| at + 1);
            let need = shared(before).max(shared(reversed.get(after))) + 1;
            let len = need.max(MIN_REF).min(uuid.len());
            uuid[uuid.len() - len..].to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Refs worked out by number are those worked out by text, also for
        /// UUIDs that end alike over many digits.
        #[test]
        fn refs_by_number_are_refs_by_text(
            ends in proptest::collection::vec(0u32..64, 1..40),
            starts in proptest::collection::vec(proptest::num::u128::ANY, 40),
        ) {
            // UUIDs ending in up to all of the same 32 digits.
            let uuids: Vec<String> = ends
                .iter()
                .zip(&starts)
                .map(|(shared, start)| {
                    let bits = 4 * (shared % 33);
                    let mask = if bits >= 128 { u128::MAX } else { (1u128 << bits) - 1 };
                    let n = (start & !mask) | (0x0123_4567_89ab_cdef_0123_4567_89ab_cdefu128 & mask);
                    uuid::Uuid::from_u128(n).hyphenated().to_string()
                })
                .collect();
            let all: Vec<&str> = uuids.iter().map(String::as_str).collect();
            proptest::prop_assert_eq!(
                short_refs(all.iter().copied(), &all),
                short_refs_by_text(&all, &all)
            );
        }
    }

    #[test]
    fn refs_are_the_shortest_unique_ends() {
        let all = [
            "01a21827-ef00-7d63-a479-902771e55101",
            "01a21827-ef00-7d63-a479-902771e65101",
            "01a21827-ef00-7d63-a479-9027713fa2c4",
        ];
        assert_eq!(short_refs(all, &all), ["55101", "65101", "a2c4"]);
        // Alone, four digits are enough.
        assert_eq!(short_refs([all[0]], &[all[0]]), ["5101"]);
    }

    #[test]
    fn references_are_read() {
        assert_eq!(EntryRef::parse("last").unwrap(), EntryRef::Last);
        assert_eq!(EntryRef::parse("LAST").unwrap(), EntryRef::Last);
        assert_eq!(
            EntryRef::parse("#3F2A").unwrap(),
            EntryRef::Suffix("3f2a".into())
        );
        for bad in ["", "3f2", "traffic", "12", "3f2g"] {
            assert!(EntryRef::parse(bad).is_err(), "{bad}");
        }
        assert!(!EntryRef::looks_like("traffic"));
        assert!(EntryRef::looks_like("cafe"));
    }
}
