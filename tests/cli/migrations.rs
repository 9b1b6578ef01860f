//! Databases written by earlier releases: every committed fixture under
//! tests/fixtures/ (one per released schema version) is read and upgraded
//! by this binary with its data intact.

use std::path::PathBuf;

use crate::env::Env;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "db"))
        .collect();
    found.sort();
    found
}

#[test]
fn there_is_a_fixture_for_every_schema_version() {
    let names: Vec<String> = fixtures()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for version in 1..=inc::store::schema_version() {
        assert!(
            names.contains(&format!("schema-v{version}.db")),
            "no fixture for schema version {version}: make one with the release that introduced it"
        );
    }
}

#[test]
fn every_fixture_is_read_and_upgraded_with_its_data_intact() {
    for fixture in fixtures() {
        let env = Env::new();
        std::fs::copy(&fixture, &env.db).unwrap();
        let name = fixture.display();

        // Reading never changes the file, whatever its version.
        let before = env.snapshot();
        assert_eq!(
            env.field("title", &["list", "--all"])[..2],
            ["Fixture incident", "Second fixture incident"],
            "{name}"
        );
        assert_eq!(before, env.snapshot(), "{name}: a read changed the file");

        let shown = env.json(&["show", "1"]);
        assert_eq!(shown["severity"], "SEV1", "{name}");
        assert_eq!(shown["status"], "identified", "{name}");
        assert_eq!(shown["started_at"], "2026-11-01T09:45:00Z", "{name}");
        assert_eq!(shown["mitigated_at"], "2026-11-01T10:25:00Z", "{name}");
        assert_eq!(env.json(&["show", "2"])["security"], true, "{name}");
        // Every incident has its first commander on record (back-filled
        // for databases from before commander history).
        assert_eq!(shown["commanders"][0]["name"], "fixture", "{name}");
        let first = env.json(&["show", "2"])["commanders"][0].clone();
        assert_eq!(first["name"], "fixture", "{name}");
        assert_eq!(first["from"], serde_json::Value::Null, "{name}");
        assert_eq!(first["assigned_at"], "2026-11-01T11:00:00Z", "{name}");
        // A read-only upgrade gives the same ids every time.
        assert_eq!(
            env.json(&["show", "2"])["commanders"][0]["uuid"],
            first["uuid"],
            "{name}"
        );
        assert_eq!(
            env.field("text", &["timeline", "1"]),
            [
                "",
                "",
                "Fixture incident",
                "fixture note 1",
                "fixture note 2",
                "fixture reason",
                "",
                ""
            ],
            "{name}"
        );

        // Writing upgrades it to the current schema and keeps everything.
        env.ok(&["tl", "after the upgrade"]);
        let version: i64 = env
            .sql()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, inc::store::schema_version(), "{name}");
        assert_eq!(env.integrity(), "ok", "{name}");
        let texts = env.field("text", &["timeline", "1"]);
        assert_eq!(texts.len(), 9, "{name}");
        assert_eq!(texts.last().unwrap(), "after the upgrade", "{name}");
        assert_eq!(
            env.field("author", &["timeline", "1"])[0],
            "fixture",
            "{name}"
        );

        // Commands run with `inc run` (schema 4) are kept, with how they
        // ended and what they printed; on older files they can be added.
        if version_of(&fixture) >= 4 {
            let runs: Vec<serde_json::Value> = env
                .json(&["timeline", "2"])
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["kind"] == "command")
                .map(|e| e["run"].clone())
                .collect();
            assert_eq!(runs.len(), 3, "{name}");
            assert_eq!(runs[0]["exit_code"], 0, "{name}");
            assert_eq!(
                runs[0]["output"], "fixture output 2\nfixture output 3",
                "{name}"
            );
            assert_eq!(runs[0]["output_lines"], 3, "{name}");
            assert_eq!(runs[1]["exit_code"], 3, "{name}");
            assert_eq!(runs[1]["output"], serde_json::Value::Null, "{name}");
            assert_eq!(runs[2]["signal_name"], "SIGTERM", "{name}");
        }
        // Schema 5: links, updates with their posts, private notes and the
        // security checklist are kept.
        if version_of(&fixture) >= 5 {
            let second = env.json(&["show", "2"]);
            assert_eq!(second["links"]["channel"], "#inc-fixture", "{name}");
            assert_eq!(second["links"]["ticket"], "FIX-1", "{name}");
            let updates = env.json(&["updates", "2"]);
            let updates = updates["updates"].as_array().unwrap();
            assert_eq!(updates.len(), 2, "{name}");
            assert_eq!(updates[0]["audience"], "internal", "{name}");
            assert_eq!(updates[0]["post"], serde_json::Value::Null, "{name}");
            assert_eq!(updates[1]["post"]["outcome"], "failed", "{name}");
            let private: Vec<serde_json::Value> = env
                .json(&["timeline", "2"])
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["private"] == true)
                .map(|e| e["text"].clone())
                .collect();
            assert_eq!(private, ["fixture private note"], "{name}");
            let checklist = env.json(&["checklist", "2"]);
            let items = checklist.as_array().unwrap();
            assert_eq!(items.len(), 7, "{name}");
            assert_eq!(items[0]["note"], "fixture duty note", "{name}");
            assert_eq!(items[6]["area"], "support", "{name}");
        }
        // Schema 6: drills are kept; the search index covers what was
        // written before it existed as well as after.
        if version_of(&fixture) >= 6 {
            assert_eq!(env.json(&["show", "3"])["drill"], true, "{name}");
            assert_eq!(
                env.json(&["show", "2"])["review_held_at"],
                "2026-11-02T09:00:00Z",
                "{name}"
            );
        }
        // Schema 7: corrections stay on the record, struck entries and
        // removed lessons are kept but no longer shown, a cancelled
        // incident stays cancelled.
        if version_of(&fixture) >= 7 {
            let shown = env.json(&["show", "4"]);
            assert_eq!(shown["title"], "Fixture corrected title", "{name}");
            assert_eq!(shown["started_at"], "2026-11-02T09:30:00Z", "{name}");
            let texts = env.field("text", &["timeline", "4"]);
            assert!(
                texts.contains(&"fixture note".to_string()),
                "{name}: {texts:?}"
            );
            assert!(!texts.contains(&"fixture mistake".to_string()), "{name}");
            let history = env.ok(&["timeline", "4", "--history"]);
            assert!(
                history.contains("struck by fixture: fixture reason"),
                "{name}"
            );
            assert!(
                history.contains("\"fixture nite\" → \"fixture note\""),
                "{name}"
            );
            assert_eq!(
                env.field("text", &["lesson", "list", "4"]),
                ["fixture lesson"]
            );
            assert_eq!(env.json(&["show", "5"])["status"], "cancelled", "{name}");
        }
        // Every version's security incident and links are told by the
        // timeline from schema 7 on, so they stay what they were.
        assert_eq!(env.json(&["show", "2"])["security"], true, "{name}");
        assert_eq!(env.json(&["show", "1"])["drill"], false, "{name}");
        let indexed = |word: &str| -> i64 {
            env.sql()
                .query_row(
                    "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
                    [word],
                    |r| r.get(0),
                )
                .unwrap()
        };
        assert_eq!(indexed("reason"), 1, "{name}");
        assert_eq!(indexed("upgrade"), 1, "{name}");
        env.ok(&["run", "-i", "1", "--", "true"]);
        let kinds = env.field("kind", &["timeline", "1"]);
        assert_eq!(kinds.last().unwrap(), "command", "{name}");
        assert_eq!(env.integrity(), "ok", "{name}");
    }
}

/// The schema version a fixture was made with, from its name.
fn version_of(fixture: &std::path::Path) -> i64 {
    let stem = fixture.file_stem().unwrap().to_string_lossy();
    stem.trim_start_matches("schema-v").parse().unwrap()
}
