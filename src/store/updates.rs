//! Status updates and each attempt to post one to the webhook. An update is
//! a timeline entry (kind `update`), written like any other; the attempts
//! are recorded afterwards, each in its own transaction, so a post that
//! fails or hangs never loses the update.
//!
//! An update is claimed before it is posted, in a short transaction of its
//! own, and the claim ends when the attempt is recorded: two incs (two
//! `inc update --retry` at once, or a retry while `inc update` posts) never
//! both post it. A claim expires, so one left by an inc stopped while
//! posting holds the update back only for a while.

use anyhow::Result;
use chrono::{DateTime, TimeDelta, Utc};

use super::Store;
use super::rows::Table;
use super::rows::entries;
use super::rows::incidents::{load, resolve};
use super::rows::update_claims;
use super::rows::update_posts::{self, UpdatePosts};
use crate::model::exchange::ExUpdatePost;
use crate::model::ids::new_uuid;
use crate::model::{Incident, IncidentRef, NewEntry, PostOutcome, TimelineEntry, UpdatePost};
use crate::store::time_to_sql;

/// A claim on posting some status updates: the inc that holds it posts
/// them; any other leaves them alone until `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostClaim {
    id: String,
    /// When it expires, if its holder has not ended it by then.
    pub until: DateTime<Utc>,
}

/// The updates of an incident not posted yet, as [`Store::claim_unposted`]
/// found them.
#[derive(Debug)]
pub struct Unposted {
    /// The claim on `mine`.
    pub claim: PostClaim,
    /// Claimed here, to post in this order (oldest first).
    pub mine: Vec<TimelineEntry>,
    /// How many another inc has claimed, and when the last of those
    /// claims expires.
    pub elsewhere: Option<(usize, DateTime<Utc>)>,
}

impl Store {
    /// Records a status update on the incident's timeline, in one
    /// transaction: `entry` makes it, given when it went out (`at`, else
    /// now). With `claim_for`, the update is claimed for that long in the
    /// same transaction, for this inc to post it.
    pub fn record_update(
        &mut self,
        which: IncidentRef,
        author: &str,
        at: Option<DateTime<Utc>>,
        claim_for: Option<TimeDelta>,
        entry: impl FnOnce(DateTime<Utc>) -> NewEntry,
    ) -> Result<(Incident, TimelineEntry, Option<PostClaim>)> {
        self.write(author, |tx| {
            let id = resolve(tx.conn, which)?;
            let incident = load(tx.conn, id)?;
            let stored = entries::add(tx, id, &entry(at.unwrap_or(tx.now)))?;
            let claim = match claim_for {
                None => None,
                Some(hold) => {
                    let claim = new_claim(tx.now, hold);
                    update_claims::take(
                        tx.conn,
                        stored.id,
                        &claim.id,
                        author,
                        tx.now,
                        claim.until,
                    )?;
                    Some(claim)
                }
            };
            Ok((incident, stored, claim))
        })
    }

    /// Claims, in one short transaction, every update of the incident that
    /// is not posted yet (its latest attempt failed, or it has none) and
    /// that no other inc holds a claim on: for `hold` each, one after the
    /// other, so the claim outlasts posting them all.
    pub fn claim_unposted(
        &mut self,
        incident_id: i64,
        author: &str,
        hold: TimeDelta,
    ) -> Result<Unposted> {
        self.write(author, |tx| {
            let unposted: Vec<TimelineEntry> = updates_of(tx.conn, incident_id)?
                .into_iter()
                .filter(|(_, post)| {
                    post.as_ref()
                        .is_none_or(|p| p.outcome == PostOutcome::Failed)
                })
                .map(|(entry, _)| entry)
                .collect();
            let mut mine = Vec::new();
            let mut elsewhere: Option<(usize, DateTime<Utc>)> = None;
            for entry in unposted {
                match update_claims::held_until(tx.conn, entry.id, tx.now)? {
                    None => mine.push(entry),
                    Some(until) => {
                        let (n, last) = elsewhere.get_or_insert((0, until));
                        *n += 1;
                        *last = (*last).max(until);
                    }
                }
            }
            let count = i32::try_from(mine.len()).unwrap_or(i32::MAX);
            let claim = new_claim(tx.now, hold * count);
            for entry in &mine {
                // In this transaction nobody else claims anything.
                let taken =
                    update_claims::take(tx.conn, entry.id, &claim.id, author, tx.now, claim.until)?;
                anyhow::ensure!(taken, "update entry {} was claimed meanwhile", entry.id);
            }
            Ok(Unposted {
                claim,
                mine,
                elsewhere,
            })
        })
    }

    /// Ends a claim on the updates it still holds (the posts stopped
    /// early), so that another inc may post them at once.
    pub fn release(&mut self, claim: &PostClaim, author: &str) -> Result<()> {
        self.write(author, |tx| {
            update_claims::release(tx.conn, &claim.id, None)
        })
    }

    /// Records one attempt to post an update, in its own transaction, and
    /// ends `claim` on it.
    pub fn record_post(&mut self, post: &UpdatePost, claim: Option<&PostClaim>) -> Result<()> {
        self.write(&post.attempted_by, |tx| {
            let entry = entries::by_id(tx.conn, post.entry_id)?
                .ok_or_else(|| anyhow::anyhow!("update entry {} is not there", post.entry_id))?;
            let record = ExUpdatePost {
                uuid: new_uuid(post.attempted_at),
                clock: tx.tick(),
                entry: entry.uuid,
                attempted_at: time_to_sql(post.attempted_at),
                attempted_by: post.attempted_by.clone(),
                outcome: post.outcome.as_str().to_string(),
                detail: post.detail.clone(),
                changed: Default::default(),
            };
            UpdatePosts::insert(tx.conn, entry.incident_id, &record)?;
            if let Some(claim) = claim {
                update_claims::release(tx.conn, &claim.id, Some(entry.id))?;
            }
            Ok(())
        })
    }

    /// An incident's status updates in event-time order, each with its
    /// latest attempt to post it (none when it was never posted).
    pub fn updates(&self, incident_id: i64) -> Result<Vec<(TimelineEntry, Option<UpdatePost>)>> {
        self.read(|conn| updates_of(conn, incident_id))
    }
}

/// See [`Store::updates`].
fn updates_of(
    conn: &rusqlite::Connection,
    incident_id: i64,
) -> Result<Vec<(TimelineEntry, Option<UpdatePost>)>> {
    entries::select(
        conn,
        "e.incident_id = ?1 AND e.kind = 'update' AND e.struck_at IS NULL",
        [incident_id],
    )?
    .into_iter()
    .map(|entry| {
        let post = update_posts::latest(conn, entry.id)?;
        Ok((entry, post))
    })
    .collect()
}

/// A new claim, from `now` for `hold`.
fn new_claim(now: DateTime<Utc>, hold: TimeDelta) -> PostClaim {
    PostClaim {
        id: new_uuid(now),
        until: now + hold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::Clock;
    use crate::model::{Audience, EntryKind, NewIncident};
    use crate::store::testing::at;

    fn update(store: &mut Store, text: &str) -> TimelineEntry {
        store
            .record_update(IncidentRef::Id(1), "alice", None, None, |at| NewEntry {
                audience: Some(Audience::Internal),
                ..NewEntry::of(EntryKind::Update, text.into(), at)
            })
            .unwrap()
            .1
    }

    fn ids(entries: &[TimelineEntry]) -> Vec<i64> {
        entries.iter().map(|e| e.id).collect()
    }

    #[test]
    fn a_claim_holds_until_it_ends_or_expires() {
        let mut store = Store::open_in_memory(Clock::fixed(at(0))).unwrap();
        store
            .create_incident(&NewIncident::new("API down", "alice"), "alice", &[])
            .unwrap();
        let first = update(&mut store, "first");
        let second = update(&mut store, "second");
        let minute = TimeDelta::minutes(1);

        // Two updates, a minute each: claimed for two.
        let one = store.claim_unposted(1, "alice", minute).unwrap();
        assert_eq!(ids(&one.mine), [first.id, second.id]);
        assert_eq!(one.claim.until, at(2));
        assert_eq!(one.elsewhere, None);
        let other = store.claim_unposted(1, "bob", minute).unwrap();
        assert!(other.mine.is_empty());
        assert_eq!(other.elsewhere, Some((2, at(2))));

        // Recording a post ends the claim on it; the rest stays claimed.
        store
            .record_post(
                &UpdatePost {
                    entry_id: first.id,
                    attempted_at: at(0),
                    attempted_by: "alice".into(),
                    outcome: PostOutcome::Failed,
                    detail: "HTTP 500".into(),
                },
                Some(&one.claim),
            )
            .unwrap();
        let other = store.claim_unposted(1, "bob", minute).unwrap();
        assert_eq!(ids(&other.mine), [first.id]);
        assert_eq!(other.elsewhere, Some((1, at(2))));
        // Bob ends his claim: the first is free again, the second not.
        store.release(&other.claim, "bob").unwrap();
        let again = store.claim_unposted(1, "carol", minute).unwrap();
        assert_eq!(ids(&again.mine), [first.id]);
        // Alice's own ending of a claim carol has taken over leaves it alone.
        store.release(&one.claim, "alice").unwrap();
        let after = store.claim_unposted(1, "dave", minute).unwrap();
        assert_eq!(ids(&after.mine), [second.id]);
        assert_eq!(after.elsewhere, Some((1, at(1))));

        // Once a claim expires (its inc was stopped), it is taken over.
        store.set_clock(Clock::fixed(at(1)));
        let late = store.claim_unposted(1, "erin", minute).unwrap();
        assert_eq!(ids(&late.mine), [first.id, second.id]);
        assert_eq!((late.claim.until, late.elsewhere), (at(3), None));
    }
}
