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
    /// A resolved or cancelled incident was opened again.
    Reopened,
    /// Command passed to another commander (`from`, `to`; the briefing note
    /// as text).
    Handoff,
    /// A role changed hands (text: the role; `from`/`to`: the holders, `to`
    /// empty when cleared).
    Role,
    /// An in-incident task was added (`target`: the task's UUID; text:
    /// the task's; `to`: its owner then).
    Task,
    /// An in-incident task was done (`target`: the task's UUID; text: the
    /// task's).
    TaskDone,
    /// A command was run with `inc run` (text: the command line; the
    /// entry's `run` says how it ended).
    Command,
    /// A status update that went out (text: the update; the entry's
    /// `audience` says to whom).
    Update,
    /// A security incident's checklist item was done (text: the item;
    /// `target`: the item's UUID; `to`: the note given, if any).
    Checklist,
    /// Something already recorded was corrected (`target`: the record's
    /// UUID; `field`: what was corrected; `from`/`to`: the value before and
    /// after; text: the reason given, if any).
    Correction,
    /// The incident was cancelled: a false alarm, a duplicate (text: why).
    Cancelled,
    /// The incident was marked a security incident, or not (`to`: `on` or
    /// `off`).
    Security,
    /// Where the response happens changed (text: `channel`, `bridge` or
    /// `ticket`; `from`/`to`: the value before and after, none when unset).
    Link,
}

impl EntryKind {
    pub const ALL: [EntryKind; 20] = [
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
        EntryKind::Correction,
        EntryKind::Cancelled,
        EntryKind::Security,
        EntryKind::Link,
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
            EntryKind::Correction => "correction",
            EntryKind::Cancelled => "cancelled",
            EntryKind::Security => "security",
            EntryKind::Link => "link",
        }
    }

    pub fn parse(s: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The kinds the incident's state is told by: its title, severity,
    /// status, commander, key times, links and whether it is a security
    /// incident (see [`crate::model::IncidentState`]).
    pub const STATE: [EntryKind; 12] = [
        EntryKind::Started,
        EntryKind::Detected,
        EntryKind::Declared,
        EntryKind::Status,
        EntryKind::Severity,
        EntryKind::Mitigated,
        EntryKind::Resolved,
        EntryKind::Reopened,
        EntryKind::Cancelled,
        EntryKind::Handoff,
        EntryKind::Security,
        EntryKind::Link,
    ];

    /// Whether entries of this kind change the incident's state after it
    /// began (severity, status, commander, mitigation, resolution): these
    /// cannot be dated before the impact started.
    pub fn is_change(self) -> bool {
        matches!(
            self,
            EntryKind::Status
                | EntryKind::Severity
                | EntryKind::Handoff
                | EntryKind::Mitigated
                | EntryKind::Resolved
                | EntryKind::Reopened
                | EntryKind::Cancelled
        )
    }

    /// Whether an entry of this kind changes the status.
    pub fn tells_status(self) -> bool {
        matches!(
            self,
            EntryKind::Status | EntryKind::Resolved | EntryKind::Reopened | EntryKind::Cancelled
        )
    }

    /// Whether entries of this kind tell the incident's state.
    pub fn tells_state(self) -> bool {
        EntryKind::STATE.contains(&self)
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
    /// The change clock when it was written (see [`crate::model::Hlc`]):
    /// orders entries of the same moment, the same on every machine.
    pub clock: String,
    /// The record a `task`, `task-done`, `checklist` or `correction` entry
    /// is about: its UUID.
    pub target: Option<String>,
    /// What a `correction` entry corrected: `text`, `at`, `incident`,
    /// `struck`, `owner`.
    pub field: Option<String>,
    /// Struck from the record (`inc entry rm`): kept, shown only in the
    /// history.
    pub struck: Option<Struck>,
    /// Its text, time or incident was corrected since it was written.
    pub amended: bool,
    /// Who did what it tells, when not its author (`inc tl --by`).
    pub actor: Option<String>,
}

impl TimelineEntry {
    /// Who did it: its actor, else its author. The review's and the
    /// timeline's Who.
    pub fn who(&self) -> &str {
        self.actor.as_deref().unwrap_or(&self.author)
    }
}

impl TimelineEntry {
    /// An entry of incident 1 as a test needs it: written when it
    /// happened, nothing else set.
    #[cfg(test)]
    pub fn sample(kind: EntryKind, text: &str, at: DateTime<Utc>, author: &str) -> TimelineEntry {
        TimelineEntry::derived(kind, text, at, author)
    }

    /// An entry that is not on the record but told by it (a milestone row
    /// of the review): no id, no UUID, written when it happened.
    pub fn derived(kind: EntryKind, text: &str, at: DateTime<Utc>, author: &str) -> TimelineEntry {
        TimelineEntry {
            id: 0,
            uuid: String::new(),
            incident_id: 0,
            kind,
            text: text.into(),
            from: None,
            to: None,
            event_at: at,
            recorded_at: at,
            author: author.into(),
            key: false,
            private: false,
            audience: None,
            run: None,
            clock: String::new(),
            target: None,
            field: None,
            struck: None,
            amended: false,
            actor: None,
        }
    }
}

/// Where an entry stands among entries of the same moment, in the
/// review's timeline: impact starts, is noticed and is declared; then
/// everything else, in the order written; then mitigated, then resolved.
fn moment_rank(kind: EntryKind) -> u8 {
    match kind {
        EntryKind::Started => 0,
        EntryKind::Detected => 1,
        EntryKind::Declared => 2,
        EntryKind::Mitigated => 4,
        EntryKind::Resolved => 5,
        _ => 3,
    }
}

/// A timeline with every milestone row: where no entry marks the start of
/// impact or the detection (they were typed as the same moment as a later
/// milestone, so the record holds one entry for both), a row is made for
/// each from the key times, by `author`; milestones of the same moment
/// then stand in their natural order (see [`moment_rank`]), the rest as
/// they were.
pub fn with_milestones<'a>(
    entries: &'a [TimelineEntry],
    started: DateTime<Utc>,
    detected: DateTime<Utc>,
    author: &str,
) -> Vec<std::borrow::Cow<'a, TimelineEntry>> {
    use std::borrow::Cow;
    let mut rows: Vec<Cow<'a, TimelineEntry>> = entries.iter().map(Cow::Borrowed).collect();
    for (kind, at) in [
        (EntryKind::Started, started),
        (EntryKind::Detected, detected),
    ] {
        if !entries.iter().any(|e| e.kind == kind) {
            rows.push(Cow::Owned(TimelineEntry::derived(kind, "", at, author)));
        }
    }
    // Stable: entries of one moment and rank keep the record's order.
    rows.sort_by_key(|e| (e.event_at, moment_rank(e.kind)));
    rows
}

/// Who struck an entry from the record, when, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Struck {
    pub at: DateTime<Utc>,
    pub by: String,
    pub reason: String,
}

/// What a correction entry can correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// An entry's text (the title, for the `declared` entry); a task's text.
    Text,
    /// When an entry's event happened.
    At,
    /// Which incident an entry is on.
    Incident,
    /// An entry struck from the record.
    Struck,
    /// Who does a task.
    Owner,
    /// Whether a note is a key moment.
    Key,
    /// Whether a note is for responders only.
    Private,
}

impl Field {
    pub const ALL: [Field; 7] = [
        Field::Text,
        Field::At,
        Field::Incident,
        Field::Struck,
        Field::Owner,
        Field::Key,
        Field::Private,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Text => "text",
            Field::At => "at",
            Field::Incident => "incident",
            Field::Struck => "struck",
            Field::Owner => "owner",
            Field::Key => "key",
            Field::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// How much of an incident's record was corrected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Amendments {
    /// Entries whose text, time or incident was corrected.
    pub amended: usize,
    /// Entries struck from the record.
    pub struck: usize,
    /// Corrections made (each is an entry of kind `correction`), marks of
    /// key moments and privacy aside: those edit the record, they do not
    /// correct it.
    pub corrections: usize,
}

impl Amendments {
    pub fn any(&self) -> bool {
        self.corrections > 0
    }
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
    /// The record it is about (see [`TimelineEntry::target`]).
    pub target: Option<String>,
    /// What a correction corrected.
    pub field: Option<Field>,
    /// Who did it, when not whoever writes it down (`inc tl --by`).
    pub actor: Option<String>,
}

impl NewEntry {
    /// An entry of `kind` with `text`, and nothing else set.
    pub fn of(kind: EntryKind, text: String, event_at: DateTime<Utc>) -> NewEntry {
        NewEntry {
            kind,
            text,
            from: None,
            to: None,
            event_at,
            key: false,
            private: false,
            audience: None,
            target: None,
            field: None,
            actor: None,
        }
    }

    pub fn note(text: String, event_at: DateTime<Utc>) -> NewEntry {
        NewEntry::of(EntryKind::Note, text, event_at)
    }

    pub fn change(
        kind: EntryKind,
        from: impl ToString,
        to: impl ToString,
        text: String,
        event_at: DateTime<Utc>,
    ) -> NewEntry {
        NewEntry {
            from: Some(from.to_string()),
            to: Some(to.to_string()),
            ..NewEntry::of(kind, text, event_at)
        }
    }

    /// The incident became a security incident (`on`), or stopped being one.
    pub fn security(on: bool, at: DateTime<Utc>) -> NewEntry {
        NewEntry {
            to: Some(if on { "on" } else { "off" }.to_string()),
            ..NewEntry::of(EntryKind::Security, String::new(), at)
        }
    }

    /// One of the incident's links set, changed or cleared.
    pub fn link(
        kind: super::LinkKind,
        from: Option<String>,
        to: Option<String>,
        at: DateTime<Utc>,
    ) -> NewEntry {
        NewEntry {
            from,
            to,
            ..NewEntry::of(EntryKind::Link, kind.as_str().to_string(), at)
        }
    }

    /// A correction of `field` of the record `target`, from one value to
    /// another, with the reason given (may be empty).
    pub fn correction(
        target: &str,
        field: Field,
        from: Option<String>,
        to: Option<String>,
        reason: String,
        at: DateTime<Utc>,
    ) -> NewEntry {
        NewEntry {
            from,
            to,
            target: Some(target.to_string()),
            field: Some(field),
            ..NewEntry::of(EntryKind::Correction, reason, at)
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
