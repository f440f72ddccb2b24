-- Employees' conversations with the assistant, private to their owner (Entra tenant and object id): every query
-- names the owner, so nobody else, administrators included, reads them through Atrium.

CREATE TABLE ai_conversation (
    id          uuid        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    object_id   text        NOT NULL,
    title       text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

CREATE INDEX ai_conversation_owner ON ai_conversation (tenant_id, object_id, updated_at DESC);

CREATE TABLE ai_message (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    conversation_id  uuid        NOT NULL REFERENCES ai_conversation (id) ON DELETE CASCADE,
    position         integer     NOT NULL CHECK (position >= 0),
    role             text        NOT NULL CHECK (role IN ('user', 'assistant')),
    content          text        NOT NULL,
    created_at       timestamptz NOT NULL,
    CONSTRAINT ai_message_order UNIQUE (conversation_id, position)
);
