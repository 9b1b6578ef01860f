//! UUIDs: the one form they are stored in, and the UUIDs every machine
//! derives alike for a record that is the same wherever it is made (an
//! incident's description, a checklist item copied from the config).

use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The namespace of the UUIDs inc derives from others (a v4 UUID chosen
/// once, never to change: changing it would make every machine derive new
/// UUIDs for records that already exist).
const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_4a8e_93c2_4d57_b0e1_2f6a_9c3d_7e15);

/// A UUID in the one form stored: lower-case hex with hyphens. Any form
/// the `uuid` crate reads is taken (upper case, braces, no hyphens,
/// `urn:uuid:`), so one UUID written two ways is one record; None when it
/// is not a UUID.
pub fn canonical_uuid(s: &str) -> Option<String> {
    Uuid::try_parse(s.trim()).ok().map(|u| u.to_string())
}

/// The UUID of the record `what` of `parent` (a UUID): the same on every
/// machine, so that two machines that make it apart make one record.
pub fn derived_uuid(parent: &str, what: &str) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{parent}/{what}").as_bytes()).to_string()
}

/// A new time-ordered (v7) UUID stamped `now`; its random bits keep it
/// unique when many share a millisecond.
pub fn new_uuid(now: DateTime<Utc>) -> String {
    let ts = uuid::Timestamp::from_unix(
        uuid::NoContext,
        u64::try_from(now.timestamp()).unwrap_or(0),
        now.timestamp_subsec_nanos(),
    );
    Uuid::new_v7(ts).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_uuid_is_one() {
        let canonical = "01a21827-ef00-7d63-a479-902771e5501c";
        for spelled in [
            canonical,
            "01A21827-EF00-7D63-A479-902771E5501C",
            "{01a21827-ef00-7d63-a479-902771e5501c}",
            "01a21827ef007d63a479902771e5501c",
            "urn:uuid:01a21827-ef00-7d63-a479-902771e5501c",
        ] {
            assert_eq!(
                canonical_uuid(spelled).as_deref(),
                Some(canonical),
                "{spelled}"
            );
        }
        assert_eq!(canonical_uuid("not-a-uuid"), None);
    }

    #[test]
    fn derived_uuids_are_stable_and_distinct() {
        let parent = "01a21827-ef00-7d63-a479-902771e5501c";
        assert_eq!(
            derived_uuid(parent, "description"),
            derived_uuid(parent, "description")
        );
        assert_ne!(
            derived_uuid(parent, "description"),
            derived_uuid(parent, "security")
        );
    }
}
