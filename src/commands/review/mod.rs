//! `inc review`: the post-incident review, as markdown (the default) or
//! JSON, and `--check` for whether it is ready.

use std::path::PathBuf;

use anyhow::Result;

mod walk;

use super::{Context, ShownIncident};
use crate::config::Config;
use crate::error::UserError;
use crate::model::public::{Leak, Pseudonyms, Records, Rules, leaks, pseudonyms, public};
use crate::model::{
    Action, Amendments, Assignment, CheckInput, ChecklistItem, Description, Factor, Finding,
    Incident, Lesson, Level, Responder, RoleHolder, Task, TimelineEntry, check, meeting_deadline,
    meeting_target, open_duties, responders,
};
use crate::report::json;
use crate::report::review::{self, Review};
use crate::report::text::incident_name;
use crate::store::{ActionFilter, Store};
use crate::time::Zone;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc review --check
  inc review --json > review.json
  inc review 12 --public --out review-12-public.md
  inc review --interactive"#)]
pub struct Args {
    #[command(flatten)]
    pub incident: ShownIncident,

    /// Print markdown (the default)
    #[arg(long, conflicts_with_all = ["json", "check"])]
    pub markdown: bool,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long, conflicts_with = "check")]
    pub json: bool,

    /// Write to FILE instead of standard output (an existing FILE is replaced)
    #[arg(long, value_name = "FILE", conflicts_with = "check")]
    pub out: Option<PathBuf>,

    /// Say whether the review is ready; exit 1 if anything blocks it
    #[arg(long)]
    pub check: bool,

    /// Ask, in a terminal, for what the review lacks, then check it
    #[arg(long, conflicts_with_all = ["markdown", "json", "out", "check"])]
    pub interactive: bool,

    /// The version to share outside: people named by their part, no private notes
    ///
    /// Each person is replaced by their part in the response ("Incident
    /// commander", numbered in handoff order when there were several; a
    /// role such as "Scribe"; else "Responder 1", "Responder 2"...), also
    /// where their name is written in notes, briefings, factors, actions
    /// and lessons.
    /// Notes added with `inc tl --private`, internal status updates, the
    /// output of commands run with `inc run --capture`, where the response
    /// happened (chat channel, call bridge, ticket) and who recorded what
    /// are left out. With --check, the same readiness check runs.
    #[arg(long, conflicts_with = "interactive")]
    pub public: bool,
}

/// What a review is made of, read from the store.
pub(crate) struct Parts {
    incident: Incident,
    description: Description,
    assignments: Vec<Assignment>,
    roles: Vec<RoleHolder>,
    responders: Vec<Responder>,
    entries: Vec<TimelineEntry>,
    tasks: Vec<Task>,
    factors: Vec<Factor>,
    actions: Vec<Action>,
    lessons: Vec<Lesson>,
    /// Every role given, in order (for the public version's names).
    past_roles: Vec<RoleHolder>,
    checklist: Vec<ChecklistItem>,
    /// How much of the record was corrected after the fact.
    amendments: Amendments,
    public: bool,
}

impl Parts {
    /// Reads one incident's review material; call inside a snapshot.
    pub(crate) fn gather(store: &Store, id: i64) -> Result<Parts> {
        let incident = store.incident(crate::model::IncidentRef::Id(id))?;
        let assignments = store.assignments(id)?;
        let roles = store.roles(id)?;
        let tasks = store.tasks(id, true)?;
        let past_roles = store.role_history(id)?;
        let people = responders(
            &assignments,
            &roles,
            &past_roles,
            &store.authors(id)?,
            &tasks,
        );
        Ok(Parts {
            description: store.description(id)?,
            entries: store.timeline(id, None)?,
            factors: store.factors(id)?,
            actions: store.actions(&ActionFilter {
                incident: Some(id),
                ..ActionFilter::default()
            })?,
            lessons: store.lessons(id)?,
            incident,
            assignments,
            roles,
            responders: people,
            tasks,
            past_roles,
            checklist: store.checklist(id)?,
            amendments: store.amendments(id)?,
            public: false,
        })
    }

    /// The public version of these parts: each person named by their part
    /// in the response, and what only responders should see left out (the
    /// rules are in [`crate::model::public`]).
    pub(crate) fn public(&self, rules: &Rules) -> Parts {
        let p = public(&self.records(), rules);
        Parts {
            incident: p.incident,
            description: p.description,
            assignments: p.assignments,
            roles: p.roles,
            responders: p.responders,
            entries: p.entries,
            tasks: p.tasks,
            factors: p.factors,
            actions: p.actions,
            lessons: p.lessons,
            past_roles: p.past_roles,
            checklist: p.checklist,
            amendments: self.amendments,
            public: true,
        }
    }

    /// These parts as the public review's rules read them.
    pub(crate) fn records(&self) -> Records<'_> {
        Records {
            incident: &self.incident,
            description: &self.description,
            assignments: &self.assignments,
            roles: &self.roles,
            past_roles: &self.past_roles,
            entries: &self.entries,
            tasks: &self.tasks,
            factors: &self.factors,
            actions: &self.actions,
            lessons: &self.lessons,
            checklist: &self.checklist,
        }
    }

    /// The review of these parts, with the meeting times the config sets.
    pub(crate) fn view<'a>(&'a self, config: &Config, zone: &Zone) -> Review<'a> {
        let meeting = self.incident.resolved_at.map(|resolved| {
            (
                meeting_target(resolved, config.review_target_hours),
                meeting_deadline(zone.date(resolved), config.review_deadline_business_days),
            )
        });
        Review {
            incident: &self.incident,
            description: &self.description,
            assignments: &self.assignments,
            roles: &self.roles,
            responders: &self.responders,
            entries: &self.entries,
            tasks: &self.tasks,
            factors: &self.factors,
            actions: &self.actions,
            lessons: &self.lessons,
            checklist: &self.checklist,
            amendments: self.amendments,
            public: self.public,
            meeting,
            target_hours: config.review_target_hours,
            deadline_days: config.review_deadline_business_days,
        }
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target()?;
    let zone = ctx.zone()?;
    let mut parts = ctx.store_read()?.snapshot(|store| {
        let id = store.incident(target)?.id;
        Parts::gather(store, id)
    })?;
    if args.interactive {
        let id = parts.incident.id;
        walk::walk(
            ctx,
            id,
            &walk::Written {
                description: &parts.description,
                factors: parts.factors.len(),
                actions: parts.actions.len(),
                lessons: parts.lessons.len(),
            },
        )?;
        parts = ctx
            .store_read()?
            .snapshot(|store| Parts::gather(store, id))?;
    }
    let rules = &ctx.config().public;
    if args.check || args.interactive {
        // The readiness check looks at the records as they are (a name in
        // a factor, say); with --public, also at what the public version
        // still names.
        let leaks = if args.public {
            let public = parts.public(rules);
            let text = review::markdown(&public.view(ctx.config(), zone), zone);
            leaks(&parts.records(), rules, &text)
        } else {
            Vec::new()
        };
        let view = parts.view(ctx.config(), zone);
        // Once the meeting is recorded as held, its deadline no longer matters.
        let deadline = view
            .meeting
            .filter(|_| view.incident.review_held.is_none())
            .map(|(_, deadline)| deadline);
        let people = pseudonyms(&parts.records(), rules);
        return check_ready(
            ctx,
            &view,
            deadline,
            &people,
            args.public.then_some(&leaks[..]),
        );
    }
    if args.public {
        parts = parts.public(rules);
    }
    let view = parts.view(ctx.config(), zone);
    let text = if args.json {
        json::review(&view, ctx.now())
    } else {
        review::markdown(&view, zone)
    };
    match &args.out {
        Some(path) => {
            super::write_file(path, &text)?;
            // On stderr, so a script's standard output stays empty.
            let public = if view.public { "public " } else { "" };
            eprintln!(
                "wrote the {public}review of {} to {}",
                view.incident.number,
                crate::report::text::safe_line(&path.display().to_string())
            );
            Ok(())
        }
        None => ctx.print(&text),
    }
}

/// What `--public --check` says of something the public review still
/// shows.
fn leak_finding(leak: &Leak) -> Finding {
    let finding = |level, message: String, fix: &str| Finding {
        level,
        message,
        fix: fix.to_string(),
    };
    match leak {
        Leak::Name(name) => finding(
            Level::Error,
            format!("the public review still names {name}"),
            "rewrite the text that names them, or list the name under [public] keep if it is not a person",
        ),
        Leak::Part(word) => finding(
            Level::Warning,
            format!("the public review has \"{word}\", a word of a responder's name"),
            "if it means the person, write it with a capital so it is replaced; else list it under [public] keep",
        ),
        Leak::Email(address) => finding(
            Level::Warning,
            format!("the public review shows the email address {address}"),
            "list it under [public] keep or redact (see docs/config.md)",
        ),
        Leak::Mention(handle) => finding(
            Level::Warning,
            format!("the public review mentions {handle}"),
            "list it under [public] keep or redact (see docs/config.md)",
        ),
    }
}

fn check_ready(
    ctx: &Context,
    view: &Review<'_>,
    deadline: Option<chrono::NaiveDate>,
    people: &Pseudonyms,
    // With `--public`: what the public version still shows.
    leaks: Option<&[Leak]>,
) -> Result<()> {
    let i = view.incident;
    let mut missing = Vec::new();
    // A cancelled incident was never mitigated or resolved: it ended when
    // it was cancelled.
    if i.status != crate::model::Status::Cancelled {
        if i.mitigated_at.is_none() {
            missing.push("mitigated");
        }
        if i.resolved_at.is_none() {
            missing.push("resolved");
        }
    }
    let follow_up =
        i.resolved_at.is_some() && !i.drill && i.status != crate::model::Status::Cancelled;
    let findings = check(&CheckInput {
        incident: i.number.bare(),
        description: view.description,
        factors: view.factors,
        actions: view.actions,
        lessons: view.lessons,
        key_times_missing: missing,
        follow_up,
        people,
        deadline,
        today: ctx.zone()?.date(ctx.now()),
    });
    let findings = [
        findings,
        open_duties(&i.number.bare(), i.security, view.checklist),
        leaks.unwrap_or_default().iter().map(leak_finding).collect(),
    ]
    .concat();
    let mut out = String::new();
    for f in &findings {
        let level = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        out.push_str(&format!(
            "{level}: {}; {}\n",
            crate::report::text::safe_line(&f.message),
            f.fix
        ));
    }
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    if errors == 0 {
        out.push_str(&format!("The review of {} is ready.\n", incident_name(i)));
    }
    ctx.print(&out)?;
    if errors > 0 {
        let noun = if errors == 1 { "error" } else { "errors" };
        return Err(UserError::new(format!(
            "the review of {} is not ready: {errors} {noun}",
            i.number
        ))
        .hint(format!(
            "fix the errors above, then run `inc review{} --check -i {}` again",
            if leaks.is_some() { " --public" } else { "" },
            i.number.bare()
        ))
        .into());
    }
    Ok(())
}
