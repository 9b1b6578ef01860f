//! Export and import: every record of an incident as an exchange document
//! ([`crate::model::exchange`]), and merging such a document into this
//! database by UUID.

mod export;
mod import;
