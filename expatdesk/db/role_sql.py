"""The SQL of the functions ExpatDesk installs in a PostgreSQL schema (:mod:`expatdesk.db.roles`).

Their text, with ``{schema}`` and the other fields filled in by :mod:`.roles` when it (re)creates
them: the trigger function that writes who added an audit entry, the ``SECURITY DEFINER``
functions through which administrators manage their staff's logins, and
:data:`SCRUB_FUNCTION`, through which an erasure removes values from the trail.
"""

from __future__ import annotations

AUDIT_FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.expatdesk_audit_who() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    owner oid;
    prefix text := current_database() || '/';
    who text := current_user;
BEGIN
    SELECT relowner INTO owner FROM pg_catalog.pg_class WHERE oid = TG_RELID;
    IF NOT pg_catalog.pg_has_role(current_user, owner, 'USAGE') THEN
        IF left(who, length(prefix)) = prefix THEN
            who := substr(who, length(prefix) + 1);
        END IF;
        NEW.username := who;
        EXECUTE 'SELECT id FROM ' || quote_ident(TG_TABLE_SCHEMA) || '.staff_user'
            ' WHERE username = $1' INTO NEW.staff_user_id USING who;
        NEW.at := timezone('UTC', clock_timestamp());
    END IF;
    RETURN NEW;
END
$$
"""

#: The functions through which administrators manage the logins of their database's staff
#: (``SECURITY DEFINER``: they run as the owner, who has ``CREATEROLE``; staff have none).
LOGIN_FUNCTIONS = {
    "create": "expatdesk_create_login(text, text, text)",
    "group": "expatdesk_set_login_group(text, text)",
    "login": "expatdesk_set_login_allowed(text, boolean)",
    "password": "expatdesk_set_login_password(text, text)",
}
#: Checks a username and returns the name of its login; ``existing``: it must be a login of this
#: database's staff (directly in one of its groups, no server-level power, not the owner).
STAFF_LOGIN_FUNCTION = "expatdesk_staff_login(text, boolean)"
LOGIN_FUNCTIONS_SQL = """
CREATE OR REPLACE FUNCTION {schema}.expatdesk_staff_login(username text, existing boolean)
RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    login text;
    target pg_roles%ROWTYPE;
BEGIN
    IF username IS NULL OR username !~ '^[a-z][a-z0-9._-]{{1,62}}$' THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'not a staff username: ' || coalesce(quote_literal(username), 'NULL');
    END IF;
    login := current_database() || '/' || username;
    IF octet_length(login) > 63 THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'the login ' || quote_ident(login) || ' is longer than 63 bytes';
    END IF;
    SELECT * INTO target FROM pg_roles WHERE rolname = login;
    IF NOT existing THEN
        IF target.oid IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = '42710',
                MESSAGE = 'the role ' || quote_ident(login) || ' exists already';
        END IF;
        RETURN login;
    END IF;
    IF target.oid IS NULL OR target.rolsuper OR target.rolcreaterole OR target.rolcreatedb
            OR target.rolreplication OR target.rolbypassrls
            OR pg_has_role(target.oid, current_user, 'MEMBER')
            OR NOT EXISTS (
                SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                WHERE m.member = target.oid AND g.rolname IN ({groups})) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = quote_ident(login) || ' is no staff login of this database';
    END IF;
    RETURN login;
END
$$;

CREATE OR REPLACE FUNCTION {schema}.expatdesk_group_of(staff_role text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF staff_role IS NULL OR staff_role NOT IN ({roles}) THEN
        RAISE EXCEPTION USING ERRCODE = '42501',
            MESSAGE = 'not an ExpatDesk role: ' || coalesce(quote_literal(staff_role), 'NULL');
    END IF;
    RETURN current_database() || ':' || staff_role;
END
$$;

CREATE OR REPLACE FUNCTION {schema}.expatdesk_scram(verifier text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF verifier IS NULL OR verifier !~ {scram} THEN
        RAISE EXCEPTION USING ERRCODE = '22023',
            MESSAGE = 'a password must be given as a SCRAM-SHA-256 verifier';
    END IF;
    RETURN verifier;
END
$$;

CREATE OR REPLACE FUNCTION {schema}.expatdesk_create_login(
    username text, staff_role text, verifier text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    login text := {schema}.expatdesk_staff_login(username, false);
    grp text := {schema}.expatdesk_group_of(staff_role);
BEGIN
    EXECUTE format('CREATE ROLE %I LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE'
        ' NOREPLICATION NOBYPASSRLS PASSWORD %L', login, {schema}.expatdesk_scram(verifier));
    EXECUTE format('GRANT %I TO %I', grp, login);
END
$$;

CREATE OR REPLACE FUNCTION {schema}.expatdesk_set_login_group(username text, staff_role text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    login text := {schema}.expatdesk_staff_login(username, true);
    grp text := {schema}.expatdesk_group_of(staff_role);
    other text;
BEGIN
    FOREACH other IN ARRAY ARRAY[{groups}] LOOP
        IF other <> grp AND EXISTS (
                SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                JOIN pg_roles u ON u.oid = m.member
                WHERE g.rolname = other AND u.rolname = login) THEN
            EXECUTE format('REVOKE %I FROM %I', other, login);
        END IF;
    END LOOP;
    IF NOT EXISTS (
            SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
            JOIN pg_roles u ON u.oid = m.member
            WHERE g.rolname = grp AND u.rolname = login) THEN
        EXECUTE format('GRANT %I TO %I', grp, login);
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION {schema}.expatdesk_set_login_allowed(username text, allowed boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    login text := {schema}.expatdesk_staff_login(username, true);
BEGIN
    IF allowed IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = '22004', MESSAGE = 'allowed must be true or false';
    END IF;
    EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN allowed THEN 'LOGIN' ELSE 'NOLOGIN' END);
END
$$;

CREATE OR REPLACE FUNCTION {schema}.expatdesk_set_login_password(username text, verifier text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    login text := {schema}.expatdesk_staff_login(username, true);
BEGIN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, {schema}.expatdesk_scram(verifier));
END
$$;
"""
#: What a SCRAM-SHA-256 verifier looks like (``SCRAM-SHA-256$<iterations>:<salt>$<key>:<key>``).
SCRAM_PATTERN = r"^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$"
HELPER_FUNCTIONS = (
    STAFF_LOGIN_FUNCTION,
    "expatdesk_group_of(text)",
    "expatdesk_scram(text)",
)


#: The function through which administrators erase values from audit entries.
SCRUB_FUNCTION = "expatdesk_scrub_audit"
SCRUB_SIGNATURE = f"{SCRUB_FUNCTION}(integer[], text[])"
SCRUB = """
CREATE OR REPLACE FUNCTION {schema}.expatdesk_scrub_audit(entry_ids integer[], new_changes text[])
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    position integer;
    old_json jsonb;
    new_json jsonb;
    total integer := coalesce(array_length(entry_ids, 1), 0);
BEGIN
    IF total <> coalesce(array_length(new_changes, 1), 0) THEN
        RAISE EXCEPTION 'entry_ids and new_changes differ in length';
    END IF;
    FOR position IN 1 .. total LOOP
        SELECT changes::jsonb INTO old_json FROM {schema}.audit_entry
            WHERE id = entry_ids[position] FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION USING MESSAGE = 'no audit entry ' || entry_ids[position];
        END IF;
        new_json := new_changes[position]::jsonb;
        IF new_json IS NOT NULL AND (
            old_json IS NULL OR jsonb_typeof(new_json) <> 'object' OR EXISTS (
                SELECT 1 FROM jsonb_each(new_json) AS n(key, value)
                WHERE NOT old_json ? n.key
                   OR (old_json -> n.key IS DISTINCT FROM n.value AND (
                       jsonb_typeof(n.value) <> 'array' OR EXISTS (
                           SELECT 1 FROM jsonb_array_elements(n.value) AS e(v)
                           WHERE e.v <> 'null'::jsonb AND e.v <> '"(erased)"'::jsonb))))
        ) THEN
            RAISE EXCEPTION USING ERRCODE = '42501',
                MESSAGE = 'audit entry ' || entry_ids[position] || ' may only lose values';
        END IF;
        UPDATE {schema}.audit_entry SET changes = new_changes[position]
            WHERE id = entry_ids[position];
    END LOOP;
    RETURN total;
END
$$
"""
