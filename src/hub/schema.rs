//! The hub's schema in PostgreSQL, as SQL an administrator can read and
//! run (`inc hub sql`) or inc runs for them (`inc hub init`, `inc hub
//! migrate`). Forward-only steps, like the laptop's own schema: the
//! version in `inc.meta` says how many have run.
//!
//! What it guarantees, by PostgreSQL and not by the laptops:
//! - An append-only log of record changes per incident (`inc.changes`),
//!   numbered 1, 2, 3... per incident with no gap: the number is taken
//!   under a lock on the incident's row that is held until commit, so
//!   within an incident, number order is commit order and a pull by
//!   "after my cursor" never skips a row that commits late (a plain
//!   sequence would: its values are taken at insert, not at commit).
//! - One team-wide number per incident, given on its first push.
//! - Writes only through `inc.push` and `inc.grant`, which run as the
//!   schema's owner, check the caller's groups and stamp `session_user`:
//!   clients have no table rights beyond SELECT.
//! - Reads filtered by row-level security: observers see no private
//!   notes, and a security incident is seen only by its creator, the
//!   security group and those granted it. No view (a view runs with its
//!   owner's rights unless `security_invoker` is set).
//! - Notifications with empty payloads (every listener gets every payload).

/// The group roles, the same in every database of a cluster.
pub const RESPONDERS: &str = "inc_responders";
pub const OBSERVERS: &str = "inc_observers";
pub const SECURITY: &str = "inc_security";

/// The channel `inc.push` notifies, with an empty payload.
pub const CHANNEL: &str = "inc_changes";

/// Step `i` takes the hub from version `i` to `i + 1`.
pub const STEPS: &[&str] = &[r"
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inc_responders') THEN
        CREATE ROLE inc_responders NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inc_observers') THEN
        CREATE ROLE inc_observers NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'inc_security') THEN
        CREATE ROLE inc_security NOLOGIN;
    END IF;
END
$$;

CREATE SCHEMA inc;
REVOKE ALL ON SCHEMA inc FROM PUBLIC;

-- The hub's own facts: its id (a laptop that finds another id has met
-- another hub, or one restored from a backup), its version, and the next
-- team-wide incident number.
CREATE TABLE inc.meta (
    key   text PRIMARY KEY,
    value text NOT NULL
);
INSERT INTO inc.meta (key, value) VALUES
    ('hub_id', gen_random_uuid()::text),
    ('next_number', '1');

CREATE TABLE inc.incidents (
    uuid       uuid PRIMARY KEY,
    number     bigint NOT NULL UNIQUE,
    head       bigint NOT NULL DEFAULT 0,
    security   boolean NOT NULL DEFAULT false,
    created_by name NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inc.grants (
    incident   uuid NOT NULL REFERENCES inc.incidents,
    grantee    name NOT NULL,
    granted_by name NOT NULL,
    granted_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident, grantee)
);

CREATE TABLE inc.changes (
    incident  uuid NOT NULL REFERENCES inc.incidents,
    seq       bigint NOT NULL,
    change_id uuid NOT NULL UNIQUE,
    kind      text NOT NULL CHECK (kind ~ '^[a-z_]{1,32}$'),
    format    integer NOT NULL CHECK (format > 0),
    private   boolean NOT NULL,
    record_uuid text NOT NULL,
    -- The record an entry is about (a correction's note), if any.
    about     text,
    record    text NOT NULL CHECK (length(record) <= 134217728),
    pushed_by name NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident, seq)
);
CREATE INDEX changes_by_record ON inc.changes (record_uuid) WHERE private;

-- Whether the session's user may see an incident at all.
CREATE FUNCTION inc.may_see(which uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1 FROM inc.incidents i
        WHERE i.uuid = which
          AND (NOT i.security
               OR i.created_by = session_user
               OR pg_has_role(session_user, 'inc_security', 'MEMBER')
               OR EXISTS (SELECT 1 FROM inc.grants g
                          WHERE g.incident = i.uuid AND g.grantee = session_user)))
$$;

-- Whether any version of a record of an incident was private: then every
-- version of it, and every entry about it, is for responders only.
-- (On any incident: a note moved after it was made private is private
-- where it was too.)
CREATE FUNCTION inc.private_record(which uuid, rec text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT rec IS NOT NULL AND inc.may_see(which) AND EXISTS (
        SELECT 1 FROM inc.changes x WHERE x.record_uuid = rec AND x.private)
$$;

ALTER TABLE inc.incidents ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON inc.incidents FOR SELECT USING (inc.may_see(uuid));
ALTER TABLE inc.changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON inc.changes FOR SELECT USING (
    inc.may_see(incident)
    AND (pg_has_role(session_user, 'inc_responders', 'MEMBER')
         OR NOT (private OR inc.private_record(incident, record_uuid)
                 OR inc.private_record(incident, about))));
ALTER TABLE inc.grants ENABLE ROW LEVEL SECURITY;
CREATE POLICY seen ON inc.grants FOR SELECT USING (inc.may_see(incident));

-- A UUID, or NULL for text that is not one.
CREATE FUNCTION inc.as_uuid(t text) RETURNS uuid
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN t ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                THEN t::uuid END
$$;

-- Adds changes, in order, each at most once (by its id): a retried push
-- gets the places of the first. Returns each change's incident number and
-- its place in the incident's log, or why it was refused (a change this
-- user may not make, or that is not well formed: refused alone, so that
-- the rest still go; a retry would be refused again).
CREATE FUNCTION inc.push(changes jsonb, hub text)
RETURNS TABLE (change_id uuid, number bigint, seq bigint, refused text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
    c jsonb;
    target uuid;
    rid text;
    inc_row inc.incidents;
    taken bigint;
    is_private boolean;
BEGIN
    IF NOT pg_has_role(session_user, 'inc_responders', 'MEMBER') THEN
        RAISE EXCEPTION 'inc: % may not write to this hub', session_user
            USING ERRCODE = '42501', HINT = 'ask its administrator to add you to inc_responders';
    END IF;
    -- A laptop pushes only to the hub it joined, not to another one at
    -- the same address.
    IF hub IS DISTINCT FROM (SELECT m.value FROM inc.meta m WHERE m.key = 'hub_id') THEN
        RAISE EXCEPTION 'inc: this is not the hub this laptop joined' USING ERRCODE = 'IHUB1';
    END IF;
    -- Every lock this call takes, first and in one order (the numbering
    -- lock, then the incidents by UUID), so that two pushes never wait on
    -- each other in a circle.
    -- (A malformed UUID is refused with its change, below, not here.)
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(changes) e
               WHERE NOT EXISTS (SELECT 1 FROM inc.incidents i
                                 WHERE i.uuid = inc.as_uuid(e.value->>'incident'))) THEN
        PERFORM 1 FROM inc.meta WHERE key = 'next_number' FOR UPDATE;
    END IF;
    PERFORM 1 FROM inc.incidents i
        WHERE i.uuid IN (SELECT inc.as_uuid(e.value->>'incident')
                         FROM jsonb_array_elements(changes) e)
        ORDER BY i.uuid FOR UPDATE;
    FOR c IN SELECT value FROM jsonb_array_elements(changes) LOOP
        change_id := NULL;
        number := NULL;
        seq := NULL;
        refused := NULL;
        BEGIN
            change_id := (c->>'id')::uuid;
            target := (c->>'incident')::uuid;
            SELECT * INTO inc_row FROM inc.incidents i WHERE i.uuid = target FOR UPDATE;
            IF NOT FOUND THEN
                UPDATE inc.meta SET value = (value::bigint + 1)::text
                    WHERE key = 'next_number' RETURNING value::bigint - 1 INTO taken;
                INSERT INTO inc.incidents (uuid, number, security, created_by)
                    VALUES (target, taken, coalesce((c->>'security')::boolean, false),
                            session_user);
                SELECT * INTO inc_row FROM inc.incidents i WHERE i.uuid = target FOR UPDATE;
            END IF;
            IF inc_row.security AND NOT (inc_row.created_by = session_user
                    OR pg_has_role(session_user, 'inc_security', 'MEMBER')
                    OR EXISTS (SELECT 1 FROM inc.grants g
                               WHERE g.incident = target AND g.grantee = session_user)) THEN
                RAISE EXCEPTION 'inc: % may not write to this restricted incident', session_user
                    USING ERRCODE = '42501';
            END IF;
            IF coalesce((c->>'security')::boolean, false) AND NOT inc_row.security THEN
                UPDATE inc.incidents SET security = true WHERE uuid = target;
                -- Whoever restricts an incident keeps it.
                IF NOT (inc_row.created_by = session_user
                        OR pg_has_role(session_user, 'inc_security', 'MEMBER')) THEN
                    INSERT INTO inc.grants (incident, grantee, granted_by)
                        VALUES (target, session_user, session_user) ON CONFLICT DO NOTHING;
                END IF;
            END IF;
            SELECT x.seq INTO taken FROM inc.changes x
                WHERE x.incident = target AND x.change_id = (c->>'id')::uuid;
            IF NOT FOUND THEN
                rid := (c->>'record')::json->>'uuid';
                -- Whether a note is private is read from the record, not
                -- taken from the laptop's word; and once any version of it
                -- was private, every later one is, and so is every entry
                -- about it (a correction carries its text), since the
                -- laptop that pushed this one may not have seen it made
                -- private.
                is_private := c->>'kind' = 'entry'
                    AND (coalesce(((c->>'record')::json->>'private')::boolean, false)
                         OR inc.private_record(target, rid)
                         OR inc.private_record(target, (c->>'record')::json->>'target'));
                UPDATE inc.incidents SET head = head + 1 WHERE uuid = target
                    RETURNING head INTO taken;
                INSERT INTO inc.changes (incident, seq, change_id, kind, format, private,
                                         record_uuid, about, record, pushed_by)
                    VALUES (target, taken, (c->>'id')::uuid, c->>'kind',
                            (c->>'format')::integer, is_private, rid,
                            (c->>'record')::json->>'target', c->>'record', session_user);
            END IF;
            number := inc_row.number;
            seq := taken;
        EXCEPTION
            WHEN insufficient_privilege OR data_exception
                OR integrity_constraint_violation OR program_limit_exceeded THEN
                refused := SQLERRM;
        END;
        RETURN NEXT;
    END LOOP;
    PERFORM pg_notify('inc_changes', '');
END
$$;

-- Lets one more login role see a restricted incident. Only someone who
-- may see it and write may grant it.
CREATE FUNCTION inc.grant_access(which bigint, grantee name) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    target uuid;
BEGIN
    SELECT i.uuid INTO target FROM inc.incidents i WHERE i.number = which;
    IF NOT FOUND OR NOT inc.may_see(target)
            OR NOT pg_has_role(session_user, 'inc_responders', 'MEMBER') THEN
        RAISE EXCEPTION 'inc: % may not grant incident #%', session_user, which
            USING ERRCODE = '42501';
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = grantee AND rolcanlogin) THEN
        RAISE EXCEPTION 'inc: there is no login role %', grantee USING ERRCODE = '42704';
    END IF;
    INSERT INTO inc.grants (incident, grantee, granted_by)
        VALUES (target, grantee, session_user) ON CONFLICT DO NOTHING;
    PERFORM pg_notify('inc_changes', '');
END
$$;

REVOKE ALL ON ALL TABLES IN SCHEMA inc FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA inc FROM PUBLIC;
GRANT USAGE ON SCHEMA inc TO inc_responders, inc_observers, inc_security;
GRANT SELECT ON inc.meta, inc.incidents, inc.changes, inc.grants
    TO inc_responders, inc_observers;
GRANT EXECUTE ON FUNCTION inc.may_see(uuid), inc.private_record(uuid, text)
    TO inc_responders, inc_observers;
GRANT EXECUTE ON FUNCTION inc.push(jsonb, text), inc.grant_access(bigint, name) TO inc_responders;
"];

/// The version a hub is at once every step has run.
pub fn current_version() -> i64 {
    i64::try_from(STEPS.len()).expect("a few steps")
}

/// The SQL that takes a hub from `from` to the current version, in one
/// transaction, for an administrator to read or run with `psql`.
pub fn sql_from(from: i64) -> String {
    let mut text = String::from(
        "-- inc hub schema: run as the role that will own it (not a superuser is best).\n\
         -- It creates the group roles inc_responders, inc_observers and inc_security\n\
         -- when missing, which needs CREATEROLE.\nBEGIN;\n",
    );
    for (i, step) in STEPS
        .iter()
        .enumerate()
        .skip(usize::try_from(from).unwrap_or(0))
    {
        text.push_str(&format!("\n-- version {}\n", i + 1));
        text.push_str(step.trim());
        text.push('\n');
    }
    if from == 0 {
        text.push_str("\nINSERT INTO inc.meta (key, value) VALUES ('version', '0');\n");
    }
    text.push_str(&format!(
        "UPDATE inc.meta SET value = '{}' WHERE key = 'version';\nCOMMIT;\n",
        current_version()
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sql_sets_the_version_it_brings_the_hub_to() {
        let text = sql_from(0);
        assert!(text.starts_with("-- inc hub schema"));
        assert!(text.contains("CREATE SCHEMA inc;"));
        assert!(text.trim_end().ends_with("COMMIT;"));
        assert!(text.contains(&format!("value = '{}'", current_version())));
        assert!(!sql_from(current_version()).contains("CREATE SCHEMA"));
    }
}
