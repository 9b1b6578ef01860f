//! `inc resolve`: resolve the incident.

use anyhow::Result;

use super::{Context, KeyTimeArgs, key_time};
use crate::model::Incident;

/// What `inc resolve --help` ends with (see where the command is declared).
pub const EXAMPLES: &str = r#"Examples:
  inc resolve
  inc resolve --at 15:10
  inc resolve -i 12 --at -15m"#;

pub fn run(ctx: &Context, args: &KeyTimeArgs) -> Result<()> {
    key_time(ctx, args, Incident::resolve, "resolved", "to resolve")
}
