-- Users as Entra knows them, keyed by tenant and object id (oid), and every sign-in. No token is ever stored.

CREATE TABLE app_user (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    tenant_id        text        NOT NULL,
    object_id        text        NOT NULL,
    username         text        NOT NULL,
    display_name     text        NOT NULL,
    email            text,
    status           text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    first_seen_at    timestamptz NOT NULL,
    last_seen_at     timestamptz NOT NULL,
    last_sign_in_at  timestamptz NOT NULL,
    CONSTRAINT app_user_entra_identity UNIQUE (tenant_id, object_id)
);

CREATE TABLE login_event (
    id                uuid        PRIMARY KEY,
    user_id           uuid        NOT NULL REFERENCES app_user (id),
    occurred_at       timestamptz NOT NULL,
    outcome           text        NOT NULL CHECK (outcome IN ('success', 'failure')),
    client_address    text,
    user_agent        text,
    entra_session_id  text
);

CREATE INDEX login_event_user_time ON login_event (user_id, occurred_at DESC);
CREATE INDEX login_event_time ON login_event (occurred_at);
