//! Where an incident's response happens (its links) and the status updates
//! sent out during it: the checks on what people type, and what an attempt
//! to post an update produced. No SQL, no IO.

use chrono::{DateTime, Utc};

use crate::error::UserError;

/// One of an incident's links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Channel,
    Bridge,
    Ticket,
}

impl LinkKind {
    pub const ALL: [LinkKind; 3] = [LinkKind::Channel, LinkKind::Bridge, LinkKind::Ticket];

    pub fn parse(s: &str) -> Option<LinkKind> {
        LinkKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Channel => "channel",
            LinkKind::Bridge => "bridge",
            LinkKind::Ticket => "ticket",
        }
    }

    /// The longest link accepted: far more than any channel name, URL or
    /// ticket id, and short enough to stay on one line of a briefing.
    const MAX_LEN: usize = 2048;

    /// Checks and normalises a typed value: one line of plain text, not
    /// empty; a channel is stored with its `#`, a bridge must be a URL.
    pub fn clean(self, value: &str) -> Result<String, UserError> {
        let name = self.as_str();
        let v = value.trim();
        if v.is_empty() {
            return Err(UserError::new(format!("the {name} is empty")).hint(format!(
                "give the {name}, or clear it with `inc link {name} --clear`"
            )));
        }
        if v.chars().any(char::is_control) {
            return Err(UserError::new(format!(
                "the {name} contains control characters or line breaks"
            ))
            .hint(format!("a {name} is one line of plain text")));
        }
        if v.len() > Self::MAX_LEN {
            return Err(UserError::new(format!(
                "the {name} is longer than {} bytes",
                Self::MAX_LEN
            )));
        }
        match self {
            LinkKind::Channel => {
                let bare = v.trim_start_matches('#');
                if bare.is_empty() || bare.chars().any(char::is_whitespace) {
                    return Err(UserError::new(format!("{v:?} is not a channel name")).hint(
                        "give a name without spaces, such as #inc-checkout or inc-checkout",
                    ));
                }
                Ok(format!("#{bare}"))
            }
            LinkKind::Bridge => {
                let rest = v
                    .strip_prefix("https://")
                    .or_else(|| v.strip_prefix("http://"));
                match rest {
                    Some(r) if !r.is_empty() && !v.chars().any(char::is_whitespace) => {
                        Ok(v.to_string())
                    }
                    _ => Err(UserError::new(format!("{v:?} is not a URL"))
                        .hint("give the call's link, such as https://meet.example.com/abc-defg")),
                }
            }
            LinkKind::Ticket => Ok(v.to_string()),
        }
    }
}

/// How one attempt to post an update to the webhook ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostOutcome {
    Sent,
    Failed,
}

impl PostOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            PostOutcome::Sent => "sent",
            PostOutcome::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<PostOutcome> {
        [PostOutcome::Sent, PostOutcome::Failed]
            .into_iter()
            .find(|o| o.as_str() == s)
    }
}

/// Read from its name, as stored.
impl<'de> serde::Deserialize<'de> for PostOutcome {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<PostOutcome, D::Error> {
        let name = String::deserialize(d)?;
        PostOutcome::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown post outcome {name:?}")))
    }
}

/// One attempt to post an update, as recorded.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct UpdatePost {
    pub entry_id: i64,
    pub attempted_at: DateTime<Utc>,
    pub attempted_by: String,
    pub outcome: PostOutcome,
    /// "HTTP 200", "timed out after 5 s", "connection refused", ...
    pub detail: String,
}

impl crate::model::Links {
    /// The value of one link, to set or clear it.
    pub fn get_mut(&mut self, kind: LinkKind) -> &mut Option<String> {
        match kind {
            LinkKind::Channel => &mut self.channel,
            LinkKind::Bridge => &mut self.bridge,
            LinkKind::Ticket => &mut self.ticket,
        }
    }

    /// The value of one link.
    pub fn get(&self, kind: LinkKind) -> Option<&str> {
        match kind {
            LinkKind::Channel => self.channel.as_deref(),
            LinkKind::Bridge => self.bridge.as_deref(),
            LinkKind::Ticket => self.ticket.as_deref(),
        }
    }

    /// The link named `name` (`channel`, `bridge`, `ticket`), if it is one.
    pub fn named_mut(&mut self, name: &str) -> Option<&mut Option<String>> {
        LinkKind::parse(name).map(|kind| self.get_mut(kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_checked_and_normalised() {
        assert_eq!(LinkKind::Channel.clean("inc-42").unwrap(), "#inc-42");
        assert_eq!(LinkKind::Channel.clean(" #inc-42 ").unwrap(), "#inc-42");
        assert!(LinkKind::Channel.clean("#").is_err());
        assert!(LinkKind::Channel.clean("two words").is_err());
        assert!(LinkKind::Ticket.clean("OPS-1\nx").is_err());
        assert!(LinkKind::Ticket.clean("OPS-\u{1b}[31m").is_err());
        assert!(LinkKind::Ticket.clean("  ").is_err());
        assert_eq!(LinkKind::Ticket.clean("OPS-1").unwrap(), "OPS-1");
        assert!(LinkKind::Bridge.clean("meet.example.com/x").is_err());
        assert!(LinkKind::Bridge.clean("https://").is_err());
        assert_eq!(
            LinkKind::Bridge
                .clean("https://meet.example.com/x")
                .unwrap(),
            "https://meet.example.com/x"
        );
    }
}
