-- Daily token quotas set by administrators: per app role (over ATRIUM_AI_DAILY_TOKEN_QUOTAS, the default) and per
-- employee for a while (an override that ends by itself). Who set each and when; the admin-action log has the history.

CREATE TABLE ai_role_quota (
    role          text        PRIMARY KEY,
    daily_tokens  bigint      NOT NULL CHECK (daily_tokens >= 0),
    set_by        text        NOT NULL,
    set_at        timestamptz NOT NULL
);

CREATE TABLE ai_user_quota (
    tenant_id     text        NOT NULL,
    object_id     text        NOT NULL,
    daily_tokens  bigint      NOT NULL CHECK (daily_tokens >= 0),
    expires_at    timestamptz NOT NULL,
    set_by        text        NOT NULL,
    set_at        timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, object_id)
);

-- A call holds its place in the ledger from the quota check on ('reserved', with its prompt's estimated tokens), so
-- that parallel calls see each other; the row takes the call's real outcome when it ends. 'sign_in_required' (Entra's
-- claims challenge, since V1) was missing from the list: such calls went unrecorded.
ALTER TABLE ai_usage DROP CONSTRAINT ai_usage_outcome_check;
ALTER TABLE ai_usage ADD CONSTRAINT ai_usage_outcome_check CHECK (outcome IN ('reserved', 'answered', 'cancelled',
    'unauthorized', 'rate_limited', 'deployment_not_found', 'content_filtered', 'bad_request', 'upstream_error',
    'timeout', 'sign_in_required', 'quota_exhausted'));
