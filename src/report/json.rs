//! JSON for scripts. The field names are an interface, documented in
//! docs/json.md: add fields freely, never rename or remove one.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

use super::text::is_unsafe;
use crate::model::{Incident, TimelineEntry};

#[derive(Serialize)]
struct IncidentJson<'a> {
    id: i64,
    uuid: &'a str,
    title: &'a str,
    severity: String,
    status: &'static str,
    security: bool,
    commander: &'a str,
    started_at: String,
    detected_at: String,
    mitigated_at: Option<String>,
    resolved_at: Option<String>,
    created_at: String,
    created_by: &'a str,
    duration_seconds: i64,
    time_to_detect_seconds: i64,
    time_to_recover_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    latest_entries: Option<Vec<EntryJson<'a>>>,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    id: i64,
    uuid: &'a str,
    incident_id: i64,
    kind: &'static str,
    text: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    event_at: String,
    recorded_at: String,
    author: &'a str,
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn incident_json<'a>(i: &'a Incident, now: DateTime<Utc>) -> IncidentJson<'a> {
    IncidentJson {
        id: i.id,
        uuid: &i.uuid,
        title: &i.title,
        severity: i.severity.to_string(),
        status: i.status.as_str(),
        security: i.security,
        commander: &i.commander,
        started_at: time(i.started_at),
        detected_at: time(i.detected_at),
        mitigated_at: i.mitigated_at.map(time),
        resolved_at: i.resolved_at.map(time),
        created_at: time(i.created_at),
        created_by: &i.created_by,
        duration_seconds: i.duration(now).num_seconds(),
        time_to_detect_seconds: i.time_to_detect().num_seconds(),
        time_to_recover_seconds: i.time_to_recover().map(|d| d.num_seconds()),
        latest_entries: None,
    }
}

fn entry_json(e: &TimelineEntry) -> EntryJson<'_> {
    EntryJson {
        id: e.id,
        uuid: &e.uuid,
        incident_id: e.incident_id,
        kind: e.kind.as_str(),
        text: &e.text,
        from: e.from.as_deref(),
        to: e.to.as_deref(),
        event_at: time(e.event_at),
        recorded_at: time(e.recorded_at),
        author: &e.author,
    }
}

/// Pretty JSON, with every control or bidi character escaped as `\uXXXX`
/// (serde_json escapes only the ASCII ones), so the output is safe on a
/// terminal and still decodes to exactly the stored text.
fn render<T: Serialize>(value: &T) -> String {
    let raw = serde_json::to_string_pretty(value).expect("JSON of plain data cannot fail");
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if is_unsafe(c) && !c.is_ascii() || c == '\u{7f}' {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

/// `inc list --json`: an array of incidents.
pub fn incidents(list: &[Incident], now: DateTime<Utc>) -> String {
    render(
        &list
            .iter()
            .map(|i| incident_json(i, now))
            .collect::<Vec<_>>(),
    )
}

/// `inc show --json`: one incident with its latest timeline entries.
pub fn incident(i: &Incident, latest: &[TimelineEntry], now: DateTime<Utc>) -> String {
    let mut json = incident_json(i, now);
    json.latest_entries = Some(latest.iter().map(entry_json).collect());
    render(&json)
}

/// `inc timeline --json`: an array of entries in event-time order.
pub fn timeline(entries: &[TimelineEntry]) -> String {
    render(&entries.iter().map(entry_json).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_but_decode_faithfully() {
        let text = "esc\u{1b}[2J c1\u{9b} del\u{7f} rlo\u{202e} ok é";
        let out = render(&serde_json::json!({ "t": text }));
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(!out.contains('\u{202e}'));
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["t"], text);
    }
}
