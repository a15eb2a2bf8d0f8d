-- Full-text search over subjects, messages and notes; anonymization marks.

-- What each indexed text belongs to. The index itself keeps no copy of the text (contentless);
-- an entry is deleted by handing the index the text it was made from, and with secure-delete
-- on, its words are removed from the index pages at once.
CREATE TABLE search_items (
    rowid            INTEGER PRIMARY KEY,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL CHECK (kind IN ('subject', 'message', 'note')),
    item_id          TEXT NOT NULL
);
CREATE INDEX search_items_conversation ON search_items (conversation_id);
CREATE UNIQUE INDEX search_items_item ON search_items (kind, item_id);

CREATE VIRTUAL TABLE search_index USING fts5(
    text,
    content = '',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Deleted entries are removed from the index's pages at once, not left for a later merge.
INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1);

ALTER TABLE conversations ADD COLUMN anonymized_at INTEGER;
ALTER TABLE messages ADD COLUMN anonymized_at INTEGER;
ALTER TABLE end_users ADD COLUMN anonymized_at INTEGER;
