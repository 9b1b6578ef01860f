//! The schema, as an ordered list of forward-only migrations. The database's
//! `PRAGMA user_version` says how many have been applied. A shipped migration
//! is never edited: changes come as new entries at the end.

/// Marks a file as an inc database (`PRAGMA application_id`), so that inc
/// never adds its tables to somebody else's SQLite file. ASCII "inc!".
pub const APPLICATION_ID: i64 = 0x696e_6321;

use anyhow::Result;
use rusqlite::{Connection, params};

use crate::model::exchange::legacy_entries;
use crate::model::ids::derived_uuid;
use crate::model::{Hlc, LinkKind};

/// One step of the schema: SQL, then, for what SQL alone cannot do, a
/// function run in the same transaction.
#[derive(Clone, Copy)]
pub struct Migration {
    pub sql: &'static str,
    pub then: Option<fn(&Connection) -> Result<()>>,
    /// Reading needs nothing it adds (indexes, or a table only writes
    /// use): a command that reads can read a database without it, as it
    /// is, rather than upgrade a copy in memory.
    pub readers_skip: bool,
}

impl Migration {
    pub const fn sql(sql: &'static str) -> Migration {
        Migration {
            sql,
            then: None,
            readers_skip: false,
        }
    }

    /// A migration that only adds indexes (see [`Migration::readers_skip`]).
    pub const fn indexes(sql: &'static str) -> Migration {
        Migration {
            readers_skip: true,
            ..Migration::sql(sql)
        }
    }

    /// A migration that only adds what writes use and reads never look at
    /// (see [`Migration::readers_skip`]).
    pub const fn for_writes(sql: &'static str) -> Migration {
        Migration::indexes(sql)
    }
}

/// Migration `i` takes the schema from version `i` to version `i + 1`.
///
/// What counts as a schema change: anything an older `inc` could not read.
/// That includes a new timeline entry kind or status value, even though the
/// columns stay the same: add a migration (it may only update CHECK
/// constraints, or be a comment) so that the version moves and older
/// binaries refuse the file instead of failing on a row they do not know.
pub const MIGRATIONS: &[Migration] = &[
    // 1: incidents, their timelines, and per-database state.
    Migration::sql(
        r"
CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL CHECK (length(title) > 0),
    severity     INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
    status       TEXT NOT NULL
                 CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
    security     INTEGER NOT NULL DEFAULT 0 CHECK (security IN (0, 1)),
    commander    TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    detected_at  TEXT NOT NULL,
    mitigated_at TEXT,
    resolved_at  TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
) STRICT;

CREATE INDEX incidents_by_status ON incidents (status);

CREATE TABLE timeline_entries (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    from_value   TEXT,
    to_value     TEXT,
    event_at     TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    author       TEXT NOT NULL
) STRICT;

CREATE INDEX timeline_by_incident ON timeline_entries (incident_id, event_at, id);

CREATE TABLE state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
",
    ),
    // 2: commander assignments (handoffs with their briefings), roles and
    // in-incident tasks; new timeline entry kinds handoff, role, task and
    // task-done. Each existing incident gets its first assignment back-filled
    // from its commander. Its UUID is derived from the incident's (version
    // digit 8, RFC 9562's custom version), so it is the same every time this
    // runs, including the in-memory upgrade of a read-only open.
    Migration::sql(
        r"
CREATE TABLE assignments (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    name         TEXT NOT NULL,
    from_name    TEXT,
    briefing     TEXT NOT NULL DEFAULT '',
    assigned_at  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
) STRICT;

CREATE INDEX assignments_by_incident ON assignments (incident_id, assigned_at, id);

INSERT INTO assignments (uuid, incident_id, name, from_name, briefing, assigned_at, recorded_at, recorded_by)
SELECT substr(uuid, 1, 14) || '8' || substr(uuid, 16),
       id, commander, NULL, '', created_at, created_at, created_by
FROM incidents;

CREATE TABLE roles (
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    role         TEXT NOT NULL,
    name         TEXT NOT NULL,
    assigned_at  TEXT NOT NULL,
    PRIMARY KEY (incident_id, role)
) STRICT;

CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    body         TEXT NOT NULL CHECK (length(body) > 0),
    owner        TEXT,
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    done_at      TEXT,
    done_by      TEXT
) STRICT;

CREATE INDEX tasks_by_incident ON tasks (incident_id, done_at);
",
    ),
    // 3: the post-incident review's material: the description, contributing
    // factors, corrective action items, lessons; key timeline notes.
    Migration::sql(
        r"
CREATE TABLE descriptions (
    incident_id  INTEGER PRIMARY KEY REFERENCES incidents (id),
    uuid         TEXT NOT NULL UNIQUE,
    summary      TEXT,
    impact       TEXT,
    scope        TEXT CHECK (scope IN ('internal', 'external', 'both')),
    detection    TEXT,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL
) STRICT;

CREATE TABLE factors (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    body         TEXT NOT NULL CHECK (length(body) > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('technical', 'non-technical')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
) STRICT;

CREATE INDEX factors_by_incident ON factors (incident_id);

CREATE TABLE actions (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    body         TEXT NOT NULL CHECK (length(body) > 0),
    owner        TEXT NOT NULL CHECK (length(owner) > 0),
    due          TEXT,
    priority     TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3')),
    type         TEXT CHECK (type IN ('prevent', 'mitigate', 'detect', 'process')),
    status       TEXT NOT NULL CHECK (status IN ('open', 'done', 'wont-do')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    closed_at    TEXT
) STRICT;

CREATE INDEX actions_by_incident ON actions (incident_id);
CREATE INDEX actions_by_status ON actions (status, due);

CREATE TABLE lessons (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    body         TEXT NOT NULL CHECK (length(body) > 0),
    kind         TEXT NOT NULL CHECK (kind IN ('went-well', 'went-wrong', 'lucky')),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL
) STRICT;

CREATE INDEX lessons_by_incident ON lessons (incident_id);

ALTER TABLE timeline_entries ADD COLUMN key INTEGER NOT NULL DEFAULT 0 CHECK (key IN (0, 1));
",
    ),
    // 4: the timeline entry kind `command`, written by `inc run`: its body is
    // the command line, its time when it started; these columns say how it
    // ended (an exit code or a signal), how long it ran, and, when captured,
    // the last lines of its output and how many lines it printed in all.
    // They stay NULL on every other kind of entry.
    Migration::sql(
        r"
ALTER TABLE timeline_entries ADD COLUMN exit_code INTEGER CHECK (exit_code BETWEEN 0 AND 255);
ALTER TABLE timeline_entries ADD COLUMN exit_signal INTEGER CHECK (exit_signal > 0);
ALTER TABLE timeline_entries ADD COLUMN duration_ms INTEGER CHECK (duration_ms >= 0);
ALTER TABLE timeline_entries ADD COLUMN output TEXT;
ALTER TABLE timeline_entries ADD COLUMN output_lines INTEGER CHECK (output_lines >= 0);
",
    ),
    // 5: communications and sharing. Where the response happens (the
    // incident's chat channel, call bridge and ticket); status updates (the
    // timeline entry kind `update`, internal or external) and each attempt to
    // post one to the webhook; notes for responders only (`private`); the
    // duties of a security incident as a checklist, with the timeline entry
    // kind `checklist` for an item done.
    Migration::sql(
        r"
ALTER TABLE incidents ADD COLUMN channel TEXT CHECK (length(channel) > 0);
ALTER TABLE incidents ADD COLUMN bridge TEXT CHECK (length(bridge) > 0);
ALTER TABLE incidents ADD COLUMN ticket TEXT CHECK (length(ticket) > 0);

ALTER TABLE timeline_entries ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
ALTER TABLE timeline_entries ADD COLUMN audience TEXT CHECK (audience IN ('internal', 'external'));

CREATE TABLE update_posts (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    entry_id     INTEGER NOT NULL REFERENCES timeline_entries (id),
    attempted_at TEXT NOT NULL,
    attempted_by TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('sent', 'failed')),
    detail       TEXT NOT NULL
) STRICT;

CREATE INDEX update_posts_by_entry ON update_posts (entry_id, attempted_at);

CREATE TABLE checklist_items (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    position     INTEGER NOT NULL,
    area         TEXT NOT NULL CHECK (length(area) > 0),
    body         TEXT NOT NULL CHECK (length(body) > 0),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    done_at      TEXT,
    done_by      TEXT,
    note         TEXT,
    UNIQUE (incident_id, position)
) STRICT;
",
    ),
    // 6: across incidents. Drills (`inc open --drill`) are kept out of the
    // statistics; the review meeting, once held, is recorded; the dates the
    // statistics and `inc actions` filter on are indexed; and a full-text
    // index covers what people search for: titles, descriptions, timeline
    // notes, factors, action items and lessons. Triggers keep it in step
    // with the tables. Its rowid is the source row's id times 8 plus a code
    // for the source (see `crate::store::search`), so a change to one row
    // finds its index row without a scan.
    Migration::sql(
        r"
ALTER TABLE incidents ADD COLUMN drill INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1));
ALTER TABLE incidents ADD COLUMN review_held_at TEXT;
ALTER TABLE incidents ADD COLUMN review_held_by TEXT;

CREATE INDEX incidents_by_started ON incidents (started_at);
CREATE INDEX actions_by_due ON actions (due);

CREATE VIRTUAL TABLE search_index USING fts5 (
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_incident_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 0, new.title);
END;
CREATE TRIGGER search_incident_title AFTER UPDATE OF title ON incidents
WHEN new.title <> old.title
BEGIN
    UPDATE search_index SET text = new.title WHERE rowid = new.id * 8 + 0;
END;
CREATE TRIGGER search_incident_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 0;
END;

CREATE TRIGGER search_description_insert AFTER INSERT ON descriptions BEGIN
    INSERT INTO search_index (rowid, text)
    SELECT new.incident_id * 8 + part, text FROM (
        SELECT 1 AS part, new.summary AS text
        UNION ALL SELECT 2, new.impact
        UNION ALL SELECT 3, new.detection
    ) WHERE text IS NOT NULL AND text <> '';
END;
CREATE TRIGGER search_description_update AFTER UPDATE ON descriptions BEGIN
    DELETE FROM search_index WHERE rowid IN
        (old.incident_id * 8 + 1, old.incident_id * 8 + 2, old.incident_id * 8 + 3);
    INSERT INTO search_index (rowid, text)
    SELECT new.incident_id * 8 + part, text FROM (
        SELECT 1 AS part, new.summary AS text
        UNION ALL SELECT 2, new.impact
        UNION ALL SELECT 3, new.detection
    ) WHERE text IS NOT NULL AND text <> '';
END;
CREATE TRIGGER search_description_delete AFTER DELETE ON descriptions BEGIN
    DELETE FROM search_index WHERE rowid IN
        (old.incident_id * 8 + 1, old.incident_id * 8 + 2, old.incident_id * 8 + 3);
END;

CREATE TRIGGER search_entry_insert AFTER INSERT ON timeline_entries
WHEN new.kind IN ('note', 'update', 'handoff', 'severity', 'task', 'command') AND new.body <> ''
BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 4, new.body);
END;
CREATE TRIGGER search_entry_delete AFTER DELETE ON timeline_entries BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
END;

CREATE TRIGGER search_factor_insert AFTER INSERT ON factors BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 5, new.body);
END;
CREATE TRIGGER search_factor_update AFTER UPDATE OF body ON factors BEGIN
    UPDATE search_index SET text = new.body WHERE rowid = new.id * 8 + 5;
END;
CREATE TRIGGER search_factor_delete AFTER DELETE ON factors BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
END;

CREATE TRIGGER search_action_insert AFTER INSERT ON actions BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 6, new.body);
END;
CREATE TRIGGER search_action_update AFTER UPDATE OF body ON actions BEGIN
    UPDATE search_index SET text = new.body WHERE rowid = new.id * 8 + 6;
END;
CREATE TRIGGER search_action_delete AFTER DELETE ON actions BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 6;
END;

CREATE TRIGGER search_lesson_insert AFTER INSERT ON lessons BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 7, new.body);
END;
CREATE TRIGGER search_lesson_update AFTER UPDATE OF body ON lessons BEGIN
    UPDATE search_index SET text = new.body WHERE rowid = new.id * 8 + 7;
END;
CREATE TRIGGER search_lesson_delete AFTER DELETE ON lessons BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
END;

INSERT INTO search_index (rowid, text) SELECT id * 8 + 0, title FROM incidents;
INSERT INTO search_index (rowid, text)
SELECT incident_id * 8 + part, text FROM (
    SELECT incident_id, 1 AS part, summary AS text FROM descriptions
    UNION ALL SELECT incident_id, 2, impact FROM descriptions
    UNION ALL SELECT incident_id, 3, detection FROM descriptions
) WHERE text IS NOT NULL AND text <> '';
INSERT INTO search_index (rowid, text)
SELECT id * 8 + 4, body FROM timeline_entries
WHERE kind IN ('note', 'update', 'handoff', 'severity', 'task', 'command') AND body <> '';
INSERT INTO search_index (rowid, text) SELECT id * 8 + 5, body FROM factors;
INSERT INTO search_index (rowid, text) SELECT id * 8 + 6, body FROM actions;
INSERT INTO search_index (rowid, text) SELECT id * 8 + 7, body FROM lessons;
",
    ),
    // 7: one record model. Every record gets the change clock of when it
    // was made (`clock`) and of each later change of its fields
    // (`changed`, JSON); timeline entries can be struck (never deleted)
    // and name the record they are about by UUID (`target`), and
    // corrections say what they corrected (`field`); factors and lessons
    // are removed, never deleted. The incident's state follows from its
    // timeline: `incidents` keeps it as a cache, with the new status
    // `cancelled`, and what the timeline cannot tell (the first commander,
    // drill, the review meeting); commander assignments and roles, which
    // the timeline tells, are dropped. Checklist numbers may repeat once
    // two machines' items are merged. Clocks of existing records are their
    // own times, so every database that upgrades the same records gives
    // them the same clocks. The search index triggers are made again, for
    // corrected and struck entries and removed factors and lessons.
    Migration {
        sql: r"
DROP TRIGGER search_description_insert;
DROP TRIGGER search_description_update;
DROP TRIGGER search_description_delete;
DROP TRIGGER search_entry_insert;
DROP TRIGGER search_entry_delete;
DROP TRIGGER search_factor_insert;
DROP TRIGGER search_factor_update;
DROP TRIGGER search_factor_delete;
DROP TRIGGER search_action_insert;
DROP TRIGGER search_action_update;
DROP TRIGGER search_action_delete;
DROP TRIGGER search_lesson_insert;
DROP TRIGGER search_lesson_update;
DROP TRIGGER search_lesson_delete;

CREATE TABLE incidents_7 (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT NOT NULL UNIQUE,
    clock           TEXT NOT NULL,
    first_commander TEXT NOT NULL,
    drill           INTEGER NOT NULL DEFAULT 0 CHECK (drill IN (0, 1)),
    review_held_at  TEXT,
    review_held_by  TEXT,
    changed         TEXT,
    title           TEXT NOT NULL CHECK (length(title) > 0),
    severity        INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
    status          TEXT NOT NULL CHECK (status IN
                    ('investigating', 'identified', 'monitoring', 'resolved', 'cancelled')),
    status_at       TEXT NOT NULL,
    security        INTEGER NOT NULL DEFAULT 0 CHECK (security IN (0, 1)),
    commander       TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    detected_at     TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    mitigated_at    TEXT,
    resolved_at     TEXT,
    channel         TEXT,
    bridge          TEXT,
    ticket          TEXT
) STRICT;
INSERT INTO incidents_7 (id, uuid, clock, first_commander, drill, review_held_at,
    review_held_by, changed, title, severity, status, status_at, security, commander,
    started_at, detected_at, created_at, created_by, mitigated_at, resolved_at, channel, bridge,
    ticket)
SELECT id, uuid, substr(created_at, 1, 23) || '000000Z',
    coalesce((SELECT a.name FROM assignments a WHERE a.incident_id = i.id AND a.from_name IS NULL
              ORDER BY a.assigned_at, a.uuid LIMIT 1), commander),
    drill, review_held_at, review_held_by,
    CASE WHEN review_held_at IS NOT NULL
         THEN json_object('review', substr(review_held_at, 1, 23) || '000000Z') END,
    title, severity, status,
    coalesce((SELECT max(e.event_at) FROM timeline_entries e WHERE e.incident_id = i.id
              AND e.kind IN ('status', 'resolved', 'reopened')), started_at),
    security, commander, started_at, detected_at, created_at, created_by, mitigated_at,
    resolved_at, channel, bridge, ticket
FROM incidents i;
DROP TABLE incidents;
ALTER TABLE incidents_7 RENAME TO incidents;
CREATE INDEX incidents_by_status ON incidents (status);
CREATE INDEX incidents_by_started ON incidents (started_at);
DROP TABLE assignments;
DROP TABLE roles;

ALTER TABLE timeline_entries ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE timeline_entries ADD COLUMN target TEXT;
ALTER TABLE timeline_entries ADD COLUMN field TEXT;
ALTER TABLE timeline_entries ADD COLUMN struck_at TEXT;
ALTER TABLE timeline_entries ADD COLUMN struck_by TEXT;
ALTER TABLE timeline_entries ADD COLUMN struck_reason TEXT;
ALTER TABLE timeline_entries ADD COLUMN changed TEXT;
UPDATE timeline_entries SET clock = substr(recorded_at, 1, 23) || '000000Z';
UPDATE timeline_entries
SET target = (SELECT t.uuid FROM tasks t WHERE t.id = CAST(timeline_entries.from_value AS INTEGER)),
    from_value = NULL
WHERE kind IN ('task', 'task-done');
UPDATE timeline_entries
SET target = (SELECT c.uuid FROM checklist_items c
              WHERE c.incident_id = timeline_entries.incident_id
                AND c.position = CAST(timeline_entries.from_value AS INTEGER)),
    from_value = NULL
WHERE kind = 'checklist';
DROP INDEX timeline_by_incident;
CREATE INDEX timeline_by_incident ON timeline_entries (incident_id, event_at, clock);

ALTER TABLE tasks ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN changed TEXT;
UPDATE tasks SET clock = substr(created_at, 1, 23) || '000000Z';

CREATE TABLE descriptions_7 (
    incident_id  INTEGER PRIMARY KEY REFERENCES incidents (id),
    uuid         TEXT NOT NULL UNIQUE,
    clock        TEXT NOT NULL,
    summary      TEXT,
    impact       TEXT,
    scope        TEXT CHECK (scope IN ('internal', 'external', 'both')),
    detection    TEXT,
    changed      TEXT
) STRICT;
INSERT INTO descriptions_7 (incident_id, uuid, clock, summary, impact, scope, detection)
SELECT incident_id, uuid, substr(updated_at, 1, 23) || '000000Z', summary, impact, scope,
    detection
FROM descriptions;
DROP TABLE descriptions;
ALTER TABLE descriptions_7 RENAME TO descriptions;

ALTER TABLE factors ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE factors ADD COLUMN removed_at TEXT;
ALTER TABLE factors ADD COLUMN removed_by TEXT;
ALTER TABLE factors ADD COLUMN changed TEXT;
UPDATE factors SET clock = substr(created_at, 1, 23) || '000000Z';
ALTER TABLE lessons ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE lessons ADD COLUMN removed_at TEXT;
ALTER TABLE lessons ADD COLUMN removed_by TEXT;
ALTER TABLE lessons ADD COLUMN changed TEXT;
UPDATE lessons SET clock = substr(created_at, 1, 23) || '000000Z';
ALTER TABLE actions ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE actions ADD COLUMN changed TEXT;
UPDATE actions SET clock = substr(created_at, 1, 23) || '000000Z',
    changed = CASE WHEN closed_at IS NOT NULL
                   THEN json_object('status', substr(closed_at, 1, 23) || '000000Z') END;

CREATE TABLE checklist_items_7 (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    incident_id  INTEGER NOT NULL REFERENCES incidents (id),
    clock        TEXT NOT NULL,
    position     INTEGER NOT NULL CHECK (position > 0),
    area         TEXT NOT NULL CHECK (length(area) > 0),
    body         TEXT NOT NULL CHECK (length(body) > 0),
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    done_at      TEXT,
    done_by      TEXT,
    note         TEXT,
    changed      TEXT
) STRICT;
INSERT INTO checklist_items_7 (id, uuid, incident_id, clock, position, area, body, created_at,
    created_by, done_at, done_by, note)
SELECT id, uuid, incident_id, substr(created_at, 1, 23) || '000000Z', position, area, body,
    created_at, created_by, done_at, done_by, note
FROM checklist_items;
DROP TABLE checklist_items;
ALTER TABLE checklist_items_7 RENAME TO checklist_items;
CREATE INDEX checklist_by_incident ON checklist_items (incident_id, position);

ALTER TABLE update_posts ADD COLUMN clock TEXT NOT NULL DEFAULT '';
ALTER TABLE update_posts ADD COLUMN changed TEXT;
UPDATE update_posts SET clock = substr(attempted_at, 1, 23) || '000000Z';

CREATE TRIGGER search_incident_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 0, new.title);
END;
CREATE TRIGGER search_incident_title AFTER UPDATE OF title ON incidents
WHEN new.title <> old.title
BEGIN
    UPDATE search_index SET text = new.title WHERE rowid = new.id * 8 + 0;
END;
CREATE TRIGGER search_description AFTER INSERT ON descriptions BEGIN
    INSERT INTO search_index (rowid, text)
    SELECT new.incident_id * 8 + part, text FROM (
        SELECT 1 AS part, new.summary AS text
        UNION ALL SELECT 2, new.impact
        UNION ALL SELECT 3, new.detection
    ) WHERE text IS NOT NULL AND text <> '';
END;
CREATE TRIGGER search_description_update AFTER UPDATE OF summary, impact, detection
ON descriptions BEGIN
    DELETE FROM search_index WHERE rowid IN
        (old.incident_id * 8 + 1, old.incident_id * 8 + 2, old.incident_id * 8 + 3);
    INSERT INTO search_index (rowid, text)
    SELECT new.incident_id * 8 + part, text FROM (
        SELECT 1 AS part, new.summary AS text
        UNION ALL SELECT 2, new.impact
        UNION ALL SELECT 3, new.detection
    ) WHERE text IS NOT NULL AND text <> '';
END;
CREATE TRIGGER search_entry AFTER INSERT ON timeline_entries
WHEN new.kind IN ('note', 'update', 'handoff', 'severity', 'task', 'command', 'cancelled')
    AND new.body <> '' AND new.struck_at IS NULL
BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 4, new.body);
END;
CREATE TRIGGER search_entry_update AFTER UPDATE OF body, struck_at ON timeline_entries
WHEN new.kind IN ('note', 'update', 'handoff', 'severity', 'task', 'command', 'cancelled')
BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 4;
    INSERT INTO search_index (rowid, text) SELECT new.id * 8 + 4, new.body
    WHERE new.body <> '' AND new.struck_at IS NULL;
END;
CREATE TRIGGER search_factor AFTER INSERT ON factors WHEN new.removed_at IS NULL BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 5, new.body);
END;
CREATE TRIGGER search_factor_update AFTER UPDATE OF body, removed_at ON factors BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 5;
    INSERT INTO search_index (rowid, text) SELECT new.id * 8 + 5, new.body
    WHERE new.removed_at IS NULL;
END;
CREATE TRIGGER search_action AFTER INSERT ON actions BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 6, new.body);
END;
CREATE TRIGGER search_action_update AFTER UPDATE OF body ON actions BEGIN
    UPDATE search_index SET text = new.body WHERE rowid = new.id * 8 + 6;
END;
CREATE TRIGGER search_lesson AFTER INSERT ON lessons WHEN new.removed_at IS NULL BEGIN
    INSERT INTO search_index (rowid, text) VALUES (new.id * 8 + 7, new.body);
END;
CREATE TRIGGER search_lesson_update AFTER UPDATE OF body, removed_at ON lessons BEGIN
    DELETE FROM search_index WHERE rowid = old.id * 8 + 7;
    INSERT INTO search_index (rowid, text) SELECT new.id * 8 + 7, new.body
    WHERE new.removed_at IS NULL;
END;
",
        then: Some(upgrade_to_7),
        readers_skip: false,
    },
    // 8: what reading one entry of a long timeline needs without reading
    // them all: its changes of state and corrections by kind (and how many
    // entries stand, counted in the index), and the entries whose UUIDs end
    // alike (a ref is the shortest end of a UUID
    // that no other entry of the incident has; four digits at least).
    Migration::indexes(
        r"
CREATE INDEX timeline_by_kind ON timeline_entries (incident_id, kind, struck_at);
CREATE INDEX timeline_by_ref ON timeline_entries (substr(uuid, -4));
",
    ),
    // 9: claims on posting status updates. The inc that posts an update
    // claims it first, until a time past the most the post can take;
    // another inc leaves it alone until then, and takes it over after (the
    // first was stopped while posting). Bookkeeping of this database
    // alone, like `state`: never exported, not part of any record. Only
    // `inc update` reads and writes it, so reads go without it.
    Migration::for_writes(
        r"
CREATE TABLE update_claims (
    entry_id      INTEGER PRIMARY KEY REFERENCES timeline_entries (id),
    claim         TEXT NOT NULL,
    claimed_by    TEXT NOT NULL,
    claimed_at    TEXT NOT NULL,
    claimed_until TEXT NOT NULL
) STRICT;
",
    ),
    // 10: the team hub's numbers. On a team, each incident has a team-wide
    // number, given by the hub on its first push, and a cursor saying how
    // far its log on the hub has been pulled. Every command that names an
    // incident reads its number, so the table is here on every database;
    // it stays empty off a team. The rest of what sync keeps (its queue,
    // its triggers) is made by `inc team join`, so that a database on no
    // team parses none of it. Never exported. (`IF NOT EXISTS`: builds
    // before this schema made the table when joining a team.)
    Migration::sql(
        r"
CREATE TABLE IF NOT EXISTS sync_incidents (
    uuid   TEXT PRIMARY KEY,
    number INTEGER,
    cursor INTEGER NOT NULL DEFAULT 0
) STRICT;
",
    ),
    // 11: the rest of a review's story: what triggered the incident, what
    // ended it and the lasting fix; where an action item is tracked; who
    // did what an entry tells, when someone else wrote it down; where the
    // review document stands and who owns it.
    Migration::sql(
        r"
ALTER TABLE descriptions ADD COLUMN triggered_by TEXT;
ALTER TABLE descriptions ADD COLUMN resolution TEXT;
ALTER TABLE descriptions ADD COLUMN long_term TEXT;
ALTER TABLE actions ADD COLUMN link TEXT CHECK (length(link) > 0);
ALTER TABLE timeline_entries ADD COLUMN actor TEXT CHECK (length(actor) > 0);
ALTER TABLE incidents ADD COLUMN review_status TEXT
    CHECK (review_status IN ('in-review', 'reviewed', 'closed'));
ALTER TABLE incidents ADD COLUMN review_owner TEXT CHECK (length(review_owner) > 0);
",
    ),
];

/// What migration 7 does that SQL cannot: each description gets the UUID
/// derived from its incident's (so two machines' descriptions of one
/// incident are one record) and a change clock for each part it has; the
/// security flag and links an incident held in its own fields become the
/// timeline entries that now tell them (see
/// [`crate::model::exchange::legacy_entries`], which an import of an older
/// export uses too); and the database's change clock starts at the latest
/// clock it holds.
fn upgrade_to_7(conn: &Connection) -> Result<()> {
    let descriptions: Vec<(i64, String, String, [bool; 4])> = conn
        .prepare(
            "SELECT d.incident_id, i.uuid, d.clock, d.summary IS NOT NULL, d.impact IS NOT NULL, \
             d.scope IS NOT NULL, d.detection IS NOT NULL \
             FROM descriptions d JOIN incidents i ON i.id = d.incident_id",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, incident, clock, set) in descriptions {
        let changed: serde_json::Map<String, serde_json::Value> =
            ["summary", "impact", "scope", "detection"]
                .into_iter()
                .zip(set)
                .filter(|(_, set)| *set)
                .map(|(part, _)| (part.to_string(), clock.clone().into()))
                .collect();
        conn.execute(
            "UPDATE descriptions SET uuid = ?2, changed = ?3 WHERE incident_id = ?1",
            params![
                id,
                derived_uuid(&incident, "description"),
                (!changed.is_empty()).then(|| serde_json::Value::Object(changed).to_string())
            ],
        )?;
    }
    type Legacy = (i64, String, String, String, bool, [Option<String>; 3]);
    let incidents: Vec<Legacy> = conn
        .prepare(
            "SELECT id, uuid, created_at, created_by, security, channel, bridge, ticket \
             FROM incidents WHERE security = 1 OR channel IS NOT NULL OR bridge IS NOT NULL \
             OR ticket IS NOT NULL",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                [r.get(5)?, r.get(6)?, r.get(7)?],
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = conn.prepare(
        "INSERT INTO timeline_entries (uuid, incident_id, clock, kind, body, to_value, event_at, \
         recorded_at, author) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (id, uuid, created_at, created_by, security, [channel, bridge, ticket]) in incidents {
        let links = [
            (LinkKind::Channel, channel.as_deref()),
            (LinkKind::Bridge, bridge.as_deref()),
            (LinkKind::Ticket, ticket.as_deref()),
        ];
        for e in legacy_entries(&uuid, &created_at, &created_by, security, &links) {
            insert.execute(params![
                e.uuid,
                id,
                e.clock,
                e.kind,
                e.body,
                e.to_value,
                e.event_at,
                e.recorded_at,
                e.author
            ])?;
        }
    }
    let latest: Option<String> = conn.query_row(
        "SELECT max(c) FROM (SELECT max(clock) AS c FROM incidents \
         UNION ALL SELECT max(clock) FROM timeline_entries \
         UNION ALL SELECT max(clock) FROM tasks UNION ALL SELECT max(clock) FROM descriptions \
         UNION ALL SELECT max(clock) FROM factors UNION ALL SELECT max(clock) FROM actions \
         UNION ALL SELECT max(clock) FROM lessons UNION ALL SELECT max(clock) FROM checklist_items \
         UNION ALL SELECT max(clock) FROM update_posts)",
        [],
        |r| r.get(0),
    )?;
    if let Some(latest) = latest.filter(|c| Hlc::parse(c).is_some()) {
        conn.execute(
            "INSERT INTO state (key, value) VALUES ('clock', ?1) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [latest],
        )?;
    }
    Ok(())
}

/// The schema version this binary writes and understands.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}
