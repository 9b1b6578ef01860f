//! Slack workspace exports: reading one (`export`) through the only door to
//! its files (`files`: plain files inside it, within a size limit), turning
//! its markup into plain text (`markup`), and choosing the messages that
//! become timeline notes. No SQL here: the store writes what this module
//! chose.

pub mod export;
mod files;
pub mod intent;
pub mod markup;

pub use export::{Export, Note, Selection, Skip};
pub use intent::Said;
