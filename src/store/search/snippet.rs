//! The snippet of each search result: about [`SNIPPET_TOKENS`] words around
//! the match, the matched words marked.
//!
//! FTS5's `snippet()` cuts them, in one pass for all hits. It costs time
//! in the square of the matches in a row: for each match, it scores a
//! window starting there by walking every match of the row. On a note of
//! 1.7 MB holding the word searched for on every line that took two
//! minutes, and a note may hold 16 MiB. So a row longer than [`WINDOW`]
//! bytes is not given to it whole: the row is cut into windows of that
//! size, overlapping by [`OVERLAP`] bytes so that a phrase cut at one end
//! is whole in the next, and the windows are indexed in a temporary FTS5
//! table, a few at a time, until one of them matches. `snippet()` then
//! cuts the snippet in that window, as it does in a short row. The work is
//! at most linear in the row's size, and stops at the first window that
//! matches.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use super::{bad_query, fts};
use crate::model::Piece;

/// The markers `snippet()` puts around a match: characters of Unicode's
/// private use area. A row that holds one of them itself gets other
/// markers (see [`free_marks`]), so user text can never pass for one.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// How many tokens a snippet shows around the match.
const SNIPPET_TOKENS: i64 = 16;

/// The longest row, in bytes, given to `snippet()` whole, and the size of
/// the windows a longer one is cut into. A snippet in a row this long,
/// made of the word searched for only, takes a few milliseconds.
const WINDOW: usize = 4096;

/// How much neighbouring windows share, in bytes: a phrase up to this long
/// lies whole in one of them.
const OVERLAP: usize = 512;

/// The snippets of the rows `ranked` names, in one more pass over the
/// matches between the lowest and the highest of them in each of `ranges`
/// (FTS5 cuts a snippet only on a row the query matched).
pub(super) fn snippets(
    conn: &Connection,
    query: &str,
    ranked: &[(i64, Option<f64>)],
    ranges: &[(i64, i64)],
) -> Result<HashMap<i64, Vec<Piece>>> {
    let mut out = HashMap::new();
    let wanted: String = ranked
        .iter()
        .map(|r| format!(",{}", r.0))
        .collect::<String>()
        + ",";
    // A long row gets no snippet here (NULL): it is cut in windows after.
    let mut stmt = conn.prepare(
        "SELECT rowid, \
         CASE WHEN length(CAST(text AS BLOB)) <= ?8 \
         THEN snippet(search_index, 0, ?4, ?5, '…', ?6) END, \
         instr(text, ?4) > 0 OR instr(text, ?5) > 0 \
         FROM search_index WHERE search_index MATCH ?1 AND rowid BETWEEN ?2 AND ?3 \
         AND instr(?7, ',' || rowid || ',') > 0",
    )?;
    // Range by range: the matches between an incident's title and its
    // newest note may be most of the index.
    for &(from, to) in ranges {
        let inside = || {
            ranked
                .iter()
                .map(|r| r.0)
                .filter(|r| (from..=to).contains(r))
        };
        let (Some(lo), Some(hi)) = (inside().min(), inside().max()) else {
            continue;
        };
        let rows = stmt
            .query_map(
                params![
                    query,
                    lo,
                    hi,
                    OPEN.to_string(),
                    CLOSE.to_string(),
                    SNIPPET_TOKENS,
                    wanted,
                    i64::try_from(WINDOW)?
                ],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, bool>(2)?,
                    ))
                },
            )
            .map_err(bad_query)?;
        for row in rows {
            let (rowid, marked, forged) = row.map_err(bad_query)?;
            if out.contains_key(&rowid) {
                continue;
            }
            let pieces = match marked {
                None => in_windows(conn, query, rowid)?,
                // The row holds a marker character itself: cut its
                // snippet again with markers it does not hold.
                Some(_) if forged => snippet(conn, query, rowid)?,
                Some(marked) => split(&marked, OPEN, CLOSE),
            };
            out.insert(rowid, pieces);
        }
    }
    Ok(out)
}

/// A snippet of (short) row `rowid` around the match, split at markers the
/// row does not hold.
fn snippet(conn: &Connection, query: &str, rowid: i64) -> Result<Vec<Piece>> {
    let text = row_text(conn, rowid)?;
    let Some([open, close]) = free_marks(&text) else {
        // Text holding every private use character: no highlight.
        return Ok(vec![Piece {
            text: snippet_text(conn, query, rowid, "", "")?,
            hit: false,
        }]);
    };
    let marked = snippet_text(conn, query, rowid, &open.to_string(), &close.to_string())?;
    Ok(split(&marked, open, close))
}

fn row_text(conn: &Connection, rowid: i64) -> Result<String> {
    Ok(conn.query_row(
        "SELECT text FROM search_index WHERE rowid = ?1",
        [rowid],
        |r| r.get(0),
    )?)
}

fn snippet_text(
    conn: &Connection,
    query: &str,
    rowid: i64,
    open: &str,
    close: &str,
) -> Result<String> {
    Ok(conn.query_row(
        "SELECT snippet(search_index, 0, ?3, ?4, '…', ?5) FROM search_index \
         WHERE search_index MATCH ?1 AND rowid = ?2",
        params![query, rowid, open, close, SNIPPET_TOKENS],
        |r| r.get(0),
    )?)
}

/// The snippet of a long row: `snippet()` in the first of its windows that
/// the query matches. A query whose words lie further apart than a window
/// matches none: then the first window holding any of its phrases, and
/// failing that (a phrase longer than [`OVERLAP`] across a cut) the row's
/// first words, unmarked.
fn in_windows(conn: &Connection, query: &str, rowid: i64) -> Result<Vec<Piece>> {
    let text = row_text(conn, rowid)?;
    let windows = windows(&text);
    if let Some([open, close, cut]) = free_marks(&text) {
        // The same tokenizer as `search_index` (schema 6), so that the
        // same words match.
        conn.execute_batch(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_window \
             USING fts5(text, tokenize = 'unicode61 remove_diacritics 2'); \
             DELETE FROM temp.search_window;",
        )?;
        let marks = [open.to_string(), close.to_string(), cut.to_string()];
        let mut indexed = 0;
        let mut found = None;
        for query in [Some(query.to_string()), fts::any_phrase(query)]
            .iter()
            .flatten()
        {
            found = first_match(conn, query, &text, &windows, &mut indexed, &marks)?;
            if found.is_some() {
                break;
            }
        }
        conn.execute("DELETE FROM temp.search_window", [])?;
        if let Some((at, marked)) = found {
            let marked = with_cuts(&marked, cut, &windows[at], text.len());
            return Ok(split(&marked, open, close));
        }
    }
    let first: Vec<&str> = text
        .split_whitespace()
        .take(usize::try_from(SNIPPET_TOKENS).unwrap_or(16))
        .collect();
    Ok(vec![Piece {
        text: format!("{}…", first.join(" ")),
        hit: false,
    }])
}

/// The first of `windows` of `text` that `query` matches, and its snippet
/// (marked with `marks`: open, close, cut). The windows not `indexed` yet
/// are indexed in batches that double in size, so that a match near the
/// start of a long row is found after indexing little of it; those
/// indexed already are searched first.
fn first_match(
    conn: &Connection,
    query: &str,
    text: &str,
    windows: &[Range<usize>],
    indexed: &mut usize,
    marks: &[String; 3],
) -> Result<Option<(usize, String)>> {
    let mut insert =
        conn.prepare_cached("INSERT INTO temp.search_window (rowid, text) VALUES (?1, ?2)")?;
    let mut find = conn.prepare_cached(
        "SELECT rowid, snippet(search_window, 0, ?4, ?5, ?6, ?7) FROM temp.search_window \
         WHERE search_window MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid LIMIT 1",
    )?;
    let mut from = 0;
    let mut batch = 1;
    loop {
        let to = (*indexed).max((from + batch).min(windows.len()));
        for (i, window) in windows.iter().enumerate().take(to).skip(*indexed) {
            insert.execute(params![i64::try_from(i)?, &text[window.clone()]])?;
        }
        *indexed = to;
        let (lo, hi) = (i64::try_from(from)?, i64::try_from(to)? - 1);
        let found = find
            .query_row(
                params![query, lo, hi, marks[0], marks[1], marks[2], SNIPPET_TOKENS],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()
            .map_err(bad_query)?;
        if let Some((i, marked)) = found {
            return Ok(Some((usize::try_from(i)?, marked)));
        }
        if to == windows.len() {
            return Ok(None);
        }
        from = to;
        batch *= 2;
    }
}

/// A window's snippet as one of the whole row: `snippet()` marks with
/// `cut` where it left words of the window out; where the window itself
/// cut the row short, `…` too.
fn with_cuts(marked: &str, cut: char, window: &Range<usize>, len: usize) -> String {
    let mut out = String::with_capacity(marked.len() + 6);
    let body = match marked.strip_prefix(cut) {
        Some(rest) => {
            out.push('…');
            rest
        }
        None if window.start > 0 => {
            out.push('…');
            marked.trim_start()
        }
        None => marked,
    };
    match body.strip_suffix(cut) {
        Some(rest) => {
            out.push_str(rest);
            out.push('…');
        }
        None if window.end < len => {
            out.push_str(body.trim_end());
            out.push('…');
        }
        None => out.push_str(body),
    }
    out
}

/// The windows a long text is searched in: [`WINDOW`] bytes each, each
/// beginning [`OVERLAP`] bytes before the end of the one before, every cut
/// moved to a space where one is near (so that no word is cut in two) and
/// always onto a character boundary.
fn windows(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = cut_at(text, start + WINDOW);
        out.push(start..end);
        if end == text.len() {
            return out;
        }
        let next = cut_at(text, end - OVERLAP.min(end - start));
        // Always forward, however the cuts fell.
        start = if next > start { next } else { end };
    }
}

/// A place to cut `text` at or just after byte `at`: the next white space
/// within a few bytes, else the character boundary at or before `at`.
fn cut_at(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    let mut floor = at;
    while !text.is_char_boundary(floor) {
        floor -= 1;
    }
    let near = &text.as_bytes()[floor..text.len().min(floor + 64)];
    match near.iter().position(u8::is_ascii_whitespace) {
        Some(i) => floor + i,
        None => floor,
    }
}

/// Private use characters that `text` does not hold, to mark matches
/// (and cuts) with: the first free ones, so [`OPEN`] and [`CLOSE`] unless
/// the text holds one. One pass over the text, however many it holds.
fn free_marks<const N: usize>(text: &str) -> Option<[char; N]> {
    let private = |c: &char| matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}');
    let held: HashSet<char> = text.chars().filter(private).collect();
    let mut free = ('\u{E000}'..='\u{F8FF}')
        .chain('\u{F0000}'..='\u{FFFFD}')
        .filter(|c| !held.contains(c));
    let mut out = ['\0'; N];
    for slot in &mut out {
        *slot = free.next()?;
    }
    Some(out)
}

/// Splits marked text into pieces, matched or not.
fn split(marked: &str, open: char, close: char) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut hit = false;
    let mut current = String::new();
    for c in marked.chars() {
        if c == open || c == close {
            if !current.is_empty() {
                pieces.push(Piece {
                    text: std::mem::take(&mut current),
                    hit,
                });
            }
            hit = c == open;
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        pieces.push(Piece { text: current, hit });
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_avoid_the_characters_of_the_text() {
        assert_eq!(free_marks("plain"), Some([OPEN, CLOSE]));
        assert_eq!(
            free_marks("forged \u{E000}x\u{E001}"),
            Some(['\u{E002}', '\u{E003}'])
        );
        assert_eq!(
            free_marks("\u{E001}\u{E002}"),
            Some(['\u{E000}', '\u{E003}', '\u{E004}'])
        );
    }

    #[test]
    fn split_finds_the_marked_pieces() {
        let pieces = split("a \u{E000}db\u{E001} b", OPEN, CLOSE);
        let hits: Vec<(&str, bool)> = pieces.iter().map(|p| (p.text.as_str(), p.hit)).collect();
        assert_eq!(hits, [("a ", false), ("db", true), (" b", false)]);
    }

    #[test]
    fn windows_cover_the_text_overlap_and_cut_between_words() {
        let text = "é word ".repeat(3000);
        let windows = windows(&text);
        assert_eq!(windows[0].start, 0);
        assert_eq!(windows.last().unwrap().end, text.len());
        for pair in windows.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            assert!(b.start > a.start && b.start < a.end, "{a:?} {b:?}");
            assert!(a.end - b.start >= OVERLAP - 64, "{a:?} {b:?}");
        }
        for w in &windows {
            assert!(w.len() <= WINDOW + 64, "{w:?}");
            // On a boundary between words: at a space, or at an end.
            assert!(w.start == 0 || text[w.start..].starts_with(' '), "{w:?}");
            assert!(
                w.end == text.len() || text[w.end..].starts_with(' '),
                "{w:?}"
            );
        }
        // Without spaces: on character boundaries still.
        let dense = "é".repeat(10_000);
        for w in super::windows(&dense) {
            assert!(dense.is_char_boundary(w.start) && dense.is_char_boundary(w.end));
        }
    }

    #[test]
    fn a_window_snippet_says_where_the_row_goes_on() {
        let cut = '\u{E002}';
        // The window is inside the row: its own ends are cuts too.
        assert_eq!(with_cuts(" a b ", cut, &(10..20), 30), "…a b…");
        // snippet() cut inside the window.
        assert_eq!(with_cuts("\u{E002}a b\u{E002}", cut, &(0..20), 20), "…a b…");
        // The whole row.
        assert_eq!(with_cuts("a b", cut, &(0..3), 3), "a b");
    }
}
