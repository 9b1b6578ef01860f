//! `inc import-slack`: turns the timeline notes of a channel in a Slack
//! export (messages starting with `TL` or `timeline`) into timeline notes of
//! an incident, each with its message's time and author. Importing again
//! adds nothing: each note's UUID is derived from its message. Notes from a
//! private channel or a group conversation are private.

use std::path::PathBuf;

use anyhow::Result;

use super::{Context, ReviewIncidentArg};
use crate::model::NewEntry;
use crate::report::text::{safe, safe_line};
use crate::slack::{Export, Skip};
use crate::store::{Fate, GivenNote, Imported};

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
        .map(|n| GivenNote {
            uuid: n.uuid.clone(),
            author: n.author.clone(),
            entry: NewEntry {
                // What a private channel said stays out of the public review.
                private: channel.private,
                ..NewEntry::note(n.text.clone(), n.at)
            },
        })
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
    let mut new = 0;
    let mut there = 0;
    let mut elsewhere = 0;
    for (note, fate) in selection.notes.iter().zip(&fates) {
        let when = zone.format(note.at);
        let thread = if note.in_thread { " (in a thread)" } else { "" };
        match fate {
            Fate::New => {
                new += 1;
                if args.dry_run {
                    out.push_str(&format!(
                        "{when}  {}{thread}: {}\n",
                        safe_line(&note.author),
                        // Continuation lines indented, so that no line of a
                        // message reads as a line of inc's own.
                        safe(&note.text).replace('\n', "\n    ")
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
    let noun = if new == 1 {
        "timeline note"
    } else {
        "timeline notes"
    };
    let mut tail = vec![format!("{there} already there")];
    if total > 0 {
        tail.push(format!("{total} skipped: {}", reasons.join(", ")));
    }
    out.push_str(&format!(
        "{verb} {new} {noun} from #{} into #{} ({})\n",
        safe_line(&channel.name),
        incident.id,
        tail.join(", ")
    ));
    ctx.print(&out)
}
