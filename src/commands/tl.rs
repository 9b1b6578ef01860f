//! `inc tl`: add a note to the timeline. Typed mid-incident, so it does as
//! little as it can: check the input, one transaction, one line out.

use std::io::Read;

use anyhow::{Context as _, Result};
use chrono::{DateTime, Utc};

use super::ask::require_terminal;
use super::{At, Context, IncidentArg};
use crate::editor;
use crate::error::UserError;
use crate::model::{CorrectionVerb, EntryRef, IncidentRef, NewEntry, clean_text};
use crate::store::Noted;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc tl "rolled back payments-api to v4.17.2" --at 14:05
  inc tl --key "error rate back under 1%"
  inc tl --by dave "restarted the message queue" --at -5m
  echo "long log excerpt" | inc tl -"#)]
pub struct Args {
    /// The note (words are joined with spaces); `-` reads it from standard input
    #[arg(required_unless_present = "edit", value_name = "NOTE")]
    pub note: Vec<String>,

    /// Write the note in $VISUAL or $EDITOR (starting from NOTE, if given)
    #[arg(long, short = 'e')]
    pub edit: bool,

    #[command(flatten)]
    pub at: At,

    /// Mark it as a key moment, for the review to highlight
    #[arg(long)]
    pub key: bool,

    /// A note for responders only: marked private, left out of `inc review --public`
    #[arg(long)]
    pub private: bool,

    /// Who did it, when not you: shown as Who in the timeline and the review; you stay its author
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,

    #[command(flatten)]
    pub incident: IncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let target = args.incident.target(IncidentRef::Current)?;
    if args.edit {
        return edit(ctx, args, target);
    }
    let raw = if args.note == ["-"] {
        read_stdin()?
    } else {
        refuse_correction(ctx, args, target)?;
        args.note.join(" ")
    };
    let text = clean_text("note", &raw)?;
    let actor = actor(args)?;
    let zone = ctx.zone()?;
    let at = ctx.at_on(args.at.get(), target)?;
    let author = ctx.author()?;
    let (incident, stored) = ctx.store_for_change()?.add_note(target, &author, |now| {
        note(args, text, actor, at.unwrap_or(now))
    })?;
    ctx.say(&noted(&incident, &stored, args.private, zone))
}

/// `inc tl rm`, `inc tl edit last`, `inc tl undo`: words that ask to
/// correct the record, which as a note would only add the word "rm" to it.
/// Refused only when the verb is the note's first word and nothing follows,
/// or what follows names an entry; `inc tl move traffic to eu-west` is a
/// note. A note from standard input or the editor is never refused.
fn refuse_correction(ctx: &Context, args: &Args, target: IncidentRef) -> Result<()> {
    let Some(verb) = args.note.first().and_then(|w| CorrectionVerb::of(w)) else {
        return Ok(());
    };
    let names_an_entry = match args.note.get(1) {
        None => true,
        Some(word) => match EntryRef::parse(word) {
            // A ref that names no entry is a word of the note.
            Ok(reference) => ctx
                .store_read()?
                .names_entry(&reference, target, &ctx.author()?)?,
            Err(_) => false,
        },
    };
    if !names_an_entry {
        return Ok(());
    }
    let typed = args.note.join(" ");
    Err(UserError::new(format!(
        "`inc tl {}` would record the note \"{}\"; nothing was recorded",
        crate::report::text::safe_line(&typed),
        crate::report::text::safe_line(&typed)
    ))
    .hint(format!(
        "to correct the record: {}; to note those words, give them through `inc tl -` or `inc tl -e`",
        match args.note.get(1) {
            Some(reference) => verb
                .command()
                .replace("REF", &crate::report::text::safe_line(reference)),
            None => verb.command().to_string(),
        }
    ))
    .into())
}

/// `noted on #12 API down at ...`, saying when the note is private.
fn noted(
    incident: &Noted,
    stored: &crate::model::TimelineEntry,
    private: bool,
    zone: &crate::time::Zone,
) -> String {
    let private = if private { " (private)" } else { "" };
    format!(
        "noted on {}{private} at {}",
        crate::report::text::label(incident.number, &incident.title),
        zone.format(stored.event_at)
    )
}

fn note(args: &Args, text: String, actor: Option<String>, at: DateTime<Utc>) -> NewEntry {
    NewEntry {
        key: args.key,
        private: args.private,
        actor,
        ..NewEntry::note(text, at)
    }
}

/// `--by NAME`, checked as every name is.
fn actor(args: &Args) -> Result<Option<String>> {
    Ok(args
        .by
        .as_deref()
        .map(|n| crate::model::clean_name("--by", n))
        .transpose()?)
}

/// `--edit`: everything that could refuse the note is checked before the
/// editor opens, so that no one writes a long note for nothing; a note
/// that still cannot be recorded is kept in a file.
fn edit(ctx: &Context, args: &Args, target: IncidentRef) -> Result<()> {
    require_terminal(
        ctx.global(),
        "--edit opens an editor",
        "give the note as an argument, or `-` to read it from standard input",
    )?;
    let actor = actor(args)?;
    let zone = ctx.zone()?;
    let at = ctx.at_on(args.at.get(), target)?;
    let author = ctx.author()?;
    let mut store = ctx.store_for_change()?;
    let id = store.check_writable(target)?.number.bare();
    let written = editor::edit_text(
        &format!(
            "{}\n\n{}\n# Write the timeline note above the line; it may span lines.\n# An empty note records nothing.\n",
            args.note.join(" "),
            editor::CUT_LINE
        ),
        ".md",
    )?;
    if written.trim().is_empty() {
        return Err(UserError::new("the note is empty; nothing was recorded")
            .hint("write the note above the cut line and save the file")
            .into());
    }
    let text = clean_text("note", written.trim_end())?;
    match store.add_note(target, &author, |now| {
        note(args, text.clone(), actor.clone(), at.unwrap_or(now))
    }) {
        Ok((incident, stored)) => ctx.say(&noted(&incident, &stored, args.private, zone)),
        Err(e) => {
            let kept = editor::keep(&text, ".md")?;
            let mut key = match (args.key, args.private) {
                (true, true) => " --key --private",
                (true, false) => " --key",
                (false, true) => " --private",
                (false, false) => "",
            }
            .to_string();
            if let Some(by) = &actor {
                key.push_str(" --by ");
                key.push_str(&crate::model::shell_line(&[by.into()]));
            }
            Err(e.context(format!(
                "the note was not recorded; it is kept in {} (add it with `inc tl -i {id} --at {}{key} - < {0}`)",
                crate::model::shell_path(&kept),
                at.unwrap_or(ctx.now())
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            )))
        }
    }
}

/// The largest note read from standard input: the most any text may be, so
/// that `yes | inc tl -` fails instead of filling the memory.
const MAX_STDIN_NOTE: u64 = crate::model::MAX_TEXT as u64;

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_STDIN_NOTE + 1)
        .read_to_end(&mut bytes)
        .context("could not read the note from standard input")?;
    if bytes.len() as u64 > MAX_STDIN_NOTE {
        return Err(
            UserError::new("the note on standard input is larger than 16 MiB")
                .hint("keep long logs in a file and note where it is")
                .into(),
        );
    }
    String::from_utf8(bytes).map_err(|_| {
        UserError::new("the note on standard input is not valid UTF-8")
            .hint("convert it to UTF-8 first, for example with iconv")
            .into()
    })
}
