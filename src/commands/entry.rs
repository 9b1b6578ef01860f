//! `inc entry`: correct a timeline entry: its text, time or marks (`edit`),
//! strike it from the record (`rm`), or move it to the incident it belongs
//! on (`move`). Each correction is itself on the record, with who made it,
//! when, and what it changed from what; `inc timeline --history` shows
//! every version.

use anyhow::Result;

use super::{Context, ReviewIncidentArg};
use crate::error::UserError;
use crate::model::{EntryRef, IncidentRef, check_record, clean_text};
use crate::report::text::{Names, describe, incident_label, safe_line};
use crate::store::{Corrected, EntryEdit, Store};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc entry edit 3f2a "restarted the message queue"
  inc entry edit last --at 14:05
  inc entry rm 3f2a --reason "meant for the other incident"
  inc entry move last --to 12

REF is the end of the entry's UUID, as `inc timeline` shows it (4 or more hex
digits; the same on every machine), or `last`: the newest entry you wrote. It
is looked for on the incident -i names (else the current one, else the last
one chosen) first, then on every incident."#)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Correct an entry's text or the time of its event; mark a note key or private
    Edit(EditArgs),
    /// Strike an entry from the record, with the reason (it stays in the history)
    Rm(RmArgs),
    /// Move a note filed on the wrong incident to the one it belongs on
    Move(MoveArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc entry edit 3f2a "restarted the message queue"
  inc entry edit last --at 14:05
  inc entry edit 3f2a --at -20m --reason "the deploy log says 13:45"
  inc entry edit 3f2a --private --reason "names a customer""#)]
pub struct EditArgs {
    /// The entry: the end of its UUID as `inc timeline` shows it, or `last`
    #[arg(value_name = "REF")]
    pub reference: String,

    /// The corrected text (words are joined with spaces)
    #[arg(value_name = "TEXT")]
    pub text: Vec<String>,

    /// When the event really happened
    ///
    /// TIME takes the same forms as for `inc tl --at`.
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,

    /// Mark the note a key moment, highlighted in the review
    #[arg(long, conflicts_with = "no_key")]
    pub key: bool,

    /// Take the key-moment mark off the note
    #[arg(long)]
    pub no_key: bool,

    /// Make the note private: for responders only, left out of the public review
    #[arg(long, conflicts_with = "public")]
    pub private: bool,

    /// Make a private note public again
    #[arg(long)]
    pub public: bool,

    /// Why, for the record
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

/// `Some(true)` for `--on`, `Some(false)` for `--off`, None for neither.
fn mark(on: bool, off: bool) -> Option<bool> {
    (on || off).then_some(on)
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc entry rm 3f2a --reason "meant for the other incident"
  inc entry rm last --reason "a duplicate of the note before""#)]
pub struct RmArgs {
    /// The entry: the end of its UUID as `inc timeline` shows it, or `last`
    #[arg(value_name = "REF")]
    pub reference: String,

    /// Why it is struck, for the record
    #[arg(long, value_name = "TEXT", required = true)]
    pub reason: String,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc entry move last --to 12
  inc entry move 3f2a --to '#12' -i 11"#)]
pub struct MoveArgs {
    /// The entry: the end of its UUID as `inc timeline` shows it, or `last`
    #[arg(value_name = "REF")]
    pub reference: String,

    /// The incident it belongs on
    #[arg(long, value_name = "ID", required = true, add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids))]
    pub to: String,

    /// Why, for the record
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    match &args.action {
        Action::Edit(a) => edit(ctx, a),
        Action::Rm(a) => strike(ctx, a),
        Action::Move(a) => move_entry(ctx, a),
    }
}

/// Where a reference is looked up first: the incident named with -i, else
/// the current one, else the last one chosen.
fn scope(incident: &ReviewIncidentArg) -> Result<IncidentRef> {
    incident.target()
}

fn reason(reason: Option<&str>) -> Result<String> {
    Ok(reason
        .map(|r| clean_text("reason", r))
        .transpose()?
        .unwrap_or_default())
}

fn edit(ctx: &Context, args: &EditArgs) -> Result<()> {
    let reference = EntryRef::parse(&args.reference)?;
    let text = if args.text.is_empty() {
        None
    } else {
        Some(clean_text("text", &args.text.join(" "))?)
    };
    // A time of day is read on the days of the entry's incident.
    let at = ctx.at_on_found(args.at.as_deref(), |store| {
        let entry = store.find_entry(&reference, scope(&args.incident)?, &ctx.author()?)?;
        Ok(IncidentRef::Id(entry.incident_id))
    })?;
    let key = mark(args.key, args.no_key);
    let private = mark(args.private, args.public);
    if text.is_none() && at.is_none() && key.is_none() && private.is_none() {
        return Err(UserError::new("nothing to correct")
            .hint("give the corrected text, --at TIME for when it happened, or a mark (--key, --private)")
            .into());
    }
    let edit = EntryEdit {
        text,
        at,
        key,
        private,
        reason: reason(args.reason.as_deref())?,
    };
    let zone = ctx.zone()?;
    let author = ctx.author()?;
    let mut store = ctx.store_for_change()?;
    let done = store.edit_entry(
        &reference,
        scope(&args.incident)?,
        &author,
        &edit,
        &|before, state, moved| check_record(before, state, moved, zone),
    )?;
    let name = entry_name(&store, &done)?;
    if done.corrections.is_empty() {
        return ctx.say(&format!("{name}: nothing to change"));
    }
    let mut what = Vec::new();
    if edit.text.is_some()
        && done
            .corrections
            .iter()
            .any(|c| c.field.as_deref() == Some("text"))
    {
        what.push(format!("now reads \"{}\"", safe_line(&done.entry.text)));
    }
    if done
        .corrections
        .iter()
        .any(|c| c.field.as_deref() == Some("at"))
    {
        what.push(format!("now at {}", zone.format(done.entry.event_at)));
    }
    for (field, on, yes, no) in [
        (
            "key",
            done.entry.key,
            "now a key moment",
            "no longer a key moment",
        ),
        ("private", done.entry.private, "now private", "now public"),
    ] {
        if done
            .corrections
            .iter()
            .any(|c| c.field.as_deref() == Some(field))
        {
            what.push((if on { yes } else { no }).to_string());
        }
    }
    // Marks edit the record; they do not correct what it says.
    let verb = if done
        .corrections
        .iter()
        .any(|c| !matches!(c.field.as_deref(), Some("key" | "private")))
    {
        "corrected "
    } else {
        ""
    };
    ctx.say(&format!("{verb}{name}: {}", what.join(", ")))
}

fn strike(ctx: &Context, args: &RmArgs) -> Result<()> {
    let reference = EntryRef::parse(&args.reference)?;
    let why = clean_text("reason", &args.reason)?;
    let zone = ctx.zone()?;
    let author = ctx.author()?;
    let mut store = ctx.store_for_change()?;
    let done = store.strike_entry(
        &reference,
        scope(&args.incident)?,
        &author,
        &why,
        &|before, state, moved| check_record(before, state, moved, zone),
    )?;
    ctx.say(&format!(
        "struck {} from the record: {} \"{}\" ({})",
        entry_name(&store, &done)?,
        done.entry.kind,
        safe_line(&describe(&done.entry, zone, &Names::default())),
        safe_line(&why)
    ))
}

fn move_entry(ctx: &Context, args: &MoveArgs) -> Result<()> {
    let reference = EntryRef::parse(&args.reference)?;
    let to = IncidentRef::parse(Some(&args.to), IncidentRef::Current)?;
    let why = reason(args.reason.as_deref())?;
    let author = ctx.author()?;
    let mut store = ctx.store_for_change()?;
    let (from, done) = store.move_entry(&reference, scope(&args.incident)?, &author, to, &why)?;
    let refs = store.entry_refs(done.incident.id, [&done.entry])?;
    ctx.say(&format!(
        "moved entry {} from {} to {}: \"{}\"",
        refs.get(&done.entry.uuid).cloned().unwrap_or_default(),
        incident_label(&from),
        incident_label(&done.incident),
        safe_line(&done.entry.text)
    ))
}

/// `entry 3f2a on #12 API down`: the entry by its ref where it is now.
fn entry_name(store: &Store, done: &Corrected) -> Result<String> {
    let refs = store.entry_refs(done.incident.id, [&done.entry])?;
    Ok(format!(
        "entry {} on {}",
        refs.get(&done.entry.uuid).cloned().unwrap_or_default(),
        incident_label(&done.incident)
    ))
}
