//! `inc demo`: replays a made-up but realistic incident, from the first
//! page to the last lesson, and prints its post-incident review: the whole
//! product in one command. The story is written through the same store
//! calls and model rules as the commands, into a database of its own in
//! memory; it never reads the config nor touches the user's database.
//! `--keep PATH` saves that database to a new file, to explore.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use chrono::{DateTime, Days, DurationRound, TimeDelta, Utc};

use super::Context;
use super::review::Parts;
use crate::clock::Clock;
use crate::model::{
    ActionStatus, ActionType, CommandRun, Description, EntryKind, FactorKind, IncidentRef,
    LessonKind, NewEntry, NewIncident, Outcome, Priority, Scope, Severity, Status, check_handoff,
    check_role, shell_line, time_after,
};
use crate::report::review;
use crate::report::text::safe_line;
use crate::store::{NewAction, Store};
use crate::time::Zone;

#[derive(Debug, clap::Args)]
#[command(after_help = NOTE, after_long_help = after_long_help())]
pub struct Args {
    /// Also save the demo database to PATH, a new file, to explore with `INC_DB=PATH inc show`
    #[arg(long, value_name = "PATH")]
    pub keep: Option<PathBuf>,
}

/// Shown after `inc demo -h` and `inc demo --help`.
const NOTE: &str = "The demo reads no config file and never opens your incident database: \
                    --db, INC_DB, --config and --as make no difference to it.";

/// The end of `inc demo --help`: the note, then examples.
fn after_long_help() -> String {
    let examples = r#"Examples:
  inc demo
  inc demo --keep demo.db
  INC_DB=demo.db inc timeline"#;
    format!("{NOTE}\n\n{examples}")
}

/// One step of the story: who did what, when it happened and when it was
/// written down, in minutes after customer impact began.
struct Step {
    at: i64,
    noted: i64,
    who: &'static str,
    what: Event,
}

/// A step as it happened, written down straight away.
const fn at(at: i64, who: &'static str, what: Event) -> Step {
    Step {
        at,
        noted: at,
        who,
        what,
    }
}

impl Step {
    /// The same step, written down later than it happened.
    const fn noted(self, noted: i64) -> Step {
        Step { noted, ..self }
    }
}

/// What a step does: one command's worth.
enum Event {
    /// `inc open`: declared at the step's time.
    Open {
        title: &'static str,
        sev: u8,
        started: i64,
        detected: i64,
    },
    /// `inc tl`, with `--key` for a key moment.
    Note {
        text: &'static str,
        key: bool,
    },
    /// `inc update --external`: a status page post.
    Update(&'static str),
    Sev {
        to: u8,
        reason: &'static str,
    },
    Status(Status),
    Role {
        role: &'static str,
        name: &'static str,
    },
    Task {
        text: &'static str,
        owner: &'static str,
    },
    /// A task, by its place in the story (1 is the first added).
    TaskDone(usize),
    /// `inc run --capture N`: a command that exited 0 after `seconds`,
    /// with the last lines of its output.
    Run {
        command: &'static [&'static str],
        seconds: u64,
        output: &'static [&'static str],
    },
    Mitigated,
    Handoff {
        to: &'static str,
        briefing: &'static str,
    },
    Resolve,
    Describe {
        summary: &'static str,
        impact: &'static str,
        scope: Scope,
        detection: &'static str,
        trigger: &'static str,
        resolution: &'static str,
        long_term: &'static str,
    },
    Factor {
        text: &'static str,
        kind: FactorKind,
    },
    Action {
        text: &'static str,
        owner: &'static str,
        due_in_days: u64,
        priority: Priority,
        kind: ActionType,
        /// Its ticket in the team's tracker.
        ticket: &'static str,
    },
    /// An action item, by its place in the story (1 is the first added).
    ActionDone(usize),
    Lesson {
        text: &'static str,
        kind: LessonKind,
    },
}

use Event::{
    Action, ActionDone, Describe, Factor, Handoff, Lesson, Mitigated, Note, Open, Resolve, Role,
    Run, Sev, Task, TaskDone, Update,
};

/// The incident: a config change starves checkout of connections to the
/// payment gateway. The on-call commander declares it, a scribe and comms
/// join, the cause is found and rolled back, command is handed over, and
/// the review material is written once it is over. The last step happens
/// now; the texts give no clock times, since the times move with now.
const STORY: &[Step] = &[
    at(
        27,
        "maya",
        Open {
            title: "Checkout requests failing with 502s",
            sev: 3,
            started: 0,
            detected: 24,
        },
    ),
    at(
        24,
        "maya",
        Note {
            text: "Support escalated a spike in checkout complaints: customers get an error page when they pay",
            key: false,
        },
    )
    .noted(28),
    at(
        28,
        "maya",
        Note {
            text: "Paged: checkout-api 5xx rate above 5% for 10 minutes",
            key: false,
        },
    ),
    at(
        29,
        "maya",
        Role {
            role: "scribe",
            name: "lee",
        },
    ),
    at(
        29,
        "maya",
        Role {
            role: "comms",
            name: "priya",
        },
    ),
    at(
        31,
        "lee",
        Note {
            text: "Dashboards: 502s from the load balancer began about half an hour ago and climb with traffic; about 1 in 5 checkouts fail, in every region",
            key: false,
        },
    ),
    at(
        32,
        "maya",
        Sev {
            to: 2,
            reason: "about 1 in 5 checkouts failing, in every region",
        },
    ),
    at(
        33,
        "maya",
        Task {
            text: "Check recent deploys and config changes to checkout-api",
            owner: "dev",
        },
    ),
    at(
        36,
        "priya",
        Update("Some customers cannot complete checkout; we are investigating"),
    ),
    at(
        38,
        "dev",
        Note {
            text: "checkout-api logs \"upstream connection pool exhausted\" for payments-gateway; payments-gateway itself is healthy",
            key: false,
        },
    ),
    at(
        41,
        "dev",
        Note {
            text: "Cause found: a config change shipped just before the errors began cut checkout-api's pool to payments-gateway from 200 to 20 connections",
            key: true,
        },
    ),
    at(42, "dev", TaskDone(1)),
    at(42, "maya", Event::Status(Status::Identified)),
    at(
        43,
        "maya",
        Task {
            text: "Roll back the checkout-api config to the previous version",
            owner: "dev",
        },
    ),
    at(
        50,
        "dev",
        Run {
            command: &["kubectl", "rollout", "undo", "deployment/checkout-api"],
            seconds: 48,
            output: &[
                "deployment.apps/checkout-api rolled back",
                "Waiting for deployment \"checkout-api\" rollout to finish: 2 of 6 updated replicas are available...",
                "deployment \"checkout-api\" successfully rolled out",
            ],
        },
    ),
    at(
        51,
        "dev",
        Note {
            text: "Config rolled back; checkout-api pods restarted with a pool of 200",
            key: true,
        },
    ),
    at(52, "dev", TaskDone(2)),
    at(
        58,
        "lee",
        Note {
            text: "502 rate back to baseline (under 0.1%)",
            key: false,
        },
    ),
    at(58, "maya", Mitigated).noted(59),
    at(59, "maya", Event::Status(Status::Monitoring)),
    at(
        60,
        "maya",
        Handoff {
            to: "sam",
            briefing: "Mitigated by rolling back the checkout-api config. Watch the 502 rate and the payment retry queue; the status page still says degraded. priya has comms, lee is scribe. I am off shift now.",
        },
    ),
    at(
        62,
        "sam",
        Task {
            text: "Drain the payment retry queue and confirm no one was charged twice",
            owner: "dev",
        },
    ),
    at(
        64,
        "priya",
        Update("A fix is in place and we are monitoring; support has a reply for affected customers"),
    ),
    at(
        84,
        "dev",
        Note {
            text: "Retry queue drained: 412 payments retried, none charged twice",
            key: true,
        },
    ),
    at(85, "dev", TaskDone(3)),
    at(
        90,
        "lee",
        Note {
            text: "502 rate at baseline for half an hour; no new complaints to support",
            key: false,
        },
    ),
    at(
        91,
        "priya",
        Update("Resolved: checkout works normally again"),
    ),
    at(92, "sam", Resolve),
    // The review material, written once it is over.
    at(
        150,
        "sam",
        Describe {
            summary: "For 58 minutes, about 1 in 5 checkout requests failed with a 502: a config change had cut checkout-api's connection pool to payments-gateway from 200 to 20, and the pool ran out as traffic grew. Rolling the change back ended the errors.",
            impact: "Customers in every region: about 3,100 checkouts failed. Failed payments waited in the retry queue and went through later; no one was charged twice.",
            scope: Scope::External,
            detection: "Support escalated a spike in customer complaints 24 minutes after impact began; the 5xx alert fired 4 minutes later.",
            trigger: "A routine config change to checkout-api set its pool to payments-gateway to 20 connections instead of 200.",
            resolution: "The config change was rolled back and checkout-api's pods restarted with a pool of 200; the payment retry queue was drained.",
            long_term: "Pool sizes are validated before a rollout, and config changes reach a canary first (the first two action items).",
        },
    ),
    at(
        152,
        "sam",
        Factor {
            text: "A config change cut checkout-api's upstream pool from 200 to 20 connections, and nothing checks pool sizes before a rollout",
            kind: FactorKind::Technical,
        },
    ),
    at(
        153,
        "sam",
        Factor {
            text: "Config changes reach every checkout-api pod at once: there is no canary stage",
            kind: FactorKind::Technical,
        },
    ),
    at(
        154,
        "sam",
        Factor {
            text: "The 5xx alert waits for 10 minutes above 5%, so errors that climb with traffic stay under it for a long time",
            kind: FactorKind::Technical,
        },
    ),
    at(
        155,
        "sam",
        Factor {
            text: "Config changes are reviewed as routine, with no checklist for capacity settings",
            kind: FactorKind::NonTechnical,
        },
    ),
    at(
        156,
        "sam",
        Factor {
            text: "The checkout runbook starts at the load balancer, which only relays the errors of the services behind it",
            kind: FactorKind::NonTechnical,
        },
    ),
    at(
        158,
        "sam",
        Action {
            text: "Validate pool sizes in checkout-api config; refuse a cut of more than half without a sign-off",
            owner: "checkout-team",
            due_in_days: 7,
            priority: Priority::P1,
            kind: ActionType::Prevent,
            ticket: "CHK-1042",
        },
    ),
    at(
        159,
        "sam",
        Action {
            text: "Roll config changes out to a 5% canary for 10 minutes before every pod",
            owner: "platform",
            due_in_days: 14,
            priority: Priority::P1,
            kind: ActionType::Prevent,
            ticket: "PLAT-311",
        },
    ),
    at(
        160,
        "sam",
        Action {
            text: "Alert on a checkout 5xx rate above 1% for 3 minutes, and on upstream pool exhaustion",
            owner: "sre",
            due_in_days: 7,
            priority: Priority::P2,
            kind: ActionType::Detect,
            ticket: "SRE-87",
        },
    ),
    at(
        161,
        "sam",
        Action {
            text: "Add upstream pool exhaustion and the config rollback to the checkout runbook",
            owner: "dev",
            due_in_days: 14,
            priority: Priority::P3,
            kind: ActionType::Process,
            ticket: "CHK-1043",
        },
    ),
    at(
        163,
        "maya",
        Lesson {
            text: "The config rollback took 8 minutes from decision to done",
            kind: LessonKind::WentWell,
        },
    ),
    at(
        164,
        "priya",
        Lesson {
            text: "The status page was updated 9 minutes after the incident was declared",
            kind: LessonKind::WentWell,
        },
    ),
    at(
        165,
        "sam",
        Lesson {
            text: "The written handoff briefing let the new commander take over mid-incident without a gap",
            kind: LessonKind::WentWell,
        },
    ),
    at(
        166,
        "maya",
        Lesson {
            text: "Customers noticed before our alerts did",
            kind: LessonKind::WentWrong,
        },
    ),
    at(
        167,
        "dev",
        Lesson {
            text: "Diagnosis started at the load balancer and took 14 minutes to reach the connection pool",
            kind: LessonKind::WentWrong,
        },
    ),
    at(
        168,
        "dev",
        Lesson {
            text: "Traffic was moderate; at peak the pool would have run out within minutes and failed most checkouts",
            kind: LessonKind::Lucky,
        },
    ),
    at(
        169,
        "sam",
        Lesson {
            text: "Failed payments went to the retry queue, so no order was lost",
            kind: LessonKind::Lucky,
        },
    ),
    at(170, "dev", ActionDone(4)),
];

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let zone = ctx.zone()?;
    let mut store = Store::open_in_memory(ctx.clock())?;
    let id = replay(&mut store, STORY, ctx.now(), zone, &ctx.config().roles)?;
    if let Some(path) = &args.keep {
        store.save_as(path)?;
    }
    let parts = store.snapshot(|store| Parts::gather(store, id))?;
    ctx.print(&review::markdown(&parts.view(ctx.config(), zone), zone))?;
    // The review goes to standard output, to read or redirect; this note
    // to standard error, so it stays out of the file.
    let (database, explore) = match &args.keep {
        Some(path) => (
            format!(
                "a database of its own, saved in {}",
                safe_line(&path.display().to_string())
            ),
            format!(
                "INC_DB={} inc show (then timeline, responders, review)",
                safe_line(&crate::model::shell_path(path))
            ),
        ),
        None => (
            "a throwaway database, gone now".to_string(),
            "inc demo --keep demo.db".to_string(),
        ),
    };
    eprintln!(
        "\nThis was a demo: a made-up incident, replayed in {database}. \
         Your own incident database was not touched.\n\
         To explore it: {explore}\n\
         Start for real: inc open \"What is wrong, as users see it\" --sev 2"
    );
    Ok(())
}

/// Plays the story into `store`, its last step happening at `now` (to the
/// minute, so that the times shown add up), and returns the incident's id.
fn replay(
    store: &mut Store,
    story: &[Step],
    now: DateTime<Utc>,
    zone: &Zone,
    roles: &[String],
) -> Result<i64> {
    let now = now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now);
    let end = story.iter().map(|s| s.noted.max(s.at)).max().unwrap_or(0);
    let time = |minutes: i64| now - TimeDelta::minutes(end - minutes);
    let today = zone.date(now);
    let mut incident = None;
    let mut tasks = Vec::new();
    let mut actions = Vec::new();
    for step in story {
        let at = time(step.at);
        // Each step is written down when the story says it was noted.
        store.set_clock(Clock::fixed(time(step.noted)));
        let who = step.who;
        if let Open {
            title,
            sev,
            started,
            detected,
        } = step.what
        {
            let new = NewIncident {
                severity: severity(sev)?,
                started_at: Some(time(started)),
                detected_at: Some(time(detected)),
                declared_at: Some(at),
                ..NewIncident::new(title, who)
            };
            incident = Some(store.create_incident(&new, who, &[])?.0.id);
            continue;
        }
        let id = incident.context("the demo story must open its incident first")?;
        let which = IncidentRef::Id(id);
        match step.what {
            Open { .. } => unreachable!("handled above"),
            Note { text, key } => {
                store.update_incident(which, who, |_, _| {
                    Ok(vec![NewEntry {
                        key,
                        ..NewEntry::note(text.to_string(), at)
                    }])
                })?;
            }
            Update(text) => {
                store.record_update(which, who, Some(at), None, |at| NewEntry {
                    audience: Some(crate::model::Audience::External),
                    ..NewEntry::of(EntryKind::Update, text.to_string(), at)
                })?;
            }
            Run {
                command,
                seconds,
                output,
            } => {
                let words: Vec<std::ffi::OsString> = command.iter().map(Into::into).collect();
                let entry = NewEntry::of(EntryKind::Command, shell_line(&words), at);
                let run = CommandRun {
                    outcome: Outcome::Exited(0),
                    duration_ms: seconds * 1000,
                    output: Some(output.join("\n")),
                    output_lines: Some(output.len() as u64),
                };
                store.set_clock(Clock::fixed(
                    at + TimeDelta::seconds(i64::try_from(seconds).unwrap_or(0)),
                ));
                store.record_run(id, who, &entry, &run)?;
            }
            Sev { to, reason } => {
                let to = severity(to)?;
                store.update_incident(which, who, |i, _| {
                    Ok(i.set_severity(to, reason.to_string(), at, zone)?)
                })?;
            }
            Event::Status(to) => {
                store.update_incident(which, who, |i, _| Ok(i.set_status(to, at, zone)?))?;
            }
            Mitigated => {
                store.update_incident(which, who, |i, _| Ok(i.mitigate(at, zone)?))?;
            }
            Resolve => {
                store.update_incident(which, who, |i, _| Ok(i.resolve(at, zone)?))?;
            }
            Role { role, name } => {
                let role = check_role(role, roles)?;
                store.set_role(which, who, &role, Some(name), |holder, _| match holder {
                    Some(h) => {
                        time_after("the change", at, ("the last change", h.assigned_at), zone)
                    }
                    None => Ok(at),
                })?;
            }
            Handoff { to, briefing } => {
                store.hand_off(which, who, to, briefing, |incident, current, _| {
                    check_handoff(incident, current, to, at, zone)
                })?;
            }
            Task { text, owner } => {
                tasks.push(
                    store
                        .add_task(which, who, text, Some(owner), Some(at))?
                        .1
                        .id,
                );
            }
            TaskDone(n) => {
                let task = nth(&tasks, n, "task")?;
                store.complete_task(which, &task.to_string(), who, Some(at))?;
            }
            Describe {
                summary,
                impact,
                scope,
                detection,
                trigger,
                resolution,
                long_term,
            } => {
                let description = Description {
                    summary: Some(summary.to_string()),
                    impact: Some(impact.to_string()),
                    scope: Some(scope),
                    detection: Some(detection.to_string()),
                    triggered_by: Some(trigger.to_string()),
                    resolution: Some(resolution.to_string()),
                    long_term: Some(long_term.to_string()),
                };
                store.describe(which, who, &description)?;
            }
            Factor { text, kind } => {
                store.add_factor(which, who, text, kind)?;
            }
            Action {
                text,
                owner,
                due_in_days,
                priority,
                kind,
                ticket,
            } => {
                let new = NewAction {
                    text: text.to_string(),
                    owner: owner.to_string(),
                    due: today.checked_add_days(Days::new(due_in_days)),
                    priority,
                    action_type: Some(kind),
                    link: Some(ticket.to_string()),
                };
                actions.push(store.add_action(which, who, &new)?.1.id);
            }
            ActionDone(n) => {
                let action = nth(&actions, n, "action item")?;
                store.update_action(Some(which), &action.to_string(), who, Some(at), |a| {
                    a.status = ActionStatus::Done;
                    Ok(())
                })?;
            }
            Lesson { text, kind } => {
                store.add_lesson(which, who, text, kind)?;
            }
        }
    }
    incident.context("the demo story opens no incident")
}

fn severity(level: u8) -> Result<Severity> {
    Severity::new(level).with_context(|| format!("the demo story has severity {level}"))
}

/// The id of the `n`th task or action item the story added.
fn nth(ids: &[i64], n: usize, what: &str) -> Result<i64> {
    n.checked_sub(1)
        .and_then(|i| ids.get(i))
        .copied()
        .with_context(|| format!("the demo story has no {what} {n}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::model::{CheckInput, check};
    use chrono::TimeZone;

    fn replayed(now: DateTime<Utc>) -> (Store, i64) {
        let mut store = Store::open_in_memory(Clock::fixed(now)).unwrap();
        let roles = Config::default().roles;
        let id = replay(&mut store, STORY, now, &Zone::utc(), &roles).unwrap();
        (store, id)
    }

    #[test]
    fn the_story_is_told_in_order_and_ends_now() {
        let noted: Vec<i64> = STORY.iter().map(|s| s.noted).collect();
        assert!(noted.is_sorted(), "steps are written down in order");
        assert!(STORY.iter().all(|s| s.at <= s.noted), "nothing is foretold");
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 30).unwrap();
        let (store, id) = replayed(now);
        let minute = Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 0).unwrap();
        let entries = store.timeline(id, None).unwrap();
        let last = entries.iter().map(|e| e.recorded_at).max().unwrap();
        assert!(last <= minute, "nothing is recorded after now");
        let incident = store.incident(IncidentRef::Id(id)).unwrap();
        assert_eq!(incident.status, Status::Resolved);
        assert_eq!(incident.commander, "sam");
        assert_eq!(incident.severity.level(), 2);
        assert_eq!(incident.started_at, minute - TimeDelta::minutes(170));
        assert_eq!(
            (incident.mitigated_at.unwrap() - incident.started_at).num_minutes(),
            58
        );
    }

    #[test]
    fn the_review_is_ready_with_nothing_to_warn_about() {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 14, 0, 0).unwrap();
        let (store, id) = replayed(now);
        let parts = Parts::gather(&store, id).unwrap();
        let config = Config::default();
        let zone = Zone::utc();
        let view = parts.view(&config, &zone);
        let people = crate::model::public::pseudonyms(&parts.records(), &config.public);
        let findings = check(&CheckInput {
            incident: id.to_string(),
            description: view.description,
            factors: view.factors,
            actions: view.actions,
            lessons: view.lessons,
            key_times_missing: vec![],
            follow_up: true,
            people: &people,
            deadline: view.meeting.map(|(_, deadline)| deadline),
            today: zone.date(now),
        });
        assert_eq!(findings, vec![]);
    }

    #[test]
    fn paths_are_quoted_for_the_shell_when_needed() {
        assert_eq!(
            crate::model::shell_path(std::path::Path::new("/tmp/demo.db")),
            "/tmp/demo.db"
        );
        assert_eq!(
            crate::model::shell_path(std::path::Path::new("my demo.db")),
            "'my demo.db'"
        );
        assert_eq!(
            crate::model::shell_path(std::path::Path::new("it's.db")),
            r"'it'\''s.db'"
        );
    }
}
