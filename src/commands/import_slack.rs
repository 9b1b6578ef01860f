//! `inc import-slack`: turns the timeline notes of a channel in a Slack
//! export (messages starting with `TL` or `timeline`) into timeline notes of
//! an incident, each with its message's time and author, and the handoffs,
//! action items and status page posts it recognises (see
//! [`crate::slack::intent`]) into handoffs, action items and external
//! updates. Importing again adds nothing: each record's UUID is derived
//! from its message. Notes from a private channel or a group conversation
//! are private.

use std::path::PathBuf;

use anyhow::Result;

use super::{Context, ReviewIncidentArg};
use crate::model::{Audience, EntryKind, NewEntry, Priority};
use crate::report::text::{safe, safe_line};
use crate::slack::{Export, Note, Said, Skip};
use crate::store::{Fate, GivenNote, Imported, NewAction};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc import-slack slack-export --channel inc-payments
  inc import-slack slack-export --channel '#inc-payments' -i 12
  inc import-slack slack-export --channel inc-payments --all --dry-run"#)]
pub struct Args {
    /// The folder of an unzipped Slack export (holding users.json and channels.json)
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// The channel to import from, with or without `#`
    #[arg(long, short = 'c', value_name = "NAME")]
    pub channel: String,

    /// Import every message people wrote, not only those starting with `TL` or `timeline`
    ///
    /// Joins, leaves, topic changes, deleted messages and bot messages
    /// without the prefix are skipped even so.
    #[arg(long)]
    pub all: bool,

    /// Print what would be imported, and write nothing
    #[arg(long, short = 'n')]
    pub dry_run: bool,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    // Usually run once the incident is resolved, to gather its timeline for
    // the review: without -i, the current incident, else the last chosen.
    let target = args.incident.target()?;
    let export = Export::open(&args.dir)?;
    let channel = export.channel(&args.channel)?;
    let selection = export.select(&channel, args.all, ctx.now())?;
    let notes: Vec<GivenNote> = selection
        .notes
        .iter()
        .map(|n| given(n, channel.private))
        .collect();
    let zone = ctx.zone()?;
    let mut store = if args.dry_run {
        ctx.store_read()?
    } else {
        ctx.store_for_change()?
    };
    let Imported {
        incident,
        fates,
        left_public,
    } = store.import_notes(target, &notes, args.dry_run)?;

    let mut out = String::new();
    // New ones of each kind, in the order of [`Made`].
    let mut made = [0usize; 4];
    let mut there = 0;
    let mut elsewhere = 0;
    for ((note, given), fate) in selection.notes.iter().zip(&notes).zip(&fates) {
        let when = zone.format(note.at);
        let thread = if note.in_thread { " (in a thread)" } else { "" };
        match fate {
            Fate::New | Fate::NewNote { .. } => {
                let kind = match fate {
                    Fate::NewNote { .. } => Made::Note,
                    _ => made_of(given),
                };
                made[kind as usize] += 1;
                if let Fate::NewNote { why } = fate {
                    out.push_str(&format!(
                        "kept as a note, not a handoff ({}): {when} {}: {}\n",
                        safe_line(why),
                        safe_line(&note.author),
                        safe_line(&note.text)
                    ));
                } else if args.dry_run {
                    let what = match kind {
                        Made::Note => String::new(),
                        Made::Handoff => format!(
                            "handoff to {}: ",
                            safe_line(given.entry.to.as_deref().unwrap_or_default())
                        ),
                        Made::Action => format!(
                            "action item (owner: {}): ",
                            safe_line(given.action.as_ref().map_or("", |a| a.owner.as_str()))
                        ),
                        Made::Update => "external update: ".to_string(),
                    };
                    let text = given.action.as_ref().map_or(&given.entry.text, |a| &a.text);
                    out.push_str(&format!(
                        "{when}  {}{thread}: {what}{}\n",
                        safe_line(&note.author),
                        // Continuation lines indented, so that no line of a
                        // message reads as a line of inc's own.
                        safe(text).replace('\n', "\n    ")
                    ));
                }
            }
            Fate::There => there += 1,
            Fate::Changed { kept } => {
                there += 1;
                out.push_str(&format!(
                    "changed in Slack since it was imported, kept as first imported: {when} {}: {}\n  now in Slack: {}\n",
                    safe_line(&note.author),
                    safe_line(kept),
                    safe_line(&note.text)
                ));
            }
            Fate::Elsewhere { incident_id } => {
                elsewhere += 1;
                out.push_str(&format!(
                    "already imported into #{incident_id}, left there: {when} {}: {}\n",
                    safe_line(&note.author),
                    safe_line(&note.text)
                ));
            }
        }
    }
    // Imported as public before notes from private channels were private:
    // left so (an import changes nothing already there), and said.
    let refs = if left_public.is_empty() {
        Default::default()
    } else {
        store.entry_refs(incident.id, &left_public)?
    };
    for entry in &left_public {
        out.push_str(&format!(
            "from a private channel, but public since its first import, left so: {} {}: {}\n  make it private with `inc entry edit {} -i {} --private`\n",
            zone.format(entry.event_at),
            safe_line(&entry.author),
            safe_line(&entry.text),
            refs.get(&entry.uuid).map_or(entry.uuid.as_str(), String::as_str),
            incident.number.bare(),
        ));
    }
    let skipped: Vec<(Skip, usize)> = selection.skipped.into_iter().collect();
    let total: usize = skipped.iter().map(|(_, n)| n).sum::<usize>() + elsewhere;
    let mut reasons: Vec<String> = skipped
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| s.describe(*n))
        .collect();
    if elsewhere > 0 {
        reasons.push(format!("{elsewhere} in another incident"));
    }
    let verb = if args.dry_run {
        "would import"
    } else {
        "imported"
    };
    let counted =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut what = vec![counted(made[0], "timeline note", "timeline notes")];
    for (n, one, many) in [
        (made[1], "handoff", "handoffs"),
        (made[2], "action item", "action items"),
        (made[3], "status update", "status updates"),
    ] {
        if n > 0 {
            what.push(counted(n, one, many));
        }
    }
    let what = match what.as_slice() {
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        [] => String::new(),
    };
    let mut tail = vec![format!("{there} already there")];
    if total > 0 {
        tail.push(format!("{total} skipped: {}", reasons.join(", ")));
    }
    out.push_str(&format!(
        "{verb} {what} from #{} into #{} ({})\n",
        safe_line(&channel.name),
        incident.id,
        tail.join(", ")
    ));
    ctx.print(&out)
}

/// What a message was made into, as the report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    Note,
    Handoff,
    Action,
    Update,
}

fn made_of(given: &GivenNote) -> Made {
    match (&given.action, given.entry.kind) {
        (Some(_), _) => Made::Action,
        (None, EntryKind::Handoff) => Made::Handoff,
        (None, EntryKind::Update) => Made::Update,
        _ => Made::Note,
    }
}

/// What a chosen message becomes: a note (private from a private channel,
/// so that it stays out of the public review), a handoff (the message its
/// briefing, unless said in a private channel), an action item owned by
/// whoever it mentions, else its author (from a private channel, a private
/// note instead: its text would be public), or an external status update.
fn given(n: &Note, private: bool) -> GivenNote {
    let said = match &n.said {
        Said::Action { .. } if private => &Said::Note,
        said => said,
    };
    let (entry, action) = match said {
        Said::Note => (
            NewEntry {
                private,
                ..NewEntry::note(n.text.clone(), n.at)
            },
            None,
        ),
        Said::Handoff { to } => (
            NewEntry {
                to: Some(to.clone()),
                ..NewEntry::of(
                    EntryKind::Handoff,
                    if private {
                        String::new()
                    } else {
                        n.text.clone()
                    },
                    n.at,
                )
            },
            None,
        ),
        Said::Update { text } => (
            NewEntry {
                audience: Some(Audience::External),
                ..NewEntry::of(EntryKind::Update, text.clone(), n.at)
            },
            None,
        ),
        Said::Action { text, owner } => (
            NewEntry::note(text.clone(), n.at),
            Some(NewAction {
                text: text.clone(),
                owner: owner.clone().unwrap_or_else(|| n.author.clone()),
                due: None,
                priority: Priority::P2,
                action_type: None,
                link: None,
            }),
        ),
    };
    GivenNote {
        uuid: n.uuid.clone(),
        author: n.author.clone(),
        entry,
        action,
    }
}
