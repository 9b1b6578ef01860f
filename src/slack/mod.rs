//! Slack workspace exports: reading one (`export`), turning its markup into
//! plain text (`markup`), and choosing the messages that become timeline
//! notes. No SQL here: the store writes what this module chose.

pub mod export;
pub mod markup;

pub use export::{Export, Note, Selection, Skip};
