//! The incident domain: incidents, severities, statuses, timeline entries and
//! the rules that keep them consistent. No SQL, no IO, no clock.

mod checklist;
mod command;
mod comms;
mod current;
pub mod exchange;
pub mod followup;
mod hlc;
pub mod ids;
mod incident;
pub mod public;
mod refs;
mod review;
mod run;
mod scale;
mod search;
mod state;
pub mod stats;
pub mod story;
pub mod sync;
mod text;
mod timeline;

pub use checklist::{ChecklistItem, ItemRef, NewChecklistItem, check_done, open_duties};
pub use command::{
    Assignment, Authorship, DEFAULT_ROLES, Responder, RoleHolder, Task, check_handoff, check_role,
    handoff_time, responders, same_person, time_after,
};
pub use comms::{LinkKind, PostOutcome, UpdatePost};
pub use current::{
    Current, IncidentRef, NAMED_WHEN_AMBIGUOUS, choose_current, name_incidents, parse_incident_id,
};
pub use hlc::{Hlc, max_ahead};
pub use incident::{Incident, KeyTimes, Links, NewIncident, Number, OrderConflict, ReviewHeld};
pub use refs::{CorrectionVerb, EntryRef, MIN_REF, short_refs};
pub use review::{
    Action, ActionStatus, ActionType, CheckInput, Description, Factor, FactorKind, Finding, Lesson,
    LessonKind, Level, Priority, ReviewStatus, Scope, check, meeting_deadline, meeting_target,
    parse_due,
};
pub use run::{CommandRun, LineSplitter, Outcome, OutputTail, shell_line, shell_path, signal_name};
pub use scale::{Severity, Status};
pub use search::{Found, Hit, HitIncident, Location, Piece, Query, SourceKind, Token, fts_query};
pub use state::{IncidentState, before_start, check_record, settle_changes};
pub use text::{MAX_TEXT, clean_name, clean_text};
pub use timeline::{
    Amendments, Audience, EntryKind, Field, NewEntry, Struck, TimelineEntry, with_milestones,
};
