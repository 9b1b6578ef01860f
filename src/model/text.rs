//! Cleaning up text people type: titles, notes and names.

use crate::error::UserError;

/// Cleans up user text for storage: outer whitespace goes, the rest is kept
/// exactly. Empty text is refused.
pub fn clean_text(what: &str, text: &str) -> Result<String, UserError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(UserError::new(format!("the {what} is empty")).hint(format!(
            "give the {what} as text, in quotes if it has spaces"
        )));
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
