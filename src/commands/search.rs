//! `inc search`: full-text search across incidents: titles, descriptions,
//! timeline notes, factors, action items and lessons, best match first.

use anyhow::Result;

use super::Context;
use crate::model::{fts_query, parse_incident_id};
use crate::report::search;
use crate::store::SearchFilter;

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Query syntax:
  Plain words must all match, in any order. A word with punctuation (db-3,
  10.0.0.1, payments-api) matches as written. "Quoted words" match as a
  phrase, word* matches by prefix, OR and NOT (in capitals) go between
  words, and parentheses group.

Examples:
  inc search failover
  inc search db-3 timeout -i 12
  inc search '"connection pool"' OR 'restart*'
  inc search kafka NOT staging --sev 1 --json --limit 5"#)]
pub struct Args {
    /// What to search for (see the syntax below)
    #[arg(value_name = "QUERY", required = true, value_parser = not_blank)]
    pub query: Vec<String>,

    /// Only in this incident
    #[arg(short = 'i', long = "incident", value_name = "ID", add = clap_complete::ArgValueCompleter::new(crate::commands::completions::incident_ids))]
    pub incident: Option<String>,

    /// Only incidents of this severity: 1 to 4, SEV1 to SEV4, or a label
    #[arg(long, value_name = "N")]
    pub sev: Option<String>,

    /// Show at most N results
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,

    /// Print JSON (fields documented in docs/json.md)
    #[arg(long)]
    pub json: bool,
}

/// An empty or blank word is a usage error, as a missing one is.
fn not_blank(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("the query is empty: give a word to search for".to_string())
    } else {
        Ok(s.to_string())
    }
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let query = fts_query(&args.query)?;
    let incident = args
        .incident
        .as_deref()
        .map(parse_incident_id)
        .transpose()?;
    let severity = args
        .sev
        .as_deref()
        .map(|s| ctx.config().parse_severity(s))
        .transpose()?;
    let zone = ctx.zone()?;
    let found = ctx.store_read()?.snapshot(|store| {
        // A mistyped id says so, rather than "nothing found".
        let incident = incident
            .map(|which| store.incident(which).map(|i| i.id))
            .transpose()?;
        let filter = SearchFilter {
            incident,
            severity,
            limit: args.limit as usize,
        };
        store.search(&query, &filter)
    })?;
    if let Some(cap) = found.ranked_only {
        eprintln!(
            "inc: more than {cap} matches, too many to rank by relevance: the newest come \
             first, the incidents' own words before timeline entries; more words, -i or --sev \
             narrow it"
        );
    }
    if args.json {
        return ctx.print(&search::json(&found.hits));
    }
    if found.hits.is_empty() {
        return ctx.say("Nothing found.");
    }
    ctx.print(&search::hits(&found.hits, zone, ctx.style()))
}
