//! `inc brief`: the handoff briefing, for someone joining the response.
//! `inc handoff` prints the same.

use anyhow::Result;

use super::{Context, Shown};
use crate::model::{
    Assignment, ChecklistItem, Incident, Responder, RoleHolder, Task, TimelineEntry, responders,
};
use crate::report::briefing::{self, Briefing};
use crate::report::json;
use crate::store::Store;

/// What `inc brief --help` ends with (see where the command is declared).
pub const EXAMPLES: &str = r#"Examples:
  inc brief
  inc brief 12 > briefing-12.md
  inc brief --json"#;

pub fn run(ctx: &Context, args: &Shown) -> Result<()> {
    let target = args.incident.target()?;
    let store = ctx.store_read()?;
    let parts = store.snapshot(|store| {
        let id = store.incident(target)?.id;
        Parts::gather(store, id, ctx.config().briefing_notes)
    })?;
    if args.json {
        return ctx.print(&json::briefing(&parts.view(), ctx.now()));
    }
    ctx.print(&briefing::markdown(&parts.view(), ctx.now(), ctx.zone()?))
}

/// What a briefing is made of, read from the store.
pub struct Parts {
    incident: Incident,
    assignments: Vec<Assignment>,
    notes: Vec<TimelineEntry>,
    tasks: Vec<Task>,
    roles: Vec<RoleHolder>,
    responders: Vec<Responder>,
    open_duties: Vec<ChecklistItem>,
}

impl Parts {
    /// Reads one incident's briefing; call inside a snapshot.
    pub fn gather(store: &Store, id: i64, notes: usize) -> Result<Parts> {
        let incident = store.incident(crate::model::IncidentRef::Id(id))?;
        let assignments = store.assignments(id)?;
        let roles = store.roles(id)?;
        let all_tasks = store.tasks(id, true)?;
        let people = responders(
            &assignments,
            &roles,
            &store.role_history(id)?,
            &store.authors(id)?,
            &all_tasks,
        );
        Ok(Parts {
            notes: store.latest_progress(id, notes)?,
            tasks: all_tasks.into_iter().filter(Task::is_open).collect(),
            incident,
            assignments,
            roles,
            responders: people,
            open_duties: store
                .checklist(id)?
                .into_iter()
                .filter(|d| !d.is_done())
                .collect(),
        })
    }

    /// The incident, and its current commander's assignment.
    pub fn command(&self) -> (&Incident, Option<&Assignment>) {
        (&self.incident, self.assignments.last())
    }

    pub fn view(&self) -> Briefing<'_> {
        Briefing {
            incident: &self.incident,
            assignments: &self.assignments,
            notes: &self.notes,
            tasks: &self.tasks,
            roles: &self.roles,
            responders: &self.responders,
            open_duties: &self.open_duties,
        }
    }

    pub fn responders(&self) -> &[Responder] {
        &self.responders
    }
}
