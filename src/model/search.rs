//! Full-text search: how the words a user types are read (words, phrases,
//! prefixes, operators) and checked, and what a search finds (where the
//! match is, and a snippet of it). How a query is written for the index is
//! the store's business (`crate::store`).

use chrono::{DateTime, NaiveDate, Utc};

use super::{EntryKind, Severity, Status};
use crate::error::UserError;

/// What a match is in: an incident's title or a part of its description,
/// a timeline entry, a factor, an action item or a lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Title,
    Summary,
    Impact,
    Detection,
    Entry,
    Factor,
    Action,
    Lesson,
}

impl SourceKind {
    /// The name used in JSON (`source.kind`).
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Title => "title",
            SourceKind::Summary => "summary",
            SourceKind::Impact => "impact",
            SourceKind::Detection => "detection",
            SourceKind::Entry => "timeline",
            SourceKind::Factor => "factor",
            SourceKind::Action => "action",
            SourceKind::Lesson => "lesson",
        }
    }
}

/// The row a match is in, with what a reader needs to find it again.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    Title,
    Summary,
    Impact,
    Detection,
    Entry {
        id: i64,
        kind: EntryKind,
        at: DateTime<Utc>,
        author: String,
        private: bool,
    },
    Factor {
        id: i64,
    },
    Action {
        id: i64,
        owner: String,
        due: Option<NaiveDate>,
    },
    Lesson {
        id: i64,
    },
}

impl Location {
    pub fn kind(&self) -> SourceKind {
        match self {
            Location::Title => SourceKind::Title,
            Location::Summary => SourceKind::Summary,
            Location::Impact => SourceKind::Impact,
            Location::Detection => SourceKind::Detection,
            Location::Entry { .. } => SourceKind::Entry,
            Location::Factor { .. } => SourceKind::Factor,
            Location::Action { .. } => SourceKind::Action,
            Location::Lesson { .. } => SourceKind::Lesson,
        }
    }

    /// The source row's id: the incident's for its title and description.
    pub fn id(&self, incident_id: i64) -> i64 {
        match self {
            Location::Title | Location::Summary | Location::Impact | Location::Detection => {
                incident_id
            }
            Location::Entry { id, .. }
            | Location::Factor { id }
            | Location::Action { id, .. }
            | Location::Lesson { id } => *id,
        }
    }

    /// A private note: for responders only, never in the public review.
    pub fn private(&self) -> bool {
        matches!(self, Location::Entry { private: true, .. })
    }
}

/// A piece of a snippet: matched text (`hit`) or the text around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub hit: bool,
}

/// The incident a match belongs to, as a result line shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct HitIncident {
    pub id: i64,
    /// How it is named (on a team, its team-wide number).
    pub number: super::Number,
    pub title: String,
    pub severity: Severity,
    pub status: Status,
}

/// One match: the incident, where in it, a snippet, and its rank (bm25,
/// lower is better; None when there were too many matches to score).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub incident: HitIncident,
    pub location: Location,
    pub snippet: Vec<Piece>,
    pub rank: Option<f64>,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// More matches than could be scored: the newest this many were
    /// ordered without bm25 (see `crate::store::search`); None when every
    /// match was scored.
    pub ranked_only: Option<usize>,
}

/// Turns the words a user typed into an FTS5 query:
/// - plain words are all required (ANDed), whatever punctuation they hold:
///   each becomes a quoted phrase, so `db-3`, `10.0.0.1` and `payments-api`
///   match those tokens side by side, and FTS5 never sees its own syntax
///   (`:`, `^`, `+`, `-`...) in them;
/// - `"quoted phrases"` stay phrases; `word*` and `"a phrase"*` match by
///   prefix;
/// - `OR`, `NOT` and `AND` (in capitals) and parentheses are operators;
/// - a word with no letter or digit (`-`, `--`) is dropped: it would match
///   nothing.
///
/// The words are joined with spaces first, so `inc search "a b"` (the
/// shell removes the quotes) is the same as `inc search a b`.
pub fn fts_query(words: &[String]) -> Result<Query, UserError> {
    let input = words.join(" ");
    let tokens = tokenize(&input)?;
    check_operators(&tokens)?;
    Ok(Query { tokens })
}

/// A search, read and checked: its tokens, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    tokens: Vec<Token>,
}

impl Query {
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }
}

/// A piece of a search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A word or a quoted phrase, matched whole or (`prefix`) as the start
    /// of a word.
    Phrase {
        text: String,
        prefix: bool,
    },
    /// `AND`, `OR` or `NOT`.
    Op(&'static str),
    Open,
    Close,
}

fn syntax(message: impl Into<String>) -> UserError {
    UserError::new(message).hint(
        "plain words must all match; use \"a phrase\", word*, OR, NOT (between words); \
         docs/commands.md has the details",
    )
}

fn tokenize(input: &str) -> Result<Vec<Token>, UserError> {
    let mut tokens = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '(' {
            chars.next();
            tokens.push(Token::Open);
        } else if c == ')' {
            chars.next();
            tokens.push(Token::Close);
        } else if c == '"' {
            chars.next();
            let mut text = String::new();
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some(c) => text.push(c),
                    None => return Err(syntax("the search has a \" with no closing \"")),
                }
            }
            let prefix = chars.next_if_eq(&'*').is_some();
            if has_word(&text) {
                tokens.push(Token::Phrase { text, prefix });
            }
        } else {
            let mut word = String::new();
            while let Some(c) = chars.next_if(|c| !c.is_whitespace() && !matches!(c, '(' | ')')) {
                if c == '"' {
                    return Err(syntax("a \" inside a word: put quotes around whole words"));
                }
                word.push(c);
            }
            match word.as_str() {
                "OR" => tokens.push(Token::Op("OR")),
                "AND" => tokens.push(Token::Op("AND")),
                "NOT" => tokens.push(Token::Op("NOT")),
                _ => {
                    let (text, prefix) = match word.strip_suffix('*') {
                        Some(stem) => (stem.to_string(), true),
                        None => (word, false),
                    };
                    if has_word(&text) {
                        tokens.push(Token::Phrase { text, prefix });
                    }
                }
            }
        }
    }
    if !tokens.iter().any(|t| matches!(t, Token::Phrase { .. })) {
        return Err(
            UserError::new("nothing to search for: the search has no word")
                .hint("for example: inc search database failover"),
        );
    }
    Ok(tokens)
}

fn has_word(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Operators need a word (or a group) on each side; parentheses must pair.
fn check_operators(tokens: &[Token]) -> Result<(), UserError> {
    let mut depth = 0usize;
    // Whether the previous token ends an operand: a phrase or `)`.
    let mut after_operand = false;
    for token in tokens {
        match token {
            Token::Op(op) => {
                if !after_operand {
                    return Err(syntax(format!("{op} needs a word before it")));
                }
                after_operand = false;
            }
            Token::Open => {
                depth += 1;
                after_operand = false;
            }
            Token::Close => {
                if depth == 0 || !after_operand {
                    return Err(syntax("the search has a ) with no ( before it"));
                }
                depth -= 1;
                after_operand = true;
            }
            Token::Phrase { .. } => after_operand = true,
        }
    }
    if let Some(Token::Op(op)) = tokens.last() {
        return Err(syntax(format!("{op} needs a word after it")));
    }
    if depth > 0 {
        return Err(syntax("the search has a ( with no ) after it"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(input: &str) -> Result<Vec<Token>, String> {
        fts_query(&[input.to_string()])
            .map(|q| q.tokens().to_vec())
            .map_err(|e| e.to_string())
    }

    fn phrase(text: &str, prefix: bool) -> Token {
        Token::Phrase {
            text: text.into(),
            prefix,
        }
    }

    #[test]
    fn words_phrases_prefixes_and_operators_are_read() {
        assert_eq!(
            tokens(r#""connection pool" OR restart* NOT "db-3"*"#).unwrap(),
            [
                phrase("connection pool", false),
                Token::Op("OR"),
                phrase("restart", true),
                Token::Op("NOT"),
                phrase("db-3", true)
            ]
        );
        assert_eq!(
            tokens("or (a)").unwrap(),
            [
                phrase("or", false),
                Token::Open,
                phrase("a", false),
                Token::Close
            ]
        );
    }

    #[test]
    fn punctuation_alone_is_dropped() {
        assert_eq!(
            tokens("db - down").unwrap(),
            [phrase("db", false), phrase("down", false)]
        );
        assert!(
            tokens("-- ...")
                .unwrap_err()
                .contains("nothing to search for")
        );
        assert!(tokens("   ").unwrap_err().contains("nothing to search for"));
        assert!(
            tokens(r#""""#)
                .unwrap_err()
                .contains("nothing to search for")
        );
    }

    #[test]
    fn bad_syntax_is_named() {
        let q = tokens;
        assert!(q(r#""unbalanced"#).unwrap_err().contains("no closing"));
        assert!(q("NOT db").unwrap_err().contains("NOT needs a word before"));
        assert!(q("db OR").unwrap_err().contains("OR needs a word after"));
        assert!(
            q("a OR NOT b")
                .unwrap_err()
                .contains("NOT needs a word before")
        );
        assert!(q("(a b").unwrap_err().contains("no )"));
        assert!(q("a b)").unwrap_err().contains("no ("));
        assert!(q("()").unwrap_err().contains("nothing to search for"));
        assert!(q("a () b").unwrap_err().contains("no ("));
        assert!(q(r#"ab"c"#).unwrap_err().contains("inside a word"));
    }
}
