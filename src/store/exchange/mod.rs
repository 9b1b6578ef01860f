//! Export and import: every record of an incident as an exchange document
//! ([`crate::model::exchange`]), and merging such a document into this
//! database by UUID, by the rules of each kind of record.

#[cfg(test)]
mod convergence;
mod export;
pub(super) mod import;
