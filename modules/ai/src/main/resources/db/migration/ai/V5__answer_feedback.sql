-- Issue 15: employees rate the assistant's answers (good or bad, with a comment if they like) for administrators.
-- A rating holds only what administrators may read: who, when, which deployment answered, the rating and the
-- comment, never the conversation. It outlives its answer (regenerated, edited away, the conversation deleted):
-- message_id becomes null then.

-- Which deployment wrote an answer (null for questions, and for answers saved before V5).
ALTER TABLE ai_message ADD COLUMN deployment text;

CREATE TABLE ai_answer_feedback (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id  bigint      UNIQUE REFERENCES ai_message (id) ON DELETE SET NULL,
    tenant_id   text        NOT NULL,
    object_id   text        NOT NULL,
    deployment  text,
    rating      text        NOT NULL CHECK (rating IN ('good', 'bad')),
    comment     text        CHECK (char_length(comment) BETWEEN 1 AND 1000),
    rated_at    timestamptz NOT NULL
);

CREATE INDEX ai_answer_feedback_recent ON ai_answer_feedback (rated_at DESC);
