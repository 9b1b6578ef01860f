//! `inc search`: what a search found, for people (the incident, where the
//! match is, a snippet with the match highlighted) and as JSON.
//!
//! The store hands over snippets already split into matched and unmatched
//! pieces, so no marker character ever reaches this module: each piece's
//! text is made safe first, and only then is the highlight added around it.

use serde::Serialize;

use super::json::render;
use super::style::Style;
use super::text::safe_line;
use crate::model::{EntryKind, Hit, Location, Piece};
use crate::time::Zone;

/// Around a match when not colouring: visible, and rare in incident notes.
pub const PLAIN_OPEN: &str = "«";
pub const PLAIN_CLOSE: &str = "»";

/// The results, best first: for each, the incident with its status, where
/// the match is, and the snippet, indented.
pub fn hits(hits: &[Hit], zone: &Zone, style: Style) -> String {
    let mut out = String::new();
    for (n, hit) in hits.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let i = &hit.incident;
        out.push_str(&format!(
            "{} {} {} ({})\n",
            i.number,
            style.severity(i.severity, &i.severity.to_string()),
            safe_line(&i.title),
            style.status(i.status, i.status.as_str()),
        ));
        out.push_str(&format!("  {}\n", location(&hit.location, zone)));
        out.push_str(&format!("  {}\n", snippet(&hit.snippet, style)));
    }
    out
}

/// Where the match is, in words: `title`, `timeline note at 2026-11-26
/// 14:05 CET by alice`, `action 2 (owner: payments, due 2026-12-01)`...
pub fn location(location: &Location, zone: &Zone) -> String {
    match location {
        Location::Title => "title".to_string(),
        Location::Summary => "summary".to_string(),
        Location::Impact => "impact".to_string(),
        Location::Detection => "detection".to_string(),
        Location::Entry {
            kind,
            at,
            author,
            private,
            ..
        } => {
            let what = match kind {
                EntryKind::Note => "timeline note",
                EntryKind::Update => "status update",
                EntryKind::Handoff => "handoff briefing",
                EntryKind::Severity => "severity change",
                EntryKind::Task => "task",
                EntryKind::Command => "command run",
                _ => "timeline entry",
            };
            let private = if *private { " (private)" } else { "" };
            format!(
                "{what} at {} by {}{private}",
                zone.format(*at),
                safe_line(author)
            )
        }
        Location::Factor { id } => format!("factor {id}"),
        Location::Action { id, owner, due } => {
            let due = due.map(|d| format!(", due {d}")).unwrap_or_default();
            format!("action {id} (owner: {}{due})", safe_line(owner))
        }
        Location::Lesson { id } => format!("lesson {id}"),
    }
}

/// The snippet on one line: line breaks and tabs become spaces, other
/// control characters are escaped, then the matches are highlighted
/// (bold yellow in colour, else between « and »).
pub fn snippet(pieces: &[Piece], style: Style) -> String {
    let mut out = String::new();
    for piece in pieces {
        let flat = piece.text.replace(['\n', '\t'], " ").replace('\r', "");
        let text = safe_line(&flat);
        if !piece.hit {
            out.push_str(&text);
        } else if style.color {
            out.push_str(&style.highlight(&text));
        } else {
            out.push_str(PLAIN_OPEN);
            out.push_str(&text);
            out.push_str(PLAIN_CLOSE);
        }
    }
    out
}

#[derive(Serialize)]
struct HitJson<'a> {
    incident: IncidentJson<'a>,
    source: SourceJson,
    /// The snippet as plain text; `highlights` says where the matches are.
    snippet: String,
    /// Matched stretches of `snippet`, as [start, end) offsets counted in
    /// Unicode characters.
    highlights: Vec<[usize; 2]>,
    /// bm25, title matches doubled: lower is better; null when there were
    /// too many matches to score (then newest first).
    rank: Option<f64>,
}

#[derive(Serialize)]
struct IncidentJson<'a> {
    id: i64,
    severity: String,
    status: &'static str,
    title: &'a str,
}

#[derive(Serialize)]
struct SourceJson {
    kind: &'static str,
    /// The row's id: the incident's for its title and description, else
    /// the timeline entry's, factor's, action item's or lesson's number.
    id: i64,
    /// A private note (for responders only).
    private: bool,
}

/// `inc search --json`: an array of matches, best first.
pub fn json(hits: &[Hit]) -> String {
    let list: Vec<HitJson<'_>> = hits
        .iter()
        .map(|hit| {
            let mut snippet = String::new();
            let mut highlights = Vec::new();
            let mut at = 0;
            for piece in &hit.snippet {
                let len = piece.text.chars().count();
                if piece.hit {
                    highlights.push([at, at + len]);
                }
                snippet.push_str(&piece.text);
                at += len;
            }
            HitJson {
                incident: IncidentJson {
                    id: hit.incident.id,
                    severity: hit.incident.severity.to_string(),
                    status: hit.incident.status.as_str(),
                    title: &hit.incident.title,
                },
                source: SourceJson {
                    kind: hit.location.kind().as_str(),
                    id: hit.location.id(hit.incident.id),
                    private: hit.location.private(),
                },
                snippet,
                highlights,
                rank: hit.rank,
            }
        })
        .collect();
    render(&list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, hit: bool) -> Piece {
        Piece {
            text: text.to_string(),
            hit,
        }
    }

    #[test]
    fn matches_are_marked_after_the_text_is_made_safe() {
        let pieces = [
            piece("a\x1b[31m\nb ", false),
            piece("db\x1b", true),
            piece(" «x»", false),
        ];
        assert_eq!(
            snippet(&pieces, Style::PLAIN),
            "a\\u{1b}[31m b «db\\u{1b}» «x»"
        );
        assert_eq!(
            snippet(&pieces, Style { color: true }),
            "a\\u{1b}[31m b \x1b[1;33mdb\\u{1b}\x1b[0m «x»"
        );
    }
}
