-- The inbox: snoozing, and the views each user saves.

-- A snoozed conversation is Waiting and wakes (Open) at this time; a customer's message or a
-- status change ends the snooze first.
ALTER TABLE conversations ADD COLUMN snoozed_until INTEGER;

-- A user's saved views: a name and the list's filters and order, as the list's query string.
CREATE TABLE saved_views (
    id          TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    query       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX saved_views_name ON saved_views (user_id, name COLLATE NOCASE);
CREATE INDEX saved_views_position ON saved_views (user_id, position);

-- The priority order reads conversations by this key (the store's PRIORITY_KEY, the same
-- expression), so a page is read from the index, not sorted.
CREATE INDEX conversations_priority_order ON conversations (
    ((CASE priority WHEN 'Urgent' THEN 3 WHEN 'High' THEN 2 WHEN 'Normal' THEN 1 ELSE 0 END) * 10000000000000 + updated_at),
    id
);

-- The SLA-due order reads conversations by their next deadline.
CREATE INDEX conversation_sla_next_due ON conversation_sla (next_due);

-- Leaving Waiting ends a snooze, whichever path changed the status.
CREATE TRIGGER conversation_snooze_ends AFTER UPDATE OF status ON conversations
WHEN NEW.status != 'Waiting' AND NEW.snoozed_until IS NOT NULL
BEGIN
    UPDATE conversations SET snoozed_until = NULL WHERE id = NEW.id;
END;
