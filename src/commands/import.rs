//! `inc import`: merges a file written by `inc export` into this database,
//! by UUID, all or nothing; reports what it added and what it updated.

use std::io::Read;
use std::path::PathBuf;

use anyhow::Result;

use super::Context;
use crate::error::UserError;
use crate::model::exchange::{IncidentMerge, ParseError, parse};
use crate::report::text::safe_line;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc import incidents.json
  inc import --dry-run laptop.json
  ssh laptop inc export | inc import -

Records already here are merged with the file's copy: a field changed on both
machines takes the later change, done and struck stay so, removals travel.
Every database that imports the same files ends with the same records,
whatever the order. Importing a file twice adds nothing. The merge rules are in
docs/sharing.md."#)]
pub struct Args {
    /// The file `inc export` wrote; - reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Say what would be imported, and write nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let name = if args.file.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        args.file.display().to_string()
    };
    let text = read(&args.file, &name)?;
    let doc = parse(&text, ctx.now()).map_err(|e| explain(&name, &e))?;
    drop(text);
    let merged = if args.dry_run {
        ctx.store_read()?.import_document(&doc, true)?
    } else {
        ctx.store_write()?.import_document(&doc, false)?
    };
    for m in &merged {
        for line in &m.made_differently {
            eprintln!("note: {}: {}", safe_line(&label(m)), safe_line(line));
        }
    }
    ctx.print(&summary(&name, &merged, args.dry_run))
}

fn read(path: &std::path::Path, name: &str) -> Result<String> {
    let mut bytes = Vec::new();
    let result = if path.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    result.map_err(|e| {
        UserError::new(format!("cannot read {name}: {e}"))
            .hint("give the path of a file written by `inc export`, or - for standard input")
    })?;
    String::from_utf8(bytes).map_err(|_| {
        UserError::new(format!(
            "{name} is not an inc export (it is not UTF-8 text)"
        ))
        .hint("`inc export --out FILE` writes one")
        .into()
    })
}

fn explain(name: &str, e: &ParseError) -> anyhow::Error {
    let nothing = "nothing was imported";
    let err = match e {
        ParseError::Empty => UserError::new(format!("{name} is empty; {nothing}"))
            .hint("`inc export --out FILE` writes an export"),
        ParseError::Syntax {
            cut_short: true, ..
        } => UserError::new(format!("{name}: {e}")).hint(format!(
            "{nothing}; export it again, or copy the whole file"
        )),
        ParseError::Syntax { .. } => UserError::new(format!("{name}: {e}"))
            .hint(format!("{nothing}; is it a file `inc export` wrote?")),
        ParseError::NotAnExport(_) => UserError::new(format!("{name} is {e}")).hint(format!(
            "{nothing}; `inc export --out FILE` writes an export"
        )),
        ParseError::NewerVersion(_) => UserError::new(format!("{name} was {e}"))
            .hint(format!("{nothing}; upgrade inc to import it")),
        ParseError::Invalid { .. } | ParseError::Mistyped { .. } => {
            UserError::new(format!("{name}: {e}"))
                .hint(format!("{nothing}; was it edited by hand?"))
        }
    };
    err.into()
}

fn label(m: &IncidentMerge) -> String {
    format!("#{} {}", m.id, m.title)
}

/// One line per incident: what was added, what was already here, what
/// was updated; then a total.
fn summary(name: &str, merged: &[IncidentMerge], dry_run: bool) -> String {
    let mut out = String::new();
    let verb = if dry_run { "would add" } else { "added" };
    for m in merged {
        let mut parts = Vec::new();
        if m.new {
            parts.push("new here".to_string());
        }
        let added: Vec<String> = m
            .added
            .iter()
            .filter(|(kind, _)| *kind != crate::model::exchange::RecordKind::Incident)
            .map(|(kind, n)| kind.count(*n))
            .collect();
        if !added.is_empty() {
            parts.push(format!("{verb} {}", added.join(", ")));
        }
        if m.unchanged > 0 {
            parts.push(format!("{} already here", m.unchanged));
        }
        if !m.updated.is_empty() {
            parts.push(format!("{} updated", m.updated.len()));
        }
        out.push_str(&safe_line(&format!("{}: {}", label(m), parts.join("; "))));
        out.push('\n');
        for line in &m.updated {
            out.push_str(&format!("  updated: {}\n", safe_line(line)));
        }
    }
    let added: usize = merged.iter().map(IncidentMerge::added_total).sum();
    let updated: usize = merged.iter().map(|m| m.updated.len()).sum();
    let head = if dry_run {
        "dry run, nothing written: "
    } else {
        ""
    };
    out.push_str(&format!(
        "{head}{} from {}: {} {}, {updated} updated\n",
        count(merged.len(), "incident"),
        safe_line(name),
        count(added, "record"),
        if dry_run { "to add" } else { "added" },
    ));
    out
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}
