-- Issue 15: employees pin conversations (listed first) and search their own by title and text.

ALTER TABLE ai_conversation ADD COLUMN pinned boolean NOT NULL DEFAULT false;

DROP INDEX ai_conversation_owner;
CREATE INDEX ai_conversation_owner ON ai_conversation (tenant_id, object_id, pinned DESC, updated_at DESC, id);

-- "Title or text contains ..." as lower(...) LIKE '%...%', which trigram indexes serve. pg_trgm is a trusted
-- extension (PostgreSQL 13+): the database owner may create it (user-audit's migrations create it too).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ai_conversation_title_search ON ai_conversation USING gin (lower(title) gin_trgm_ops);
CREATE INDEX ai_message_content_search ON ai_message USING gin (lower(content) gin_trgm_ops);
