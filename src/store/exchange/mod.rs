//! Export and import: every record of an incident as an exchange document
//! ([`crate::model::exchange`]), and merging such a document into this
//! database by UUID.

mod export;
mod import;

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};

    use crate::model::exchange::{Document, IncidentMerge, RecordKind, parse};
    use crate::model::{Description, IncidentRef, NewEntry, NewIncident, Severity, Status};
    use crate::store::{Stamp, Store};

    fn at(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 10, min, 0).unwrap()
    }

    fn stamp(author: &str, min: u32) -> Stamp {
        Stamp {
            author: author.into(),
            now: at(min),
        }
    }

    fn machine() -> Store {
        let mut s = Store::open_in_memory().unwrap();
        s.create_incident(&NewIncident {
            links: Default::default(),
            drill: false,
            title: "API down".into(),
            severity: Severity::DEFAULT,
            security: false,
            commander: "alice".into(),
            started_at: at(0),
            detected_at: at(0),
            created_at: at(0),
            recorded_at: at(0),
            author: "alice".into(),
        })
        .unwrap();
        s
    }

    /// A document as it travels: written out and read back in.
    fn export(s: &Store) -> Document {
        let doc = s.export(None, "2026-11-26T11:00:00.000Z".into()).unwrap();
        parse(&serde_json::to_string(&doc).unwrap()).unwrap()
    }

    fn import(s: &mut Store, doc: &Document) -> IncidentMerge {
        let mut merged = s.import_document(doc, false).unwrap();
        assert_eq!(merged.len(), 1);
        merged.remove(0)
    }

    fn other_machine(doc: &Document) -> Store {
        let mut s = Store::open_in_memory().unwrap();
        let m = import(&mut s, doc);
        assert!(m.new);
        s
    }

    /// Every column of every table travels in the export, but for the
    /// local ids: a column added to the schema and forgotten here would
    /// silently stay behind on the machine that wrote it.
    #[test]
    fn the_export_carries_every_column() {
        use super::export::{
            ACTION, ASSIGNMENT, CHECKLIST, DESCRIPTION, ENTRY, FACTOR, INCIDENT, LESSON, ROLE, TASK,
        };
        let s = Store::open_in_memory().unwrap();
        let local = ["id", "incident_id", "entry_id"];
        for (table, columns) in [
            ("incidents", INCIDENT),
            ("timeline_entries", ENTRY),
            ("assignments", ASSIGNMENT),
            ("roles", ROLE),
            ("tasks", TASK),
            ("descriptions", DESCRIPTION),
            ("factors", FACTOR),
            ("actions", ACTION),
            ("lessons", LESSON),
            ("checklist_items", CHECKLIST),
            (
                "update_posts",
                "uuid, attempted_at, attempted_by, outcome, detail",
            ),
        ] {
            let mut in_table: Vec<String> = s
                .read(|conn| {
                    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
                    let names = stmt
                        .query_map([], |r| r.get::<_, String>(1))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    Ok(names)
                })
                .unwrap()
                .into_iter()
                .filter(|c| !local.contains(&c.as_str()))
                .collect();
            let mut exported: Vec<String> =
                columns.split(',').map(|c| c.trim().to_string()).collect();
            in_table.sort();
            exported.sort();
            assert_eq!(exported, in_table, "{table}");
        }
    }

    #[test]
    fn a_new_record_is_added_and_a_known_one_left_alone() {
        let mut a = machine();
        let mut b = other_machine(&export(&a));
        b.update_incident(IncidentRef::Id(1), &stamp("bob", 5), |_| {
            Ok(vec![NewEntry::note("from b".into(), at(5))])
        })
        .unwrap();
        let m = import(&mut a, &export(&b));
        assert_eq!(m.added, vec![(RecordKind::Entry, 1)]);
        assert_eq!(
            m.unchanged, 3,
            "the incident, its declared entry and assignment"
        );
        assert!(m.updated.is_empty() && m.conflicts.is_empty(), "{m:?}");
        assert_eq!(export(&a).incidents, export(&b).incidents);
        let again = import(&mut a, &export(&b));
        assert!(again.added.is_empty(), "{again:?}");
    }

    #[test]
    fn an_immutable_record_that_differs_is_a_conflict_and_kept() {
        let mut a = machine();
        let mut doc = export(&a);
        doc.incidents[0].timeline[0].body = "API up".into();
        doc.incidents[0].assignments[0].briefing = "edited".into();
        let m = import(&mut a, &doc);
        assert_eq!(m.conflicts.len(), 2, "{m:?}");
        assert!(m.conflicts[0].contains("body \"API down\" here, \"API up\" in the file"));
        assert_eq!(a.timeline(1, None).unwrap()[0].text, "API down");
    }

    #[test]
    fn done_is_one_way() {
        let mut a = machine();
        a.add_task(IncidentRef::Id(1), &stamp("alice", 1), "restart", None)
            .unwrap();
        let mut b = other_machine(&export(&a));
        b.complete_task(IncidentRef::Id(1), 1, &stamp("bob", 2))
            .unwrap();
        let doc_b = export(&b);
        // A's older file, without the done, changes nothing on B.
        let m = import(&mut b, &export(&a));
        assert!(m.updated.is_empty() && m.conflicts.is_empty(), "{m:?}");
        assert_eq!(b.tasks(1, false).unwrap().len(), 0);
        // B's file makes it done on A.
        let m = import(&mut a, &doc_b);
        assert_eq!(
            m.updated,
            ["task \"restart\" done, as in the file (by bob)"]
        );
        assert_eq!(a.tasks(1, true).unwrap()[0].done_by.as_deref(), Some("bob"));
    }

    #[test]
    fn closing_an_action_item_is_one_way_and_an_edit_a_conflict() {
        use crate::model::{ActionStatus, Priority};
        use crate::store::NewAction;
        let mut a = machine();
        let new = |text: &str| NewAction {
            text: text.into(),
            owner: "sre".into(),
            due: None,
            priority: Priority::P2,
            action_type: None,
        };
        a.add_action(
            IncidentRef::Id(1),
            &stamp("alice", 1),
            &new("alert on the pool"),
        )
        .unwrap();
        a.add_action(IncidentRef::Id(1), &stamp("alice", 2), &new("load-test"))
            .unwrap();
        let mut b = other_machine(&export(&a));
        b.update_action(Some(IncidentRef::Id(1)), 1, &stamp("bob", 3), |x| {
            x.status = ActionStatus::Done;
            Ok(())
        })
        .unwrap();
        b.update_action(Some(IncidentRef::Id(1)), 2, &stamp("bob", 4), |x| {
            x.owner = "qa".into();
            Ok(())
        })
        .unwrap();
        let old_a = export(&a);
        let m = import(&mut a, &export(&b));
        assert_eq!(
            m.updated,
            ["action item \"alert on the pool\" done, as in the file"]
        );
        assert_eq!(m.conflicts.len(), 1, "{m:?}");
        assert!(
            m.conflicts[0].contains("owner \"sre\" here, \"qa\" in the file"),
            "{m:?}"
        );
        // B keeps its done against A's older, open one, quietly.
        let m = import(&mut b, &old_a);
        assert!(m.updated.is_empty(), "{m:?}");
        assert_eq!(m.conflicts.len(), 1, "only the owner: {m:?}");
    }

    #[test]
    fn roles_descriptions_and_state_take_the_later_change() {
        let mut a = machine();
        let mut b = other_machine(&export(&a));
        let described = |s: &mut Store, who: &str, min: u32, text: &str| {
            s.describe(
                IncidentRef::Id(1),
                &stamp(who, min),
                &Description {
                    summary: Some(text.into()),
                    ..Description::default()
                },
            )
            .unwrap();
        };
        described(&mut a, "alice", 3, "from a");
        described(&mut b, "bob", 4, "from b");
        a.set_role(
            IncidentRef::Id(1),
            &stamp("alice", 5),
            "scribe",
            Some("carol"),
            |_| Ok(at(5)),
        )
        .unwrap();
        b.set_role(
            IncidentRef::Id(1),
            &stamp("bob", 6),
            "scribe",
            Some("dave"),
            |_| Ok(at(6)),
        )
        .unwrap();
        let zone = crate::time::Zone::utc();
        a.update_incident(IncidentRef::Id(1), &stamp("alice", 7), |i| {
            Ok(i.set_status(Status::Identified, at(7), &zone)?)
        })
        .unwrap();
        b.update_incident(IncidentRef::Id(1), &stamp("bob", 8), |i| {
            Ok(i.set_severity(Severity::new(1).unwrap(), String::new(), at(8)))
        })
        .unwrap();
        let doc_a = export(&a);
        let m = import(&mut a, &export(&b));
        assert_eq!(m.updated.len(), 3, "{m:?}");
        assert!(m.conflicts.is_empty(), "{m:?}");
        assert_eq!(a.description(1).unwrap().summary.as_deref(), Some("from b"));
        assert_eq!(a.roles(1).unwrap()[0].name, "dave");
        // Each machine's change of state is kept: they are both on the
        // merged timeline.
        let incident = a.incident(IncidentRef::Id(1)).unwrap();
        assert_eq!(incident.severity.level(), 1);
        assert_eq!(incident.status, Status::Identified);
        // B keeps its later description and role against A's older ones,
        // and says so; the state follows the merged timeline there too.
        let m = import(&mut b, &doc_a);
        assert_eq!(m.conflicts.len(), 2, "{m:?}");
        assert_eq!(m.updated.len(), 1, "{m:?}");
        assert_eq!(b.roles(1).unwrap()[0].name, "dave");
        let incident = b.incident(IncidentRef::Id(1)).unwrap();
        assert_eq!(incident.severity.level(), 1);
        assert_eq!(incident.status, Status::Identified);
    }

    #[test]
    fn checklist_items_are_done_one_way_and_keep_their_numbers() {
        use crate::model::exchange::ExChecklistItem;
        let mut a = machine();
        let item = |uuid: &str, body: &str| ExChecklistItem {
            uuid: uuid.into(),
            position: 1,
            area: "legal".into(),
            body: body.into(),
            created_at: "2026-11-26T10:01:00.000Z".into(),
            created_by: "alice".into(),
            done_at: None,
            done_by: None,
            note: None,
        };
        let mut doc = export(&a);
        doc.incidents[0].checklist =
            vec![item("01a21827-ef00-7d63-a479-902771e55101", "tell the DPO")];
        assert_eq!(
            import(&mut a, &doc).added,
            vec![(RecordKind::ChecklistItem, 1)]
        );
        let mut done = doc.clone();
        done.incidents[0].checklist[0].done_at = Some("2026-11-26T10:09:00.000Z".into());
        done.incidents[0].checklist[0].done_by = Some("bob".into());
        done.incidents[0].checklist[0].note = Some("mailed".into());
        let m = import(&mut a, &done);
        assert_eq!(
            m.updated,
            ["checklist item 1 \"tell the DPO\" done, as in the file (by bob)"]
        );
        // The older file, without the done, changes nothing.
        let m = import(&mut a, &doc);
        assert!(m.updated.is_empty() && m.conflicts.is_empty(), "{m:?}");
        assert_eq!(export(&a).incidents, done.incidents);
        // Another machine's item 1 is not added over this one's.
        let mut other = export(&a);
        other.incidents[0].checklist = vec![item(
            "01a21827-ef00-7d63-a479-902771e55102",
            "call the insurer",
        )];
        let m = import(&mut a, &other);
        assert!(m.added.is_empty(), "{m:?}");
        assert!(
            m.conflicts[0].contains("its number is another item's here"),
            "{m:?}"
        );
        assert_eq!(export(&a).incidents, done.incidents);
    }

    #[test]
    fn a_uuid_of_another_incident_fails_the_whole_import() {
        let mut a = machine();
        let mut doc = export(&a);
        // A second incident in the file that claims the first one's entry.
        let mut second = doc.incidents[0].clone();
        second.uuid = "01a21827-ef00-7d63-a479-902771e55099".into();
        second.created_at = "2026-11-26T10:30:00.000Z".into();
        second.assignments.clear();
        let before = export(&a);
        doc.incidents = vec![second];
        let err = a.import_document(&doc, false).unwrap_err();
        assert!(
            err.to_string().starts_with("incidents[0].timeline[0]: "),
            "{err}"
        );
        assert_eq!(export(&a), before);
    }

    #[test]
    fn a_dry_run_changes_nothing() {
        let a = machine();
        let mut b = Store::open_in_memory().unwrap();
        let merged = b.import_document(&export(&a), true).unwrap();
        assert!(merged[0].new);
        assert!(export(&b).incidents.is_empty());
    }
}
