//! `inc export`: every incident, or one, with all its records as a JSON
//! document that `inc import` merges on another machine.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use anyhow::Result;
use chrono::SecondsFormat;

use super::{Context, write_file_with};
use crate::model::IncidentRef;
use crate::report::json;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc export --out incidents.json
  inc export --incident 12 --out api-outage.json
  inc export | ssh laptop inc import -

The format is documented in docs/sharing-exchange.md."#)]
pub struct Args {
    /// Only this incident (a number such as 12 or #12) [default: every incident]
    #[arg(short = 'i', long = "incident", value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids))]
    pub incident: Option<String>,

    /// Write to FILE (readable by you only, replaced whole) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let only = match &args.incident {
        Some(id) => Some(IncidentRef::parse(Some(id), IncidentRef::Viewing)?),
        None => None,
    };
    let exported_at = ctx.now().to_rfc3339_opts(SecondsFormat::Millis, true);
    let doc = ctx.store_read()?.export(only, exported_at)?;
    let text = json::export(&doc);
    match &args.out {
        Some(path) => {
            write_file_with(path, &text, Some(std::fs::Permissions::from_mode(0o600)))?;
            let n = doc.incidents.len();
            ctx.say(&format!(
                "exported {n} incident{} to {}",
                if n == 1 { "" } else { "s" },
                crate::report::text::safe_line(&path.display().to_string())
            ))
        }
        None => ctx.print(&text),
    }
}
