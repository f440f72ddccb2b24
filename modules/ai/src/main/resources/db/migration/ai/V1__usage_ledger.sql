-- Every call Atrium makes to Azure OpenAI, and every call the daily quota refused, recorded after the call ended.
-- Who (Entra tenant and object id), which deployment, how it ended, tokens, latency, content-filter findings.
-- Never what was said, never a token or key.

CREATE TABLE ai_usage (
    id                 bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id          text        NOT NULL,
    object_id          text        NOT NULL,
    deployment         text        NOT NULL,
    occurred_at        timestamptz NOT NULL,
    usage_day          date        NOT NULL,
    streamed           boolean     NOT NULL,
    outcome            text        NOT NULL CHECK (outcome IN ('answered', 'cancelled', 'unauthorized',
                                       'rate_limited', 'deployment_not_found', 'content_filtered', 'bad_request',
                                       'upstream_error', 'timeout', 'quota_exhausted')),
    finish_reason      text,
    prompt_tokens      integer     NOT NULL CHECK (prompt_tokens >= 0),
    completion_tokens  integer     NOT NULL CHECK (completion_tokens >= 0),
    latency_ms         bigint      NOT NULL CHECK (latency_ms >= 0),
    upstream_status    integer,
    filter_findings    text        NOT NULL DEFAULT ''
);

-- The quota check before each call, and one employee's usage page.
CREATE INDEX ai_usage_caller_day ON ai_usage (tenant_id, object_id, usage_day);
-- Usage per day and top users over a date range.
CREATE INDEX ai_usage_day ON ai_usage (usage_day);
