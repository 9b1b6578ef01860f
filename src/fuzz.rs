//! Fuzz tests on stable Rust: every parser of a string a person types (or
//! a file brings) is fed arbitrary text, and an export file is fed
//! arbitrary and mutated documents. Each must answer Ok or Err, never
//! panic: a panic aborts `inc` and prints the raw input to the terminal.
//! proptest runs them as part of `cargo test`, a bounded number of cases
//! each.

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use serde_json::Value;

use crate::config::Config;
use crate::model::exchange;
use crate::model::{
    ActionStatus, ActionType, Audience, EntryKind, EntryRef, FactorKind, Field, Hlc, LessonKind,
    LinkKind, NewChecklistItem, PostOutcome, Scope, Severity, Status, fts_query, parse_due,
    parse_incident_id,
};
use crate::time::{EventSpan, Zone, parse_time, parse_time_on};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-26T14:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn berlin() -> Zone {
    Zone::from_name("Europe/Berlin").unwrap()
}

/// Text shaped like what the parsers read (signs, digits, units, times,
/// dates, `#`, `sev`) with any character mixed in, multi-byte ones and
/// controls included: where a parser cuts text by bytes, a multi-byte
/// character at the cut is what breaks it. Plain arbitrary strings come
/// too.
fn typed() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-+#~ ]?[0-9]{0,4}(\\PC|[\u{0}-\u{1f}\u{202e}])?[dwhms]?",
        "[-+]?[0-9]{0,3}( ?[a-zA-Zé]{0,7})?( ?[0-9]{0,3}[a-zé]{0,3})?( ago| AGO|ägo)?",
        "(sev|SEV|Sév)?[0-9é]{0,3}",
        "[0-9]{0,4}-[0-9]{0,2}-[0-9é]{0,2}([ T][0-9]{0,2}:[0-9é]{0,2}(:[0-9]{0,2})?)?(Z|[+-][0-9]{2}:[0-9]{2}|é)?",
        "(today|tomorrow|yesterday|now|last|[0-9a-f]{0,8})\\PC{0,2}",
        "[a-zé_-]{0,6}:? ?\\PC{0,10}",
        "[0-9]{0,11}(\\.[0-9é]{0,10})?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `--at`, `--started` and the other times: `-15m`, `2h ago`, `14:05`,
    /// a date and time, RFC 3339.
    #[test]
    fn time_arguments_never_panic(s in typed()) {
        let _ = parse_time(&s, now(), &berlin());
        let _ = parse_time(&s, now(), &Zone::utc());
        let span = EventSpan { started: now() - chrono::TimeDelta::days(9), latest: now() - chrono::TimeDelta::days(8) };
        let _ = parse_time_on(&s, now(), &berlin(), span);
    }

    /// `--since` and `--until` of `inc stats`: `-30d`, `-4w`, `+1d`, a day
    /// or a time.
    #[test]
    fn since_and_until_never_panic(s in typed()) {
        let _ = crate::model::stats::parse_bound(&s, now(), &berlin());
    }

    /// `--due` of action items: `+7d`, `+2w`, `today`, a date.
    #[test]
    fn due_dates_never_panic(s in typed()) {
        let _ = parse_due(&s, NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
    }

    /// Severities (`2`, `SEV2`, a configured label), statuses and the
    /// other named values a command takes.
    #[test]
    fn severities_labels_and_named_values_never_panic(s in typed()) {
        let _ = s.parse::<Severity>();
        let _ = Config::default().parse_severity(&s);
        let _ = s.parse::<Status>();
        let _ = EntryKind::parse(&s);
        let _ = Audience::parse(&s);
        let _ = Field::parse(&s);
        let _ = LinkKind::parse(&s);
        let _ = PostOutcome::parse(&s);
        let _ = ActionType::parse(&s);
        let _ = ActionStatus::parse(&s);
        let _ = Scope::parse(&s);
        let _ = FactorKind::parse(&s);
        let _ = LessonKind::parse(&s);
        let _ = NewChecklistItem::parse(&s);
    }

    /// Incident ids (`12`, `#12`) and entry refs (`3f2a`, `last`).
    #[test]
    fn incident_ids_and_entry_refs_never_panic(s in typed()) {
        let _ = parse_incident_id(&s);
        let _ = EntryRef::parse(&s);
    }

    /// A search query, with its phrases, prefixes and operators.
    #[test]
    fn search_queries_never_panic(words in proptest::collection::vec(
        prop_oneof![typed(), "[()\"*]{0,3}\\PC{0,4}[()\"*]{0,2}", Just("OR".to_string()), Just("NOT".to_string())],
        0..6,
    )) {
        let _ = fts_query(&words);
    }

    /// Values read from files: a record's clock, a Slack message's `ts`,
    /// Slack's markup, a config file.
    #[test]
    fn clocks_timestamps_markup_and_config_text_never_panic(s in typed()) {
        let _ = Hlc::parse(&s);
        let _ = crate::slack::export::parse_ts(&s);
        let _ = crate::slack::markup::decode(&s);
        let _ = Config::check(&s);
    }

    /// An export file of any text.
    #[test]
    fn any_text_as_an_export_file_never_panics(s in prop_oneof![
        any::<String>(),
        "\\{\"format\": ?\"inc-export\", ?\"version\": ?[0-9é]{1,2}\\PC{0,40}\\}?",
    ]) {
        let _ = exchange::parse(&s, now());
    }
}

/// A real export, of version 1, with every kind of record.
const EXPORT_V1: &str = include_str!("../tests/fixtures/export-v1.json");

/// The same export in the current version.
fn export_current() -> Value {
    let doc = exchange::parse(EXPORT_V1, now()).expect("the fixture is a valid export");
    serde_json::to_value(&doc).expect("serializable")
}

/// The JSON pointer of every value in `value`, itself included.
fn pointers(value: &Value, at: &str, out: &mut Vec<String>) {
    out.push(at.to_string());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(v, &format!("{at}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// What a value in a document is changed into.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replaced by another value.
    Replace(Value),
    /// A string: a character put in at a place (by characters), or
    /// cut short there.
    Insert(usize, char),
    Truncate(usize),
    /// Removed from its object or array.
    Remove,
}

fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e20f64..1e20).prop_map(Value::from),
        typed().prop_map(Value::from),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        json_value().prop_map(Mutation::Replace),
        (0usize..40, any::<char>()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        (0usize..40).prop_map(Mutation::Truncate),
        Just(Mutation::Remove),
    ]
}

fn mutate(doc: &mut Value, pointer: &str, mutation: &Mutation) {
    match mutation {
        Mutation::Remove => {
            let Some((parent, last)) = pointer.rsplit_once('/') else {
                return;
            };
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    if let Some(i) = last.parse::<usize>().ok().filter(|i| *i < items.len()) {
                        items.remove(i);
                    }
                }
                _ => {}
            }
        }
        Mutation::Replace(v) => {
            if let Some(slot) = doc.pointer_mut(pointer) {
                *slot = v.clone();
            }
        }
        Mutation::Insert(at, c) => {
            if let Some(Value::String(s)) = doc.pointer_mut(pointer) {
                let byte = s.char_indices().nth(*at).map_or(s.len(), |(i, _)| i);
                s.insert(byte, *c);
            }
        }
        Mutation::Truncate(at) => {
            if let Some(Value::String(s)) = doc.pointer_mut(pointer) {
                *s = s.chars().take(*at).collect();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A valid export with up to four values changed (to another type, an
    /// odd character in a time or UUID, a field removed), in version 1 and
    /// in the current version: the validator answers, it never panics.
    #[test]
    fn a_mutated_export_file_is_accepted_or_refused_never_a_panic(
        current in any::<bool>(),
        changes in proptest::collection::vec((any::<proptest::sample::Index>(), mutation()), 1..5),
    ) {
        let mut doc = if current {
            export_current()
        } else {
            serde_json::from_str(EXPORT_V1).unwrap()
        };
        for (index, change) in &changes {
            let mut all = Vec::new();
            pointers(&doc, "", &mut all);
            let pointer = index.get(&all);
            mutate(&mut doc, pointer, change);
        }
        let text = serde_json::to_string_pretty(&doc).unwrap();
        let _ = exchange::parse(&text, now());
        // Cut short anywhere, too.
        let cut = (0..=text.len() / 2).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        let _ = exchange::parse(&text[..cut], now());
    }
}

#[test]
fn the_fixture_export_is_valid_in_both_versions() {
    let current = serde_json::to_string(&export_current()).unwrap();
    exchange::parse(&current, now()).expect("the current form is valid");
}
