//! Slack's message markup turned into plain text: mentions become names,
//! links become `label (url)`, and the three escaped characters are decoded
//! only after the `<...>` tokens are read, so that an escaped `&lt;` can
//! never open a token.

use std::collections::HashMap;

/// The names mentions are shown with: user id to name, channel id to name.
#[derive(Debug, Default, Clone)]
pub struct Names {
    pub users: HashMap<String, String>,
    pub channels: HashMap<String, String>,
}

/// Slack's markup as plain text.
pub fn to_plain(text: &str, names: &Names) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode(&rest[..open]));
        let after = &rest[open + 1..];
        match after.find(['>', '<']) {
            Some(close) if after.as_bytes()[close] == b'>' => {
                out.push_str(&token(&after[..close], names));
                rest = &after[close + 1..];
            }
            // A `<` Slack did not escape and that closes no token: text.
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(&decode(rest));
    out
}

/// The people a message mentions (`<@U1>`), by the names [`to_plain`]
/// writes after their `@`, in order, each once.
pub fn mentioned(text: &str, names: &Names) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (at, _) in text.match_indices("<@") {
        let inner = &text[at + 1..];
        let Some(close) = inner
            .find(['>', '<'])
            .filter(|&c| inner.as_bytes()[c] == b'>')
        else {
            continue;
        };
        let shown = token(&inner[..close], names);
        let name = shown.trim_start_matches('@').to_string();
        if !name.is_empty() && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

/// Decodes `&amp;`, `&lt;` and `&gt;`, the only entities Slack writes, in
/// one pass (so `&amp;lt;` stays `&lt;`).
pub fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (ch, len) = if tail.starts_with("&amp;") {
            ('&', 5)
        } else if tail.starts_with("&lt;") {
            ('<', 4)
        } else if tail.starts_with("&gt;") {
            ('>', 4)
        } else {
            ('&', 1)
        };
        out.push(ch);
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// One `<...>` token, without its brackets.
fn token(inner: &str, names: &Names) -> String {
    let (target, label) = match inner.split_once('|') {
        Some((t, l)) => (t, Some(decode(l)).filter(|l| !l.is_empty())),
        None => (inner, None),
    };
    if let Some(id) = target.strip_prefix('@') {
        let name = names
            .users
            .get(id)
            .cloned()
            .or(label)
            .unwrap_or_else(|| decode(id));
        return format!("@{}", name.trim_start_matches('@'));
    }
    if let Some(id) = target.strip_prefix('#') {
        let name = names
            .channels
            .get(id)
            .cloned()
            .or(label)
            .unwrap_or_else(|| decode(id));
        return format!("#{}", name.trim_start_matches('#'));
    }
    if let Some(special) = target.strip_prefix('!') {
        return match special {
            "here" | "channel" | "everyone" => format!("@{special}"),
            s if s.starts_with("subteam^") => match label {
                Some(l) if l.starts_with('@') => l,
                Some(l) => format!("@{l}"),
                None => format!("@{}", decode(&s["subteam^".len()..])),
            },
            // `<!date^...|fallback>` and any other command: its text.
            _ => label.unwrap_or_default(),
        };
    }
    let url = decode(target);
    let bare = url
        .strip_prefix("mailto:")
        .or_else(|| url.strip_prefix("https://"))
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(&url);
    match label {
        None if url.starts_with("mailto:") => bare.to_string(),
        None => url,
        Some(l) if l == url || l == bare => l,
        Some(l) if url.starts_with("mailto:") => format!("{l} ({bare})"),
        Some(l) => format!("{l} ({url})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let mut n = Names::default();
        n.users.insert("U1".into(), "alice".into());
        n.users.insert("U2".into(), "Bob Jones".into());
        n.channels.insert("C1".into(), "inc-payments".into());
        n
    }

    fn plain(s: &str) -> String {
        to_plain(s, &names())
    }

    #[test]
    fn users_by_name_else_label_else_id() {
        assert_eq!(plain("ping <@U1>"), "ping @alice");
        assert_eq!(plain("<@U2> and <@U1>"), "@Bob Jones and @alice");
        assert_eq!(plain("<@U9|carol>"), "@carol");
        assert_eq!(plain("<@U1|old-name>"), "@alice");
        assert_eq!(plain("<@U9>"), "@U9");
    }

    #[test]
    fn channels_by_name_else_label_else_id() {
        assert_eq!(plain("see <#C1>"), "see #inc-payments");
        assert_eq!(plain("see <#C1|renamed>"), "see #inc-payments");
        assert_eq!(plain("see <#C9|ops>"), "see #ops");
        assert_eq!(plain("see <#C9>"), "see #C9");
    }

    #[test]
    fn special_mentions() {
        assert_eq!(plain("<!here> db is down"), "@here db is down");
        assert_eq!(plain("<!channel>"), "@channel");
        assert_eq!(plain("<!everyone>"), "@everyone");
        assert_eq!(plain("<!here|here>"), "@here");
        assert_eq!(plain("<!subteam^S1|@oncall> please"), "@oncall please");
        assert_eq!(plain("<!subteam^S1|oncall>"), "@oncall");
        assert_eq!(plain("<!subteam^S1>"), "@S1");
        assert_eq!(
            plain("at <!date^1764165600^{time}|15:00 CET>"),
            "at 15:00 CET"
        );
        assert_eq!(plain("<!date^1764165600^{date}>"), "");
    }

    #[test]
    fn links() {
        assert_eq!(
            plain("<https://status.example.com|status page>"),
            "status page (https://status.example.com)"
        );
        assert_eq!(
            plain("<https://example.com/a?b=1&amp;c=2>"),
            "https://example.com/a?b=1&c=2"
        );
        assert_eq!(plain("<https://example.com|example.com>"), "example.com");
        assert_eq!(
            plain("<https://example.com|https://example.com>"),
            "https://example.com"
        );
        assert_eq!(plain("<mailto:a@b.io|a@b.io>"), "a@b.io");
        assert_eq!(plain("<mailto:a@b.io>"), "a@b.io");
        assert_eq!(plain("<mailto:a@b.io|Ann>"), "Ann (a@b.io)");
        assert_eq!(
            plain("<https://x.io/?q=a|b|label>"),
            "b|label (https://x.io/?q=a)"
        );
    }

    #[test]
    fn entities_decoded_after_tokens() {
        assert_eq!(plain("a &lt; b &amp;&amp; c &gt; d"), "a < b && c > d");
        assert_eq!(plain("&lt;@U1&gt;"), "<@U1>");
        assert_eq!(plain("&amp;lt;"), "&lt;");
        assert_eq!(plain("R&D &co"), "R&D &co");
        assert_eq!(plain("<https://x.io|a &amp; b>"), "a & b (https://x.io)");
    }

    #[test]
    fn unbalanced_brackets_are_text() {
        assert_eq!(plain("a < b"), "a < b");
        assert_eq!(plain("a <b <@U1>"), "a <b @alice");
        assert_eq!(plain("x >"), "x >");
        assert_eq!(plain("<"), "<");
        assert_eq!(plain(""), "");
    }

    #[test]
    fn multi_line_and_unicode_kept() {
        assert_eq!(plain("line 1\nline 2 <@U1> ✓"), "line 1\nline 2 @alice ✓");
        assert_eq!(plain("ünïcode <#C1|x> ok"), "ünïcode #inc-payments ok");
    }
}
