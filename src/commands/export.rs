//! `inc export`: every incident, or one, with all its records as a JSON
//! document that `inc import` merges on another machine. It is written one
//! incident at a time, so a large database does not have to fit in memory.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use chrono::SecondsFormat;

use super::{Context, write_file_from};
use crate::error::UserError;
use crate::model::IncidentRef;
use crate::report::json::export;
use crate::report::text::safe_line;
use crate::store::{Store, schema_version};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc export --out incidents.json
  inc export --incident 12 --out api-outage.json
  inc export | ssh laptop inc import -

The format is documented in docs/sharing.md."#)]
pub struct Args {
    /// Only this incident (a number such as 12 or #12) [default: every incident]
    #[arg(short = 'i', long = "incident", value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids))]
    pub incident: Option<String>,

    /// Write to FILE (readable by you only, replaced whole) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let exported_at = ctx.now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let store = ctx.store_read()?;
    // The incident is looked up first, so that a wrong id fails before any
    // output is written.
    let only = match &args.incident {
        Some(id) => {
            let which = IncidentRef::parse(Some(id), IncidentRef::Viewing)?;
            Some(IncidentRef::Id(store.incident(which)?.id))
        }
        None => None,
    };
    match &args.out {
        Some(path) => {
            refuse_database(path, &ctx.db_path()?)?;
            let mut count = 0;
            write_file_from(path, Some(std::fs::Permissions::from_mode(0o600)), |out| {
                count = write(&store, only, &exported_at, out, None)?;
                Ok(())
            })?;
            ctx.say(&format!(
                "exported {count} incident{} to {}",
                if count == 1 { "" } else { "s" },
                safe_line(&path.display().to_string())
            ))
        }
        None => {
            let stdout = std::io::stdout().lock();
            let mut out = std::io::BufWriter::new(stdout);
            let stdout = "standard output";
            write(&store, only, &exported_at, &mut out, Some(stdout))?;
            out.flush()
                .with_context(|| format!("could not write to {stdout}"))
        }
    }
}

/// Writes the document to `out` (`what`, for errors: a file has its own
/// context), returning how many incidents it holds.
fn write(
    store: &Store,
    only: Option<IncidentRef>,
    exported_at: &str,
    out: &mut dyn Write,
    what: Option<&str>,
) -> Result<usize> {
    let mut put = |text: &str| -> Result<()> {
        out.write_all(text.as_bytes()).map_err(|e| match what {
            Some(what) => anyhow::Error::new(e).context(format!("could not write to {what}")),
            None => e.into(),
        })
    };
    put(&export::head(schema_version(), exported_at))?;
    let mut count = 0;
    store.export_each(only, |incident| {
        put(&export::incident(&incident, count == 0))?;
        count += 1;
        Ok(())
    })?;
    put(export::tail(count))?;
    Ok(count)
}

/// `--out` naming the database itself (or one of its WAL files) would
/// replace the incidents with their export.
fn refuse_database(out: &Path, db: &Path) -> Result<()> {
    let Ok(out) = out.canonicalize() else {
        return Ok(());
    };
    let Ok(db) = db.canonicalize() else {
        return Ok(());
    };
    let mut wal = db.clone().into_os_string();
    wal.push("-wal");
    let mut shm = db.clone().into_os_string();
    shm.push("-shm");
    if out == db || out.as_os_str() == wal || out.as_os_str() == shm {
        return Err(UserError::new(format!(
            "{} is the incident database; it was left unchanged",
            out.display()
        ))
        .hint("name another file for --out")
        .into());
    }
    Ok(())
}
