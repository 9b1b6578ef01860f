//! Markdown that user text cannot break out of: a note full of `*`, `|`,
//! `#`, HTML or escape sequences stays plain text in its list item, table
//! cell or quote, and never reaches a terminal as a raw control sequence.

use super::text::safe_line;

/// Characters that mean something in markdown wherever they stand.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#', '&'];

/// User text for one line of markdown: line breaks become spaces, control
/// characters are shown escaped, markdown syntax is backslash-escaped, and
/// a leading list marker (`-`, `+`, `1.`) is neutralised.
pub fn inline(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let visible = safe_line(one_line.trim());
    let mut out = String::with_capacity(visible.len() + 8);
    for (i, word) in visible.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // Punctuation around a URL is not part of it: "(https://x)."
        let core = word.trim_start_matches(['(', '"', '\'']);
        let lead = &word[..word.len() - core.len()];
        let mut url = core.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'']);
        // A closing bracket the URL opened is its own: wiki/Foo_(bar).
        while url.len() < core.len()
            && core[url.len()..].starts_with(')')
            && url.matches('(').count() > url.matches(')').count()
        {
            url = &core[..=url.len()];
        }
        let trail = &core[url.len()..];
        if is_plain_url(url) {
            // An autolink: shown and linked as typed (no escapes apply
            // inside one, so only URLs of plain characters qualify).
            escape_into(&mut out, lead);
            out.push('<');
            out.push_str(url);
            out.push('>');
            escape_into(&mut out, trail);
            continue;
        }
        escape_into(&mut out, word);
    }
    // A line of `=` or `-` under a quoted line would make it a heading.
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// Appends `text` with markdown syntax backslash-escaped. `@` and the dot
/// of `www.` are escaped too, so that an e-mail address or a www name is not
/// turned into a bare link (markdownlint's MD034).
fn escape_into(out: &mut String, text: &str) {
    let mut previous = String::new();
    for c in text.chars() {
        let www_dot = c == '.' && previous.to_ascii_lowercase().ends_with("www");
        if SPECIAL.contains(&c) || c == '@' || www_dot {
            out.push('\\');
        }
        out.push(c);
        previous.push(c);
    }
}

/// An http(s) URL made only of characters that cannot end an autolink or a
/// table cell early.
fn is_plain_url(word: &str) -> bool {
    (word.starts_with("https://") || word.starts_with("http://"))
        && word.len() > "https://".len()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c))
        && !word.contains(['<', '>', '|', '`', '\\'])
}

/// User text as a block quote: each line quoted and escaped on its own.
pub fn quote(text: &str) -> String {
    text.trim()
        .lines()
        .map(|line| {
            let line = inline(line);
            if line.is_empty() {
                ">".to_string()
            } else {
                format!("> {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// User text as a one-line code span, shown exactly as written (a line
/// break or control character escaped as `\n`, `\u{1b}`): for a command
/// line. Its backticks cannot end the span: the span's fence is longer than
/// any run of them. `in_table`: every `|` is escaped as `\|`, which a
/// GitHub table needs even inside code (a `|` would end the cell) and does
/// not show; anywhere else the backslash would show.
pub fn code(text: &str, in_table: bool) -> String {
    let visible = safe_line(text);
    let visible = if in_table {
        visible.replace('|', "\\|")
    } else {
        visible.into_owned()
    };
    let mut longest = 0;
    let mut run = 0;
    for c in visible.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A space on each side keeps a backtick at either end, or spaces at
    // both ends, from joining the fence (one space each side is dropped).
    let pad = visible.trim().is_empty()
        || visible.starts_with('`')
        || visible.ends_with('`')
        || (visible.starts_with(' ') && visible.ends_with(' '));
    if pad {
        format!("{fence} {visible} {fence}")
    } else {
        format!("{fence}{visible}{fence}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    /// The code spans of a document, and how many table cells it has.
    fn spans_and_cells(markdown: &str) -> (Vec<String>, usize) {
        let mut spans = Vec::new();
        let mut cells = 0;
        for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
            match event {
                Event::Code(c) => spans.push(c.into_string()),
                Event::End(TagEnd::TableCell) => cells += 1,
                Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_) | Event::Html(_) => {
                    panic!("HTML in {markdown}")
                }
                _ => {}
            }
        }
        (spans, cells)
    }

    #[test]
    fn code_spans_show_commands_exactly() {
        for text in [
            "systemctl restart queue",
            "sh -c 'echo `date` ``x``'",
            "`starts and ends`",
            "grep -E 'a|b' | sort",
            r"printf 'a\|b\'",
            "echo <script>alert(1)</script> &amp; *x* [l](y) # h",
            "  spaced  ",
        ] {
            let (spans, _) = spans_and_cells(&format!("- ran {} (exit 0)\n", code(text, false)));
            assert_eq!(spans, [text], "in a list item");
            let table = format!(
                "| a | b |\n| --- | --- |\n| x | ran {} |\n",
                code(text, true)
            );
            assert_eq!(
                spans_and_cells(&table),
                (vec![text.to_string()], 4),
                "in a table"
            );
        }
        assert_eq!(code("a\nb\u{1b}[2J", false), "`a\\nb\\u{1b}[2J`");
    }

    #[test]
    fn syntax_stays_text() {
        assert_eq!(inline("plain words"), "plain words");
        assert_eq!(
            inline("**bold** _it_ `code`"),
            "\\*\\*bold\\*\\* \\_it\\_ \\`code\\`"
        );
        assert_eq!(
            inline("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(inline("<script>&amp;"), "\\<script\\>\\&amp;");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("# not a heading"), "\\# not a heading");
        assert_eq!(inline("- not a list"), "\\- not a list");
        assert_eq!(inline("==="), "\\===");
        assert_eq!(inline("12. not a list"), "12\\. not a list");
        assert_eq!(inline("two\nlines"), "two lines");
        assert_eq!(inline("esc\u{1b}[2J"), "esc\\\\u{1b}\\[2J");
        assert_eq!(
            inline("see https://x.io/a_b?q=1 now"),
            "see <https://x.io/a_b?q=1> now"
        );
        assert_eq!(inline("https://x.io/a|b"), "https://x.io/a\\|b");
        assert_eq!(inline("http://x/<script>"), "http://x/\\<script\\>");
        assert_eq!(
            inline("(see https://x.io/run.)"),
            "(see <https://x.io/run.)>".replace(".)>", ">.)")
        );
        assert_eq!(
            inline("mail oncall@example.com or www.example.com"),
            "mail oncall\\@example.com or www\\.example.com"
        );
    }

    #[test]
    fn urls_keep_their_own_brackets() {
        assert_eq!(
            inline("https://en.wikipedia.org/wiki/Foo_(bar)."),
            "<https://en.wikipedia.org/wiki/Foo_(bar)>."
        );
        assert_eq!(inline("(https://x.io/a)"), "(<https://x.io/a>)");
    }

    #[test]
    fn quotes_keep_every_line_inside() {
        assert_eq!(quote("first\n\n# second"), "> first\n>\n> \\# second");
    }
}
