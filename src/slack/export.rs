//! Reading an unzipped Slack workspace export (`channels.json`,
//! `users.json`, one folder per channel with a `YYYY-MM-DD.json` file per
//! day) and choosing the messages that become timeline notes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::files::{self, MAX_DAY_FILE, MAX_LIST_FILE};
use super::intent::{self, Said};
use super::markup::{Names, mentioned, to_plain};
use crate::error::UserError;
use crate::model::MAX_TEXT;

#[derive(Debug, Default, Deserialize)]
struct Profile {
    real_name: Option<String>,
    display_name: Option<String>,
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct User {
    id: String,
    name: Option<String>,
    real_name: Option<String>,
    #[serde(default)]
    profile: Profile,
}

#[derive(Debug, Deserialize)]
struct RawChannel {
    id: String,
    name: Option<String>,
    #[serde(default)]
    is_private: bool,
    #[serde(default)]
    is_mpim: bool,
}

#[derive(Debug, Deserialize)]
struct BotProfile {
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    name: Option<String>,
    title: Option<String>,
}

/// One message of a day file, with the fields `inc` reads.
#[derive(Debug, Deserialize)]
pub struct Message {
    #[serde(rename = "type")]
    kind: Option<String>,
    subtype: Option<String>,
    user: Option<String>,
    text: Option<String>,
    ts: Option<String>,
    thread_ts: Option<String>,
    user_profile: Option<Profile>,
    bot_id: Option<String>,
    username: Option<String>,
    bot_profile: Option<BotProfile>,
    #[serde(default)]
    files: Vec<File>,
    #[serde(default)]
    hidden: bool,
}

/// A channel of the export.
#[derive(Debug, Clone)]
pub struct Channel {
    pub id: String,
    pub name: String,
    /// A private channel or a group conversation: what was said there is
    /// for responders only.
    pub private: bool,
}

/// An unzipped Slack export: its channels and the names of its people.
#[derive(Debug)]
pub struct Export {
    dir: PathBuf,
    channels: Vec<Channel>,
    names: Names,
}

/// Why a message was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// Without `--all`: a message without the `TL`/`timeline` prefix.
    NotNote,
    /// Someone joined or left the channel.
    Join,
    /// The topic, purpose, name or pins changed, or another system message.
    System,
    /// Posted by a bot or an integration, without the prefix.
    Bot,
    /// Deleted (a tombstone left in a thread).
    Deleted,
    /// Nothing left to note (a bare `TL:`, an empty message).
    Empty,
    /// No readable time.
    NoTime,
    /// Longer than any note may be.
    TooLong,
    /// Dated before 1970 or later than now: no note may be.
    OutOfRange,
}

impl Skip {
    /// How the report names `n` of them.
    pub fn describe(self, n: usize) -> String {
        let (one, many) = match self {
            Skip::NotNote => ("other message", "other messages"),
            Skip::Join => ("join or leave", "joins and leaves"),
            Skip::System => ("channel change", "channel changes"),
            Skip::Bot => ("bot message", "bot messages"),
            Skip::Deleted => ("deleted message", "deleted messages"),
            Skip::Empty => ("empty message", "empty messages"),
            Skip::NoTime => ("message without a time", "messages without a time"),
            Skip::TooLong => ("message longer than 16 MiB", "messages longer than 16 MiB"),
            Skip::OutOfRange => (
                "message dated before 1970 or in the future",
                "messages dated before 1970 or in the future",
            ),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// A message chosen to become a timeline note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Derived from the channel id and the message's `ts`: the same on
    /// every import of the same message, on any machine.
    pub uuid: String,
    pub at: DateTime<Utc>,
    pub author: String,
    pub text: String,
    /// A reply in a thread.
    pub in_thread: bool,
    /// What it says beyond a note: a handoff, an action item, an update.
    pub said: Said,
}

/// What an import takes from a channel, and what it leaves.
#[derive(Debug, Default)]
pub struct Selection {
    pub notes: Vec<Note>,
    pub skipped: BTreeMap<Skip, usize>,
}

impl Export {
    /// Reads the export's channel and user lists. Messages are read later,
    /// for the one channel imported.
    pub fn open(dir: &Path) -> Result<Export> {
        let shown = dir.display();
        let meta = std::fs::metadata(dir).map_err(|_| {
            UserError::new(format!("there is no directory {shown}"))
                .hint("give the folder of an unzipped Slack export")
        })?;
        if meta.is_file() && is_zip(dir) {
            return Err(UserError::new(format!("{shown} is a zip file"))
                .hint(format!(
                    "unzip it first (`unzip {shown} -d slack-export`) and give the folder"
                ))
                .into());
        }
        if !meta.is_dir() {
            return Err(UserError::new(format!("{shown} is not a directory"))
                .hint("give the folder of an unzipped Slack export")
                .into());
        }
        let users: Vec<User> = read_json(&dir.join("users.json"), MAX_LIST_FILE)?
            .ok_or_else(|| missing(dir, "users.json"))?;
        let mut channels = Vec::new();
        let mut found = false;
        // Private channels and group conversations come in their own lists,
        // with the same shape (some exports mark them in channels.json
        // instead). Direct messages have no name.
        for (list, private) in [
            ("channels.json", false),
            ("groups.json", true),
            ("mpims.json", true),
        ] {
            if let Some(raw) = read_json::<Vec<RawChannel>>(&dir.join(list), MAX_LIST_FILE)? {
                found = true;
                channels.extend(raw.into_iter().filter_map(|c| {
                    Some(Channel {
                        name: c.name.filter(|n| !n.is_empty())?,
                        id: c.id,
                        private: private || c.is_private || c.is_mpim,
                    })
                }));
            }
        }
        if !found {
            return Err(missing(dir, "channels.json"));
        }
        let mut names = Names::default();
        for user in users {
            if let Some(name) = user_name(
                &user.profile,
                user.real_name.as_deref(),
                user.name.as_deref(),
            ) {
                names.users.insert(user.id, name);
            }
        }
        for c in &channels {
            names.channels.insert(c.id.clone(), c.name.clone());
        }
        Ok(Export {
            dir: dir.to_path_buf(),
            channels,
            names,
        })
    }

    /// The channel named `name` (with or without `#`).
    pub fn channel(&self, name: &str) -> Result<Channel> {
        let wanted = name.trim().trim_start_matches('#');
        if let Some(c) = self.channels.iter().find(|c| c.name == wanted) {
            // One folder per name: should two lists name it, it is
            // private if either says so.
            let private = self.channels.iter().any(|o| o.name == wanted && o.private);
            return Ok(Channel {
                private,
                ..c.clone()
            });
        }
        let mut all: Vec<&str> = self.channels.iter().map(|c| c.name.as_str()).collect();
        all.sort_unstable();
        let hint = if all.is_empty() {
            "the export lists no channels".to_string()
        } else {
            let shown: Vec<String> = all.iter().take(5).map(|n| format!("#{n}")).collect();
            let more = if all.len() > 5 {
                format!(" and {} more", all.len() - 5)
            } else {
                String::new()
            };
            format!("channels in the export: {}{more}", shown.join(", "))
        };
        Err(UserError::new(format!(
            "there is no channel #{} in the export",
            crate::report::text::safe_line(wanted)
        ))
        .hint(hint)
        .into())
    }

    /// Chooses the timeline notes among a channel's messages: those with
    /// the `TL`/`timeline` prefix, or every person's message with `all`.
    /// Day files are read one at a time, and only the notes are kept.
    /// Messages dated later than `now` (give or take a clock running a
    /// little ahead) are left out, as every note dated in the future is.
    pub fn select(&self, channel: &Channel, all: bool, now: DateTime<Utc>) -> Result<Selection> {
        let mut selection = Selection::default();
        for day in self.days(channel)? {
            let messages: Vec<Message> = read_json(&day, MAX_DAY_FILE)?.unwrap_or_default();
            for m in &messages {
                match self.note(channel, m, all, now) {
                    Ok(note) => selection.notes.push(note),
                    Err(skip) => *selection.skipped.entry(skip).or_default() += 1,
                }
            }
        }
        selection.notes.sort_by_key(|n| n.at);
        Ok(selection)
    }

    /// The day files of a channel, in order.
    fn days(&self, channel: &Channel) -> Result<Vec<PathBuf>> {
        // The name comes from the export: it must stay a folder inside it.
        let plain =
            !channel.name.contains(['/', '\\']) && !matches!(channel.name.as_str(), "." | "..");
        let folder = self
            .dir
            .join(if plain { channel.name.as_str() } else { "" });
        let entries = if plain { files::list(&folder)? } else { None };
        let entries = entries.ok_or_else(|| {
            UserError::new(format!(
                "the export has no folder for #{} ({})",
                crate::report::text::safe_line(&channel.name),
                folder.display()
            ))
            .hint("was the export unzipped completely? each channel has a folder of day files")
        })?;
        let mut days: Vec<PathBuf> = entries
            .into_iter()
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(is_day_file)
            })
            .collect();
        days.sort();
        Ok(days)
    }

    fn note(
        &self,
        channel: &Channel,
        m: &Message,
        all: bool,
        now: DateTime<Utc>,
    ) -> Result<Note, Skip> {
        if m.kind.as_deref().is_some_and(|k| k != "message") {
            return Err(Skip::System);
        }
        let bot = match m.subtype.as_deref() {
            None | Some("thread_broadcast" | "me_message" | "file_share") => {
                m.user.is_none() && m.bot_id.is_some()
            }
            Some("bot_message") => true,
            Some("message_deleted" | "tombstone") => return Err(Skip::Deleted),
            Some(
                "channel_join"
                | "channel_leave"
                | "group_join"
                | "group_leave"
                | "member_joined_channel"
                | "member_left_channel",
            ) => return Err(Skip::Join),
            Some(_) => return Err(Skip::System),
        };
        if m.hidden {
            return Err(Skip::System);
        }
        let ts = m.ts.as_deref().ok_or(Skip::NoTime)?;
        let at = parse_ts(ts).ok_or(Skip::NoTime)?;
        if crate::time::out_of_range(at, now + crate::model::max_ahead()).is_some() {
            return Err(Skip::OutOfRange);
        }
        let raw = m.text.as_deref().unwrap_or_default();
        let plain = to_plain(raw, &self.names);
        let poster = m
            .bot_profile
            .as_ref()
            .and_then(|b| b.name.as_deref())
            .or(m.username.as_deref())
            .unwrap_or_default()
            .to_lowercase();
        let status_page = bot && (poster.contains("statuspage") || poster.contains("status page"));
        let said = intent::read(
            strip_prefix(&plain).unwrap_or(&plain),
            &mentioned(raw, &self.names),
            status_page,
        );
        let text = match strip_prefix(&plain) {
            Some(rest) => rest.to_string(),
            // Handoffs, action items and status page posts are taken
            // whether or not they carry the prefix.
            None if said != Said::Note => plain.clone(),
            None if bot => return Err(Skip::Bot),
            None if !all => return Err(Skip::NotNote),
            None if plain.trim().is_empty() && !m.files.is_empty() => {
                let files: Vec<&str> = m
                    .files
                    .iter()
                    .filter_map(|f| f.title.as_deref().or(f.name.as_deref()))
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .collect();
                if files.is_empty() {
                    return Err(Skip::Empty);
                }
                format!("shared {}", files.join(", "))
            }
            None => plain,
        };
        let text = text.trim().to_string();
        if text.is_empty() {
            return Err(Skip::Empty);
        }
        // The limit of every note, however it is written.
        if text.len() > MAX_TEXT {
            return Err(Skip::TooLong);
        }
        let author = if bot {
            m.bot_profile
                .as_ref()
                .and_then(|b| b.name.clone())
                .or_else(|| m.username.clone())
                .or_else(|| m.bot_id.clone())
        } else {
            m.user.as_ref().and_then(|id| {
                self.names.users.get(id).cloned().or_else(|| {
                    m.user_profile
                        .as_ref()
                        .and_then(|p| user_name(p, None, None))
                        .or_else(|| Some(id.clone()))
                })
            })
        };
        let author = clean_author(author.as_deref().unwrap_or("slack"));
        Ok(Note {
            uuid: note_uuid(&channel.id, ts),
            at,
            author,
            text,
            in_thread: m.thread_ts.as_deref().is_some_and(|t| t != ts),
            said,
        })
    }
}

/// The UUID of the note a message becomes: a name-based UUID (version 5)
/// of the channel id and the message's `ts`, which together name one
/// message in a workspace.
pub fn note_uuid(channel_id: &str, ts: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("slack:{channel_id}/{ts}").as_bytes(),
    )
    .to_string()
}

/// A person's name: the display name, else the real name, else the
/// account name.
fn user_name(profile: &Profile, real_name: Option<&str>, name: Option<&str>) -> Option<String> {
    [
        profile.display_name.as_deref(),
        profile.real_name.as_deref(),
        real_name,
        profile.name.as_deref(),
        name,
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .find(|n| !n.is_empty())
    .map(clean_author)
}

/// An author is one line of plain text.
fn clean_author(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "slack".to_string()
    } else {
        cleaned.to_string()
    }
}

/// The text of a timeline note without its `TL`/`timeline` prefix (any
/// case, then `:` or a space), or None when it has none.
pub fn strip_prefix(text: &str) -> Option<&str> {
    let t = text.trim_start();
    // The prefix in bold or italics, as people write it in Slack:
    // `*TL:* x`, `*TL*: x`, `_timeline_ x`.
    for mark in ['*', '_'] {
        let Some(inner) = t.strip_prefix(mark) else {
            continue;
        };
        let Some(close) = inner.find(mark) else {
            continue;
        };
        let (word, after) = (&inner[..close], &inner[close + 1..]);
        let (word, colon) = match word.trim_end().strip_suffix(':') {
            Some(w) => (w.trim_end(), true),
            None => (word, false),
        };
        if !["timeline", "tl"]
            .iter()
            .any(|p| word.eq_ignore_ascii_case(p))
        {
            continue;
        }
        let after = after.trim_start();
        return match after.strip_prefix(':') {
            Some(rest) if !colon => Some(rest.trim()),
            _ => Some(after.trim()),
        };
    }
    for prefix in ["timeline", "tl"] {
        let Some(head) = t.get(..prefix.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(prefix) {
            continue;
        }
        let rest = &t[prefix.len()..];
        let spaced = rest.trim_start();
        if let Some(after) = spaced.strip_prefix(':') {
            return Some(after.trim());
        }
        if spaced.len() < rest.len() || rest.is_empty() {
            return Some(spaced.trim());
        }
    }
    None
}

/// A message's `ts` (`1764165600.000200`: seconds and microseconds, UTC).
pub fn parse_ts(ts: &str) -> Option<DateTime<Utc>> {
    let (secs, frac) = ts.split_once('.').unwrap_or((ts, "0"));
    if secs.is_empty()
        || !secs.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 9
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let secs: i64 = secs.parse().ok()?;
    let nanos: u32 = format!("{frac:0<9}").parse().ok()?;
    DateTime::from_timestamp(secs, nanos)
}

fn is_day_file(name: &str) -> bool {
    let b = name.as_bytes();
    name.len() == "2026-11-26.json".len()
        && name.ends_with(".json")
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit())
}

fn is_zip(path: &Path) -> bool {
    let named = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    let mut magic = [0u8; 4];
    let starts = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
        .is_ok()
        && magic == *b"PK\x03\x04";
    named || starts
}

fn missing(dir: &Path, file: &str) -> anyhow::Error {
    UserError::new(format!("there is no {file} in {}", dir.display()))
        .hint("give the top folder of an unzipped Slack export, the one holding users.json and channels.json")
        .into()
}

/// A JSON file of the export of at most `limit` bytes, or None when it
/// does not exist. A malformed file is named with the line and column where
/// reading stopped, and none of its content is shown: it may be anything.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path, limit: u64) -> Result<Option<T>> {
    let Some(bytes) = files::read(path, limit)? else {
        return Ok(None);
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| {
        let (what, hint) = match e.classify() {
            // What the reader says of a value it did not expect quotes
            // the value: it is not repeated.
            serde_json::error::Category::Data => (
                "has unexpected content",
                "is it a file of an unzipped Slack export, as Slack wrote it?".to_string(),
            ),
            _ => ("is not valid JSON", format!("the reader said: {e}")),
        };
        UserError::new(format!(
            "{} {what} at line {}, column {}",
            path.display(),
            e.line(),
            e.column()
        ))
        .hint(hint)
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(strip_prefix("TL: restarted db"), Some("restarted db"));
        assert_eq!(strip_prefix("tl restarted db"), Some("restarted db"));
        assert_eq!(strip_prefix("Timeline:rolled back"), Some("rolled back"));
        assert_eq!(strip_prefix("  TIMELINE  :  x  "), Some("x"));
        assert_eq!(strip_prefix("tL\nmulti\nline"), Some("multi\nline"));
        assert_eq!(strip_prefix("TL:"), Some(""));
        assert_eq!(strip_prefix("TLDR it broke"), None);
        assert_eq!(strip_prefix("*TL:* restarted db"), Some("restarted db"));
        assert_eq!(strip_prefix("*tl*: restarted db"), Some("restarted db"));
        assert_eq!(strip_prefix("_Timeline_ rolled back"), Some("rolled back"));
        assert_eq!(strip_prefix("*TLDR* it broke"), None);
        assert_eq!(strip_prefix("*important* TL: x"), None);
        assert_eq!(strip_prefix("timelines are nice"), None);
        assert_eq!(strip_prefix("the TL: x"), None);
        assert_eq!(strip_prefix("ü"), None);
        assert_eq!(strip_prefix(""), None);
    }

    #[test]
    fn times() {
        let t = parse_ts("1764165600.000200").unwrap();
        assert_eq!(t.to_rfc3339(), "2025-11-26T14:00:00.000200+00:00");
        assert_eq!(parse_ts("1764165600").unwrap().timestamp(), 1_764_165_600);
        assert!(parse_ts("abc").is_none());
        assert!(parse_ts("-1.0").is_none());
        assert!(parse_ts("").is_none());
    }

    #[test]
    fn uuids_are_stable_and_distinct() {
        let a = note_uuid("C1", "1764165600.000200");
        assert_eq!(a, note_uuid("C1", "1764165600.000200"));
        assert_ne!(a, note_uuid("C2", "1764165600.000200"));
        assert_ne!(a, note_uuid("C1", "1764165600.000201"));
        assert_eq!(uuid::Uuid::parse_str(&a).unwrap().get_version_num(), 5);
    }

    #[test]
    fn day_files() {
        assert!(is_day_file("2026-11-26.json"));
        assert!(!is_day_file("2026-11-26.json.bak"));
        assert!(!is_day_file("channels.json"));
        assert!(!is_day_file("2026-1-26x.json"));
    }

    #[test]
    fn authors_are_one_line() {
        assert_eq!(clean_author(" al\u{1b}[31mice\n"), "al [31mice");
        assert_eq!(clean_author("\n"), "slack");
    }
}

#[cfg(test)]
mod select_tests {
    use super::*;

    fn export() -> Export {
        let mut names = Names::default();
        names.users.insert("U1".into(), "alice".into());
        Export {
            dir: PathBuf::from("."),
            channels: vec![],
            names,
        }
    }

    fn pick(json: &str, all: bool) -> Result<Note, Skip> {
        let m: Message = serde_json::from_str(json).unwrap();
        let channel = Channel {
            id: "C1".into(),
            name: "inc".into(),
            private: false,
        };
        let now = DateTime::from_timestamp(1_800_000_000, 0).unwrap();
        export().note(&channel, &m, all, now)
    }

    #[test]
    fn people_bots_and_system_messages() {
        let note = pick(
            r#"{"type":"message","user":"U1","text":"TL: hi","ts":"1.5"}"#,
            false,
        )
        .unwrap();
        assert_eq!((note.author.as_str(), note.text.as_str()), ("alice", "hi"));
        assert_eq!(note.at.timestamp_subsec_millis(), 500);
        assert_eq!(
            pick(
                r#"{"type":"message","user":"U1","text":"hi","ts":"1"}"#,
                false
            ),
            Err(Skip::NotNote)
        );
        assert_eq!(
            pick(
                r#"{"type":"message","user":"U1","text":"shared","ts":"1"}"#,
                true
            )
            .unwrap()
            .text,
            "shared"
        );
        assert_eq!(
            pick(
                r#"{"type":"message","user":"U1","text":"","ts":"1","files":[{"name":" "}]}"#,
                true
            ),
            Err(Skip::Empty)
        );
        assert_eq!(
            pick(
                r#"{"type":"message","bot_id":"B1","text":"deployed","ts":"1"}"#,
                true
            ),
            Err(Skip::Bot)
        );
        let bot = pick(
            r#"{"type":"message","subtype":"bot_message","bot_id":"B1","username":"alerts","text":"tl: fired","ts":"1"}"#,
            false,
        )
        .unwrap();
        assert_eq!(
            (bot.author.as_str(), bot.text.as_str()),
            ("alerts", "fired")
        );
        assert_eq!(
            pick(
                r#"{"type":"message","subtype":"channel_purpose","user":"U1","text":"TL: x","ts":"1"}"#,
                true
            ),
            Err(Skip::System)
        );
        assert_eq!(
            pick(
                r#"{"type":"message","subtype":"group_join","user":"U1","text":"TL: x","ts":"1"}"#,
                true
            ),
            Err(Skip::Join)
        );
        assert_eq!(
            pick(r#"{"type":"message","user":"U1","text":"TL: x"}"#, true),
            Err(Skip::NoTime)
        );
        let stranger = pick(
            r#"{"type":"message","user":"U9","text":"TL: x","ts":"2","user_profile":{"display_name":"","real_name":"Dana"}}"#,
            false,
        )
        .unwrap();
        assert_eq!(stranger.author, "Dana");
        let unknown = pick(
            r#"{"type":"message","user":"U9","text":"TL: x","ts":"2"}"#,
            false,
        )
        .unwrap();
        assert_eq!(unknown.author, "U9");
    }
}
