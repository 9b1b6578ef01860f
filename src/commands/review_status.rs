//! `inc review-status`: where the review document stands (draft, in
//! review, reviewed, closed) and who owns it, apart from the incident's
//! own status.

use anyhow::Result;

use super::{Context, ReviewIncidentArg};
use crate::model::{ReviewStatus, clean_name};
use crate::report::text::{incident_name, safe_line};

#[derive(Debug, clap::Args)]
#[command(after_long_help = r#"Examples:
  inc review-status
  inc review-status in-review --owner dana
  inc review-status reviewed -i 12
  inc review-status closed"#)]
pub struct Args {
    /// draft, in-review, reviewed or closed; without it, shows where it stands
    #[arg(value_name = "STATUS")]
    pub status: Option<String>,

    /// Who owns the review document (`none` for nobody)
    #[arg(long, value_name = "WHO")]
    pub owner: Option<String>,

    #[command(flatten)]
    pub incident: ReviewIncidentArg,
}

pub fn run(ctx: &Context, args: &Args) -> Result<()> {
    let status = args
        .status
        .as_deref()
        .map(ReviewStatus::parse)
        .transpose()?;
    let owner = match args.owner.as_deref() {
        Some(o) if o.trim().eq_ignore_ascii_case("none") => Some(None),
        Some(o) => Some(Some(clean_name("owner", o)?)),
        None => None,
    };
    let target = args.incident.target()?;
    let incident = if status.is_none() && owner.is_none() {
        ctx.store_read()?.incident(target)?
    } else {
        let author = ctx.author()?;
        let (_, after) = ctx
            .store_for_change()?
            .set_review_document(target, &author, |i| {
                if let Some(s) = status {
                    i.review_status = s;
                }
                if let Some(o) = owner {
                    i.review_owner = o;
                }
                Ok(())
            })?;
        after
    };
    let owner = incident.review_owner.as_deref().map_or_else(
        || "no owner".to_string(),
        |o| format!("owner: {}", safe_line(o)),
    );
    ctx.print(&format!(
        "review of {}: {} ({owner})\n",
        incident_name(&incident),
        incident.review_status
    ))
}
