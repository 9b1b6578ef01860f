//! What the store's tests share: a time on the day the tests take place,
//! and a database on disk whose clock stands still.

use chrono::{DateTime, TimeZone, Utc};

use super::{Store, StoreOptions};
use crate::clock::Clock;

/// 2026-11-26 at 10:MM UTC.
pub fn at(min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, min, 0).unwrap()
}

/// A new database in a directory of its own (kept while the directory
/// lives), whose clock reads `now`.
pub fn store_at(now: DateTime<Utc>) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let options = StoreOptions {
        clock: Clock::fixed(now),
        ..StoreOptions::default()
    };
    let store = Store::open_write(&dir.path().join("inc.db"), &options).unwrap();
    (dir, store)
}
