-- Agents named in notes: who was mentioned where (the Mentions view and its alerts).
CREATE TABLE note_mentions (
    note_id          TEXT NOT NULL,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    agent_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (note_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX note_mentions_agent ON note_mentions (agent_id, conversation_id);
CREATE INDEX note_mentions_conversation ON note_mentions (conversation_id);
