//! `inc`: a command-line tool for the person running an incident. The
//! binary in `main.rs` is a thin shell around [`run`]; tests and tools use
//! the library directly.

pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod editor;
pub mod error;
pub mod files;
#[cfg(test)]
mod fuzz;
pub mod hub;
pub mod identity;
pub mod interrupt;
pub mod model;
pub mod notify;
pub mod report;
pub mod slack;
pub mod store;
pub mod sync;
pub mod time;

pub use commands::run;
