//! `inc mitigated`: record when customer impact was mitigated.

use anyhow::Result;

use super::{Context, KeyTimeArgs, key_time};
use crate::model::Incident;

/// What `inc mitigated --help` ends with (see where the command is declared).
pub const EXAMPLES: &str = r#"Examples:
  inc mitigated
  inc mitigated --at 14:35
  inc mitigated -i 12 --at "20m ago""#;

pub fn run(ctx: &Context, args: &KeyTimeArgs) -> Result<()> {
    key_time(
        ctx,
        args,
        Incident::mitigate,
        "mitigated",
        "after impact began",
    )
}
