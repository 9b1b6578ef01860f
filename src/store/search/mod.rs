//! Full-text search over the `search_index` FTS5 table (schema 6): ranks
//! the matches, maps each back to its incident and the row it is in, and
//! cuts a snippet around it.
//!
//! The index's rowid is the source row's id times 8 plus a code (see
//! [`fts`]); triggers keep it in step with the tables.
//!
//! Ranking is bm25 (lower is better), with a title's score doubled: a word
//! in an incident's title says more than the same word in one note among
//! hundreds. bm25 is costly for a common word: before it scores a single
//! row it counts every row holding each word (the word's weight, IDF), and
//! FTS5 scores every match before it can sort them. On a database of a
//! million notes, a word found in most of them took a second. So matches
//! are first read newest first, without scores, up to [`RANK_CAP`] (FTS5
//! reads those lazily: about a millisecond). Up to the cap, all are scored
//! and ranked. Beyond it, none are: the newest [`RANK_CAP`] are ordered
//! with the incidents' own words (titles, descriptions, factors, action
//! items, lessons) before timeline entries, newest first, and the result
//! says so. For a word that common, bm25 would tell the matches apart by
//! little anyway: its IDF is near zero.

mod fts;
mod snippet;

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::UserError;
use crate::model::{
    EntryKind, Found, Hit, HitIncident, Location, Number, Query, Severity, SourceKind, Status,
};
use crate::store::{Store, time_at};

/// How many matches are scored at most (see the module's documentation).
pub const RANK_CAP: usize = 10_000;

/// What to search in, and how many results to return.
#[derive(Debug, Clone, Default)]
pub struct SearchFilter {
    /// Only this incident's records.
    pub incident: Option<i64>,
    /// Only incidents of this severity.
    pub severity: Option<Severity>,
    /// At most this many results.
    pub limit: usize,
}

/// The incident a row of `search_index` belongs to (the name is spelt out:
/// inside the subqueries a bare `rowid` would be their own table's).
const INCIDENT_OF: &str = "CASE search_index.rowid % 8 \
     WHEN 4 THEN (SELECT incident_id FROM timeline_entries WHERE id = search_index.rowid / 8) \
     WHEN 5 THEN (SELECT incident_id FROM factors WHERE id = search_index.rowid / 8) \
     WHEN 6 THEN (SELECT incident_id FROM actions WHERE id = search_index.rowid / 8) \
     WHEN 7 THEN (SELECT incident_id FROM lessons WHERE id = search_index.rowid / 8) \
     ELSE search_index.rowid / 8 END";

impl Store {
    /// Runs a search and returns the best `filter.limit` matches, best
    /// first. Run it inside [`Store::snapshot`] so that the ranking and
    /// the rows it names agree while others write.
    pub fn search(&self, query: &Query, filter: &SearchFilter) -> Result<Found> {
        self.read(|conn| {
            let expanded = expand_prefixes(conn, query)?;
            search_in(conn, &fts::to_fts(query, &expanded), filter, RANK_CAP)
        })
    }
}

/// How many words a prefix is expanded into at most; a prefix that begins
/// more words is left to FTS5.
const MAX_EXPANSION: usize = 32;

/// The words of the index that each plain `word*` prefix begins. FTS5
/// answers a prefix by merging the lists of every word it begins into one,
/// in full, before it returns a row: for a prefix of a word in most notes,
/// 60 ms or more each time the query runs. The same words ORed are read
/// lazily, as any word is. The words are read from an `fts5vocab` table
/// (temporary: in memory, gone with the connection), one seek per word.
fn expand_prefixes(conn: &Connection, query: &Query) -> Result<HashMap<String, Vec<String>>> {
    let mut expanded = HashMap::new();
    let stems = fts::prefix_stems(query);
    if stems.is_empty() {
        return Ok(expanded);
    }
    conn.execute_batch(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_words \
         USING fts5vocab(main, 'search_index', 'instance')",
    )?;
    let mut next =
        conn.prepare("SELECT term FROM temp.search_words WHERE term >= ?1 AND term < ?2 LIMIT 1")?;
    'stems: for stem in stems {
        // The first string after every word beginning with `stem`: its last
        // character (an ASCII letter or digit) moved up by one.
        let mut end = stem.clone();
        let last = end.pop().map_or('0', |c| char::from(c as u8 + 1));
        end.push(last);
        let mut words = Vec::new();
        let mut from = stem.clone();
        while let Some(word) = next
            .query_row(params![from, end], |r| r.get::<_, String>(0))
            .optional()?
        {
            if words.len() == MAX_EXPANSION {
                continue 'stems;
            }
            // The next word up: nothing sorts between `word` and this.
            from = format!("{word}\u{1}");
            words.push(word);
        }
        expanded.insert(stem, words);
    }
    Ok(expanded)
}

fn search_in(
    conn: &Connection,
    query: &str,
    filter: &SearchFilter,
    rank_cap: usize,
) -> Result<Found> {
    // The filters, as a condition on a row of search_index: the incident's
    // id and severity, each NULL for "any".
    let condition = if filter.incident.is_some() || filter.severity.is_some() {
        format!(
            "AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = ({INCIDENT_OF}) \
             AND (?5 IS NULL OR i.id = ?5) AND (?6 IS NULL OR i.severity = ?6))"
        )
    } else {
        // The same parameters stay bound; they are NULL.
        "AND ?5 IS NULL AND ?6 IS NULL".to_string()
    };
    let cap = i64::try_from(rank_cap).unwrap_or(i64::MAX);
    let ranges = rowid_ranges(conn, filter.incident)?;
    let severity = filter.severity.map(Severity::level);
    // First the newest matches, one more than the cap at most (to know if
    // there are more), without scores: FTS5 reads them lazily.
    let mut newest = conn.prepare(&format!(
        "SELECT rowid FROM search_index \
         WHERE search_index MATCH ?1 AND rowid BETWEEN ?2 AND ?3 {condition} \
         ORDER BY rowid DESC LIMIT ?4"
    ))?;
    let mut rowids: Vec<i64> = Vec::new();
    for &(lo, hi) in &ranges {
        let rows = newest
            .query_map(
                params![query, lo, hi, cap + 1, filter.incident, severity],
                |r| r.get::<_, i64>(0),
            )
            .map_err(bad_query)?;
        for row in rows {
            rowids.push(row.map_err(bad_query)?);
        }
    }
    let capped = rowids.len() > rank_cap;

    let mut ranked: Vec<(i64, Option<f64>)> = if capped {
        // Too many to score: bm25 would first count every row holding each
        // word (its IDF), and for a word that common it tells matches
        // apart by little. The newest matches instead, the incident's own
        // words (title, description, factors, actions, lessons) before
        // timeline entries.
        rowids.sort_unstable_by_key(|&rowid| (fts::decode(rowid).0 == SourceKind::Entry, -rowid));
        rowids.into_iter().map(|rowid| (rowid, None)).collect()
    } else {
        // Few enough: score them all. bm25, a title's score doubled (lower
        // is better); ties go to the newest.
        let mut scored = conn.prepare(&format!(
            "SELECT rowid, bm25(search_index) FROM search_index \
             WHERE search_index MATCH ?1 AND rowid BETWEEN ?2 AND ?3 {condition}"
        ))?;
        let mut all: Vec<(i64, f64)> = Vec::new();
        for &(lo, hi) in &ranges {
            let rows = scored
                .query_map(
                    params![query, lo, hi, cap, filter.incident, severity],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, f64>(1)?)),
                )
                .map_err(bad_query)?;
            for row in rows {
                let (rowid, bm25) = row.map_err(bad_query)?;
                let boost = if rowid % 8 == 0 { 2.0 } else { 1.0 };
                all.push((rowid, bm25 * boost));
            }
        }
        all.sort_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        all.into_iter()
            .map(|(rowid, score)| (rowid, Some(score)))
            .collect()
    };
    ranked.truncate(filter.limit);

    let mut snippets = snippet::snippets(conn, query, &ranked, &ranges)?;
    let mut hits = Vec::with_capacity(ranked.len());
    for (rowid, rank) in ranked {
        // A row deleted since it was ranked cannot happen in one read
        // transaction; skip it rather than fail if it somehow does.
        let Some((incident, location)) = locate(conn, rowid)? else {
            continue;
        };
        hits.push(Hit {
            incident,
            location,
            snippet: snippets.remove(&rowid).unwrap_or_default(),
            rank,
        });
    }
    Ok(Found {
        hits,
        ranked_only: capped.then_some(rank_cap),
    })
}

/// The rowid ranges to search: all of them, or for one incident, the range
/// of its title and description and the range of each of its tables. A
/// range may hold other incidents' rows too (the filter drops them); it
/// spares the scan of every match in the index when the words are common.
fn rowid_ranges(conn: &Connection, incident: Option<i64>) -> Result<Vec<(i64, i64)>> {
    let Some(id) = incident else {
        return Ok(vec![(i64::MIN, i64::MAX)]);
    };
    let mut ranges = vec![(id * 8, id * 8 + 3)];
    for (table, code) in [
        ("timeline_entries", 4),
        ("factors", 5),
        ("actions", 6),
        ("lessons", 7),
    ] {
        // `table` is one of four fixed names, never user input.
        let (lo, hi): (Option<i64>, Option<i64>) = conn.query_row(
            &format!("SELECT min(id), max(id) FROM {table} WHERE incident_id = ?1"),
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let (Some(lo), Some(hi)) = (lo, hi) {
            ranges.push((lo * 8 + code, hi * 8 + code));
        }
    }
    Ok(ranges)
}

/// FTS5 rejects the query (a syntax error the query writer let through):
/// one clear line, never SQLite's text.
fn bad_query(e: rusqlite::Error) -> anyhow::Error {
    // FTS5's parse errors: "fts5: syntax error near ...", "unterminated
    // string" (SQLite's own SQL is fixed here, so these come from the query).
    let is_fts = matches!(&e, rusqlite::Error::SqliteFailure(_, Some(m))
        if m.starts_with("fts5") || m == "unterminated string");
    if is_fts {
        UserError::new("the search cannot be read as a query")
            .hint(
                "plain words must all match; use \"a phrase\", word*, OR, NOT (between words); \
                 docs/commands.md has the details",
            )
            .into()
    } else {
        e.into()
    }
}

/// The incident and the place of the row `rowid` names.
fn locate(conn: &Connection, rowid: i64) -> Result<Option<(HitIncident, Location)>> {
    let (kind, id) = fts::decode(rowid);
    let (incident_id, location) = match kind {
        SourceKind::Title => (id, Location::Title),
        SourceKind::Summary => (id, Location::Summary),
        SourceKind::Impact => (id, Location::Impact),
        SourceKind::Detection => (id, Location::Detection),
        SourceKind::Entry => {
            let Some(found) = conn
                .query_row(
                    "SELECT incident_id, kind, event_at, author, private \
                     FROM timeline_entries WHERE id = ?1",
                    [id],
                    |r| {
                        let kind: String = r.get(1)?;
                        Ok((
                            r.get::<_, i64>(0)?,
                            EntryKind::parse(&kind).unwrap_or(EntryKind::Note),
                            time_at(r, 2)?,
                            r.get::<_, String>(3)?,
                            r.get::<_, bool>(4)?,
                        ))
                    },
                )
                .optional()?
            else {
                return Ok(None);
            };
            let (incident_id, kind, at, author, private) = found;
            (
                incident_id,
                Location::Entry {
                    id,
                    kind,
                    at,
                    author,
                    private,
                },
            )
        }
        SourceKind::Factor => match owner_of(conn, "factors", id)? {
            Some(incident_id) => (incident_id, Location::Factor { id }),
            None => return Ok(None),
        },
        SourceKind::Lesson => match owner_of(conn, "lessons", id)? {
            Some(incident_id) => (incident_id, Location::Lesson { id }),
            None => return Ok(None),
        },
        SourceKind::Action => {
            let Some((incident_id, owner, due)) = conn
                .query_row(
                    "SELECT incident_id, owner, due FROM actions WHERE id = ?1",
                    [id],
                    |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, Option<String>>(2)?,
                        ))
                    },
                )
                .optional()?
            else {
                return Ok(None);
            };
            let due = due.and_then(|d| d.parse().ok());
            (incident_id, Location::Action { id, owner, due })
        }
    };
    let incident = conn
        .query_row(
            "SELECT i.id, i.title, i.severity, i.status, \
                    (SELECT s.number FROM sync_incidents s WHERE s.uuid = i.uuid), \
                    EXISTS (SELECT 1 FROM state WHERE key = 'team.url') \
             FROM incidents i WHERE i.id = ?1",
            [incident_id],
            |r| {
                let level: u8 = r.get(2)?;
                let status: String = r.get(3)?;
                let id = r.get::<_, i64>(0)?;
                let number = match (r.get::<_, Option<i64>>(4)?, r.get::<_, bool>(5)?) {
                    (Some(n), true) => Number::Team(n),
                    (None, true) => Number::Unshared(id),
                    (_, false) => Number::Local(id),
                };
                Ok((id, number, r.get::<_, String>(1)?, level, status))
            },
        )
        .optional()?;
    let Some((id, number, title, level, status)) = incident else {
        return Ok(None);
    };
    let (Some(severity), Ok(status)) = (Severity::new(level), status.parse::<Status>()) else {
        return Ok(None);
    };
    Ok(Some((
        HitIncident {
            id,
            number,
            title,
            severity,
            status,
        },
        location,
    )))
}

/// The incident a factor or lesson belongs to. `table` is one of two
/// fixed names, never user input.
fn owner_of(conn: &Connection, table: &str, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            &format!("SELECT incident_id FROM {table} WHERE id = ?1"),
            [id],
            |r| r.get(0),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_fts5_rejects_is_a_user_error_without_sqlite_text() {
        let store = Store::open_in_memory(crate::clock::Clock::system()).unwrap();
        let filter = SearchFilter {
            limit: 5,
            ..SearchFilter::default()
        };
        for query in ["\"open", "NOT x", "a OR"] {
            let err = store
                .read(|conn| search_in(conn, query, &filter, RANK_CAP))
                .unwrap_err();
            let user = err
                .downcast_ref::<UserError>()
                .unwrap_or_else(|| panic!("{err:?}"));
            assert_eq!(user.to_string(), "the search cannot be read as a query");
        }
    }

    #[test]
    fn past_the_cap_the_newest_come_first_unscored() {
        use chrono::{TimeDelta, TimeZone, Utc};

        use crate::model::{NewEntry, NewIncident};

        let start = Utc.with_ymd_and_hms(2026, 11, 26, 13, 0, 0).unwrap();
        let mut store = Store::open_in_memory(crate::clock::Clock::fixed(start)).unwrap();
        let new = NewIncident::new("common trouble", "alice");
        let mut notes: Vec<NewEntry> = (1..=5)
            .map(|n| {
                let text = format!("common note {n} with more words around it");
                NewEntry::note(text, start + TimeDelta::minutes(n))
            })
            .collect();
        for n in 0..10 {
            notes.push(NewEntry::note(format!("filler {n}"), start));
        }
        store.import("alice", &[(new, notes)]).unwrap();
        let filter = SearchFilter {
            limit: 3,
            ..SearchFilter::default()
        };
        let entries = |found: &Found| -> Vec<(SourceKind, Option<f64>)> {
            found
                .hits
                .iter()
                .map(|h| (h.location.kind(), h.rank))
                .collect()
        };
        // Six matches, a cap of 4: the newest four, unscored, newest first.
        let found = store
            .read(|conn| search_in(conn, "\"common\"", &filter, 4))
            .unwrap();
        assert_eq!(found.ranked_only, Some(4));
        assert_eq!(
            entries(&found),
            [(SourceKind::Entry, None); 3],
            "the title is older than the newest four"
        );
        let ids: Vec<i64> = found.hits.iter().map(|h| h.location.id(1)).collect();
        assert!(ids.windows(2).all(|w| w[0] > w[1]), "{ids:?}");
        // Under the cap: all scored, the short title first.
        let found = store
            .read(|conn| search_in(conn, "\"common\"", &filter, 6))
            .unwrap();
        assert_eq!(found.ranked_only, None);
        assert_eq!(found.hits[0].location.kind(), SourceKind::Title);
        assert!(found.hits.iter().all(|h| h.rank.is_some()));
    }

    #[test]
    fn plain_prefixes_expand_into_the_words_they_begin_up_to_a_limit() {
        let store = Store::open_in_memory(crate::clock::Clock::system()).unwrap();
        let words: Vec<String> = (0..40).map(|n| format!("w{n}")).collect();
        store
            .conn
            .execute(
                "INSERT INTO search_index (rowid, text) VALUES (12, ?1)",
                [words.join(" ")],
            )
            .unwrap();
        let query = crate::model::fts_query(&["W1* w* x*".to_string()]).unwrap();
        let expanded = expand_prefixes(&store.conn, &query).unwrap();
        let mut w1: Vec<String> = (10..20).map(|n| format!("w{n}")).collect();
        w1.insert(0, "w1".to_string());
        assert_eq!(expanded.get("w1"), Some(&w1));
        assert_eq!(expanded.get("w"), None, "more than {MAX_EXPANSION} words");
        assert_eq!(expanded.get("x"), Some(&vec![]));
    }
}
