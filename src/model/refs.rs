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
    let mut reversed: Vec<Vec<u8>> = all.iter().map(|u| u.bytes().rev().collect()).collect();
    reversed.sort_unstable();
    reversed.dedup();
    uuids
        .into_iter()
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
