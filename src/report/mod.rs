//! Pure renderers: they turn model values into text for people (tables,
//! the status board, one-line confirmations) or JSON for scripts. No IO, no
//! clock: the time and zone are passed in.

pub mod board;
pub mod briefing;
pub mod doctor;
pub mod followup;
pub mod json;
pub mod markdown;
pub mod review;
pub mod search;
pub mod stats;
pub mod style;
pub mod table;
pub mod text;
pub mod updates;
