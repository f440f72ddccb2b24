-- Issue 5: user standing, identities, sign-in failures, role grants and the tamper-evident admin-action log.
-- Still no token or secret anywhere.

-- Trigram indexes make "name or e-mail contains ..." filters use an index on 100 000 users. pg_trgm is a trusted
-- extension (PostgreSQL 13+): the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE app_user
    ADD COLUMN status_reason     text,
    ADD COLUMN status_changed_by text,
    ADD COLUMN status_changed_at timestamptz;

CREATE INDEX app_user_display_name ON app_user (lower(display_name), id);
CREATE INDEX app_user_username ON app_user (lower(username), id);
CREATE INDEX app_user_email ON app_user (lower(email), id);
CREATE INDEX app_user_last_sign_in ON app_user (last_sign_in_at, id);
-- Disabled users are few: their own small index, in the list's default order.
CREATE INDEX app_user_disabled ON app_user (lower(display_name), id) WHERE status = 'disabled';
CREATE INDEX app_user_name_search ON app_user USING gin (lower(display_name || ' ' || username) gin_trgm_ops);
CREATE INDEX app_user_email_search ON app_user USING gin (lower(email) gin_trgm_ops);

-- How a user proves who they are: today Entra ID's (issuer, subject). The subject of an Entra ID token is pairwise
-- per application, so it is kept beside the oid that keys the user.
CREATE TABLE user_identity (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL REFERENCES app_user (id),
    provider       text        NOT NULL,
    issuer         text        NOT NULL,
    subject        text        NOT NULL,
    first_used_at  timestamptz NOT NULL,
    last_used_at   timestamptz NOT NULL,
    CONSTRAINT user_identity_issuer_subject UNIQUE (issuer, subject)
);
CREATE INDEX user_identity_user ON user_identity (user_id);

-- Failed sign-ins have no user when Entra refused before saying who it was: the attempted identity is kept as given.
ALTER TABLE login_event
    ALTER COLUMN user_id DROP NOT NULL,
    ADD COLUMN attempted_tenant_id text,
    ADD COLUMN attempted_object_id text,
    ADD COLUMN attempted_username  text,
    ADD COLUMN failure_reason      text,
    ADD COLUMN entra_error_code    text,
    ADD CONSTRAINT login_event_success_has_user CHECK (outcome = 'failure' OR user_id IS NOT NULL),
    ADD CONSTRAINT login_event_failure_has_reason CHECK (outcome = 'success' OR failure_reason IS NOT NULL);
CREATE INDEX login_event_failures ON login_event (occurred_at) WHERE outcome = 'failure';

-- Roles: what Entra said at the last sign-in (app roles, mapped groups) and what Atrium's admins granted (local).
-- A grant is never deleted by an admin, only revoked; Entra's rows follow the latest sign-in.
CREATE TABLE role_grant (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL REFERENCES app_user (id),
    role           text        NOT NULL,
    source         text        NOT NULL CHECK (source IN ('entra-app-role', 'entra-group', 'local')),
    granted_by     text        NOT NULL,
    granted_at     timestamptz NOT NULL,
    expires_at     timestamptz,
    reason         text,
    revoked_by     text,
    revoked_at     timestamptz,
    revoke_reason  text,
    CONSTRAINT role_grant_local_has_reason CHECK (source <> 'local' OR reason IS NOT NULL),
    CONSTRAINT role_grant_revoked_has_actor CHECK (revoked_at IS NULL OR revoked_by IS NOT NULL)
);
CREATE UNIQUE INDEX role_grant_one_current ON role_grant (user_id, role, source) WHERE revoked_at IS NULL;
CREATE INDEX role_grant_by_role ON role_grant (role, user_id) WHERE revoked_at IS NULL;

-- Every administrator's action, append-only and chained: each row's hash covers its content and the previous row's
-- hash, so changing or removing a row breaks every later link (AdminActionChain verifies it).
CREATE TABLE admin_action (
    seq             bigint      PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    actor           text        NOT NULL,
    action          text        NOT NULL,
    target_user_id  uuid,
    target          text,
    before_state    text,
    after_state     text,
    reason          text,
    previous_hash   text        NOT NULL,
    hash            text        NOT NULL
);
CREATE INDEX admin_action_time ON admin_action (occurred_at);
CREATE INDEX admin_action_target ON admin_action (target_user_id, seq);
CREATE INDEX admin_action_actor ON admin_action (actor, seq);

-- The application never updates or deletes an action; the trigger makes a mistake in code fail loudly. Someone with
-- the owner's rights can still drop it: the hash chain is what makes such tampering visible.
CREATE FUNCTION admin_action_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_action is append-only';
END;
$$;
CREATE TRIGGER admin_action_no_update_or_delete BEFORE UPDATE OR DELETE ON admin_action
    FOR EACH ROW EXECUTE FUNCTION admin_action_is_append_only();
CREATE TRIGGER admin_action_no_truncate BEFORE TRUNCATE ON admin_action
    FOR EACH STATEMENT EXECUTE FUNCTION admin_action_is_append_only();
