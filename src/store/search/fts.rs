//! How a search is written for SQLite's FTS5, and what the search index's
//! rowids mean: storage matters, kept in the store.
//!
//! - plain words are all required (ANDed), whatever punctuation they hold:
//!   each becomes a quoted phrase, so `db-3`, `10.0.0.1` and `payments-api`
//!   match those tokens side by side, and FTS5 never sees its own syntax
//!   (`:`, `^`, `+`, `-`...) in them;
//! - phrases stay phrases; prefixes keep their `*`;
//! - `OR`, `NOT`, `AND` and parentheses are operators.
//!
//! The index's rowid is the source row's id times 8 plus a code for the
//! source: 0 a title, 1 to 3 the parts of a description, 4 a timeline
//! entry, 5 a factor, 6 an action item, 7 a lesson (the triggers of schema
//! 6 and 7 write them). So a change to one row finds its index row without
//! a scan.

use std::collections::HashMap;

use crate::model::{Query, SourceKind, Token};

/// The kind and source id encoded in a search index rowid.
pub(super) fn decode(rowid: i64) -> (SourceKind, i64) {
    let kind = match rowid.rem_euclid(8) {
        0 => SourceKind::Title,
        1 => SourceKind::Summary,
        2 => SourceKind::Impact,
        3 => SourceKind::Detection,
        4 => SourceKind::Entry,
        5 => SourceKind::Factor,
        6 => SourceKind::Action,
        _ => SourceKind::Lesson,
    };
    (kind, rowid.div_euclid(8))
}

/// The stems of the `word*` prefixes the store may expand into the words
/// of the index they begin: those of plain ASCII letters and digits,
/// lower-cased as the index keeps them. Others stay FTS5 prefixes.
pub(super) fn prefix_stems(query: &Query) -> Vec<String> {
    query
        .tokens()
        .iter()
        .filter_map(|t| match t {
            Token::Phrase { text, prefix: true } => expandable(text),
            _ => None,
        })
        .collect()
}

/// The FTS5 query, with a prefix whose stem `expanded` lists replaced by
/// its words ORed; with an empty map, exactly what the user asked.
pub(super) fn to_fts(query: &Query, expanded: &HashMap<String, Vec<String>>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut after_operand = false;
    for token in query.tokens() {
        // FTS5 ANDs side-by-side phrases, but wants AND spelt out next to
        // a parenthesis; spelt out everywhere, it means the same.
        if after_operand && matches!(token, Token::Phrase { .. } | Token::Open) {
            out.push("AND".to_string());
        }
        let words = match token {
            Token::Phrase { text, prefix: true } => {
                expandable(text).and_then(|stem| expanded.get(&stem))
            }
            _ => None,
        };
        match words {
            Some(words) if !words.is_empty() => {
                let ored: Vec<String> = words.iter().map(|w| quoted(w)).collect();
                out.push(format!("( {} )", ored.join(" OR ")));
            }
            _ => out.push(token_to_fts(token)),
        }
        after_operand = matches!(token, Token::Phrase { .. } | Token::Close);
    }
    out.join(" ")
}

/// The phrases of an FTS5 query [`to_fts`] wrote, ORed: a query that
/// matches wherever any one of them is. None when it has no phrase.
pub(super) fn any_phrase(fts: &str) -> Option<String> {
    let mut phrases: Vec<&str> = Vec::new();
    let mut rest = fts;
    while let Some(open) = rest.find('"') {
        // A phrase ends at a quote not doubled; `""` is a quote inside it.
        let body = &rest[open + 1..];
        let mut end = 0;
        loop {
            end += body[end..].find('"')?;
            if body[end + 1..].starts_with('"') {
                end += 2;
            } else {
                break;
            }
        }
        let mut len = open + 1 + end + 1;
        if rest[len..].starts_with('*') {
            len += 1;
        }
        phrases.push(&rest[open..len]);
        rest = &rest[len..];
    }
    (!phrases.is_empty()).then(|| phrases.join(" OR "))
}

fn token_to_fts(token: &Token) -> String {
    match token {
        Token::Phrase { text, prefix } => {
            let star = if *prefix { "*" } else { "" };
            format!("{}{star}", quoted(text))
        }
        Token::Op(op) => (*op).to_string(),
        Token::Open => "(".to_string(),
        Token::Close => ")".to_string(),
    }
}

fn expandable(text: &str) -> Option<String> {
    (!text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| text.to_ascii_lowercase())
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fts_query;

    fn q(input: &str) -> String {
        to_fts(&fts_query(&[input.to_string()]).unwrap(), &HashMap::new())
    }

    #[test]
    fn words_are_quoted_and_anded() {
        assert_eq!(q("database failover"), r#""database" AND "failover""#);
        assert_eq!(
            q("db-3 10.0.0.1 payments-api"),
            r#""db-3" AND "10.0.0.1" AND "payments-api""#
        );
        // FTS5's own syntax in a word is only text.
        assert_eq!(q("text:foo ^bar"), r#""text:foo" AND "^bar""#);
        assert_eq!(q("near or and"), r#""near" AND "or" AND "and""#);
    }

    #[test]
    fn phrases_prefixes_and_operators_pass_through() {
        assert_eq!(
            q(r#""connection pool" OR restart* NOT "db-3"*"#),
            r#""connection pool" OR "restart"* NOT "db-3"*"#
        );
        assert_eq!(q("(a OR b) c (d)"), r#"( "a" OR "b" ) AND "c" AND ( "d" )"#);
        let words = ["a".to_string(), "b c".to_string()];
        assert_eq!(
            to_fts(&fts_query(&words).unwrap(), &HashMap::new()),
            r#""a" AND "b" AND "c""#
        );
    }

    #[test]
    fn plain_prefixes_may_be_expanded_into_words() {
        let query = fts_query(&["Rest* db-3* OR \"x y\"*".to_string()]).unwrap();
        assert_eq!(prefix_stems(&query), ["rest"]);
        let mut words = HashMap::new();
        words.insert(
            "rest".to_string(),
            vec!["rest".to_string(), "restarted".to_string()],
        );
        assert_eq!(
            to_fts(&query, &words),
            r#"( "rest" OR "restarted" ) AND "db-3"* OR "x y"*"#
        );
        // No word begins so: the prefix stays, and matches nothing.
        words.insert("rest".to_string(), vec![]);
        assert_eq!(to_fts(&query, &words), to_fts(&query, &HashMap::new()));
    }

    #[test]
    fn any_phrase_ors_the_phrases_of_a_query() {
        assert_eq!(
            any_phrase(&q(r#"(db-3 OR "connection pool") NOT restart* pool"#)).as_deref(),
            Some(r#""db-3" OR "connection pool" OR "restart"* OR "pool""#)
        );
        // A quote inside a phrase is doubled.
        assert_eq!(
            any_phrase(r#""say ""hi""" AND "x"*"#).as_deref(),
            Some(r#""say ""hi""" OR "x"*"#)
        );
        assert_eq!(any_phrase("( )"), None);
    }

    #[test]
    fn rowids_decode_to_kind_and_id() {
        assert_eq!(decode(12 * 8), (SourceKind::Title, 12));
        assert_eq!(decode(3 * 8 + 4), (SourceKind::Entry, 3));
        assert_eq!(decode(5 * 8 + 7), (SourceKind::Lesson, 5));
    }
}
