//! Integration tests: drive the real `inc` binary against a temporary
//! database with a fixed clock (`INC_NOW`) and zone (`INC_TZ`).

mod bad_input;
mod command;
mod concurrency;
mod core_loop;
mod corrections;
mod crash;
mod demo;
mod doctor;
mod env;
mod exchange;
mod files;
mod followup;
mod generated;
mod guards;
mod hostile;
mod hub;
mod links;
mod migrations;
mod public;
mod review;
mod review_material;
mod run;
mod search;
mod security;
mod settings;
mod shells;
mod slack;
mod stats;
mod team;
mod terminal;
mod updates;
