//! Cleaning up text people type: titles, notes and names.

use crate::error::UserError;

/// The longest text inc keeps, in bytes: far more than any note, and a
/// bound so that a runaway paste or a made-up file cannot fill the memory
/// of every command that reads it back. Every path that writes text
/// (typed, piped, imported) holds to it.
pub const MAX_TEXT: usize = 16 * 1024 * 1024;

/// Cleans up user text for storage: outer whitespace goes, the rest is kept
/// exactly. Empty text, and text longer than [`MAX_TEXT`], are refused.
pub fn clean_text(what: &str, text: &str) -> Result<String, UserError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(UserError::new(format!("the {what} is empty")).hint(format!(
            "give the {what} as text, in quotes if it has spaces"
        )));
    }
    if t.len() > MAX_TEXT {
        return Err(UserError::new(format!("the {what} is larger than 16 MiB"))
            .hint("keep long logs in a file and note where it is"));
    }
    Ok(t.to_string())
}

/// Cleans up a person's name: one line, not empty.
pub fn clean_name(what: &str, name: &str) -> Result<String, UserError> {
    let t = name.trim();
    if t.is_empty() {
        return Err(
            UserError::new(format!("the {what} is empty")).hint("give a name such as alice")
        );
    }
    if t.chars().any(char::is_control) {
        return Err(
            UserError::new(format!("the {what} contains control characters"))
                .hint("a name is one line of plain text"),
        );
    }
    Ok(t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_empty_refused() {
        assert_eq!(clean_text("note", "  hi there \n").unwrap(), "hi there");
        assert!(clean_text("note", " \t\n ").is_err());
        assert_eq!(clean_text("note", "a\u{1b}[31mb").unwrap(), "a\u{1b}[31mb");
        assert!(clean_name("commander", "al\u{1b}ice").is_err());
        assert_eq!(clean_name("commander", " bob ").unwrap(), "bob");
    }
}
