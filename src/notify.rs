//! Posts a status update to a Slack-compatible incoming webhook: one JSON
//! body `{"text": ...}`, one attempt, bounded in total by the configured
//! timeout. Kept apart from the commands so that what goes over the network
//! is in one small place.

use std::time::Duration;

/// How a post ended, in words for the user and the record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Posted {
    /// The webhook answered 2xx: "HTTP 200".
    Sent(String),
    /// Why not: "HTTP 500 Internal Server Error", "timed out after 5 s", ...
    Failed(String),
}

/// Escapes text for Slack's message format, which reads `&`, `<` and `>`
/// as markup (links, mentions) and wants them as entities.
pub fn slack_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The JSON body posted for a message (already escaped for Slack).
pub fn body(text: &str) -> String {
    serde_json::json!({ "text": text }).to_string()
}

/// Posts `body` to `url`, giving up after `timeout` in all (resolving,
/// connecting, sending and reading the answer).
pub fn post(url: &str, body: &str, timeout: Duration) -> Posted {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        // A 4xx or 5xx is an answer to report, not an error to unwrap.
        .http_status_as_error(false)
        // A webhook that redirects is misconfigured; a POST is not replayed.
        .max_redirects(0)
        .user_agent(concat!("inc/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let result = agent
        .post(url)
        .header("Content-Type", "application/json")
        .send(body);
    match result {
        Ok(response) => {
            let status = response.status();
            let words = match status.canonical_reason() {
                Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
                None => format!("HTTP {}", status.as_u16()),
            };
            if status.is_success() {
                Posted::Sent(format!("HTTP {}", status.as_u16()))
            } else {
                Posted::Failed(words)
            }
        }
        Err(e) => Posted::Failed(explain(&e, timeout)),
    }
}

/// One short phrase for why a post failed.
fn explain(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("timed out after {}", seconds(timeout)),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                format!("timed out after {}", seconds(timeout))
            }
            std::io::ErrorKind::UnexpectedEof
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::BrokenPipe => {
                "the server closed the connection without answering".to_string()
            }
            std::io::ErrorKind::AddrNotAvailable | std::io::ErrorKind::NetworkUnreachable => {
                "the webhook's address cannot be reached".to_string()
            }
            _ => format!("network error ({})", io.kind()),
        },
        ureq::Error::HostNotFound => "host not found".to_string(),
        ureq::Error::ConnectionFailed => "could not connect".to_string(),
        ureq::Error::Protocol(_) => "the server's answer is not HTTP".to_string(),
        ureq::Error::Rustls(_) | ureq::Error::Tls(_) | ureq::Error::TlsRequired => {
            "the TLS connection failed (is the URL's scheme right for its port?)".to_string()
        }
        ureq::Error::RedirectFailed | ureq::Error::TooManyRedirects => {
            "the webhook answered with a redirect".to_string()
        }
        // The URL is a secret (anyone with it can post): never repeat it,
        // nor any library text that might carry part of it.
        ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::RequireHttpsOnly(_) => {
            "the webhook URL is not valid".to_string()
        }
        _ => "the post failed".to_string(),
    }
}

/// "5 s", "300 ms", "1.5 s".
fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms} ms")
    } else if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slack_markup_is_escaped_and_the_body_is_json() {
        assert_eq!(slack_escape("a<b>&c"), "a&lt;b&gt;&amp;c");
        assert_eq!(
            body("say \"hi\"\n<!channel>"),
            r#"{"text":"say \"hi\"\n<!channel>"}"#
        );
        assert_eq!(seconds(Duration::from_millis(300)), "300 ms");
        assert_eq!(seconds(Duration::from_secs(5)), "5 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
    }
}
