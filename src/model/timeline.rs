//! Timeline entries: timestamped facts about an incident, each of a kind.

use std::fmt;

use chrono::{DateTime, Utc};

use super::run::CommandRun;

/// What a timeline entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// Customer impact began (when declared with an earlier start time).
    Started,
    /// The problem was noticed (when declared with an earlier detection time).
    Detected,
    /// The incident was declared.
    Declared,
    /// A free-text note from a responder.
    Note,
    /// The status changed.
    Status,
    /// The severity changed.
    Severity,
    /// Customer impact was mitigated.
    Mitigated,
    /// The incident was resolved.
    Resolved,
    /// A resolved incident was opened again.
    Reopened,
    /// Command passed to another commander (`from`, `to`; the briefing note
    /// as text).
    Handoff,
    /// A role changed hands (text: the role; `from`/`to`: the holders, `to`
    /// empty when cleared).
    Role,
    /// An in-incident task was added (`from`: its id; text; `to`: owner).
    Task,
    /// An in-incident task was done (`from`: its id; text).
    TaskDone,
    /// A command was run with `inc run` (text: the command line; the
    /// entry's `run` says how it ended).
    Command,
    /// A status update that went out (text: the update; the entry's
    /// `audience` says to whom).
    Update,
    /// A security incident's checklist item was done (text: the item;
    /// `from`: its number; `to`: the note given, if any).
    Checklist,
}

impl EntryKind {
    pub const ALL: [EntryKind; 16] = [
        EntryKind::Started,
        EntryKind::Detected,
        EntryKind::Declared,
        EntryKind::Note,
        EntryKind::Status,
        EntryKind::Severity,
        EntryKind::Mitigated,
        EntryKind::Resolved,
        EntryKind::Reopened,
        EntryKind::Handoff,
        EntryKind::Role,
        EntryKind::Task,
        EntryKind::TaskDone,
        EntryKind::Command,
        EntryKind::Update,
        EntryKind::Checklist,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Started => "started",
            EntryKind::Detected => "detected",
            EntryKind::Declared => "declared",
            EntryKind::Note => "note",
            EntryKind::Status => "status",
            EntryKind::Severity => "severity",
            EntryKind::Mitigated => "mitigated",
            EntryKind::Resolved => "resolved",
            EntryKind::Reopened => "reopened",
            EntryKind::Handoff => "handoff",
            EntryKind::Role => "role",
            EntryKind::Task => "task",
            EntryKind::TaskDone => "task-done",
            EntryKind::Command => "command",
            EntryKind::Update => "update",
            EntryKind::Checklist => "checklist",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

impl fmt::Display for EntryKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a status update was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Responders and the rest of the company.
    Internal,
    /// Customers: a status page, a support reply.
    External,
}

impl Audience {
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Internal => "internal",
            Audience::External => "external",
        }
    }

    pub fn parse(s: &str) -> Option<Audience> {
        [Audience::Internal, Audience::External]
            .into_iter()
            .find(|a| a.as_str() == s)
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A timeline entry as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineEntry {
    pub id: i64,
    pub uuid: String,
    pub incident_id: i64,
    pub kind: EntryKind,
    /// The note, or the reason given for a change; may be empty for changes.
    pub text: String,
    /// For changes: the value before and after (status or severity names).
    pub from: Option<String>,
    pub to: Option<String>,
    /// When the event happened.
    pub event_at: DateTime<Utc>,
    /// When it was written down.
    pub recorded_at: DateTime<Utc>,
    pub author: String,
    /// A key moment, for the review to highlight.
    pub key: bool,
    /// For responders only: left out of the public review.
    pub private: bool,
    /// For an `update` entry: who it was written for.
    pub audience: Option<Audience>,
    /// For a `command` entry: how the command ended, and its output.
    pub run: Option<CommandRun>,
}

/// A timeline entry about to be written.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    pub kind: EntryKind,
    pub text: String,
    pub from: Option<String>,
    pub to: Option<String>,
    pub event_at: DateTime<Utc>,
    /// A key moment, for the review to highlight.
    pub key: bool,
    /// For responders only: left out of the public review.
    pub private: bool,
    /// For an `update` entry: who it was written for.
    pub audience: Option<Audience>,
}

impl NewEntry {
    pub fn note(text: String, event_at: DateTime<Utc>) -> NewEntry {
        NewEntry {
            kind: EntryKind::Note,
            text,
            from: None,
            to: None,
            event_at,
            key: false,
            private: false,
            audience: None,
        }
    }

    pub fn change(
        kind: EntryKind,
        from: impl ToString,
        to: impl ToString,
        text: String,
        event_at: DateTime<Utc>,
    ) -> NewEntry {
        NewEntry {
            kind,
            text,
            from: Some(from.to_string()),
            to: Some(to.to_string()),
            event_at,
            key: false,
            private: false,
            audience: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_kinds_round_trip() {
        for k in EntryKind::ALL {
            assert_eq!(EntryKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EntryKind::parse("nope"), None);
    }
}
