-- Agent statuses, capacity and automatic assignment.

-- The statuses agents choose from: the default ones (seeded below, `system_key` set) and custom
-- ones supervisors add. Each belongs to one of the four groups.
CREATE TABLE agent_statuses (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    status_group TEXT NOT NULL CHECK (status_group IN ('Available', 'Busy', 'Away', 'Unavailable')),
    system_key  TEXT UNIQUE,
    archived    INTEGER NOT NULL DEFAULT 0,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX agent_statuses_name ON agent_statuses (name COLLATE NOCASE) WHERE archived = 0;

INSERT INTO agent_statuses (id, name, status_group, system_key, position, created_at) VALUES
    ('00000000-0000-4000-8000-000000000001', 'Available', 'Available', 'available', 0, 0),
    ('00000000-0000-4000-8000-000000000002', 'Busy', 'Busy', 'busy', 1, 0),
    ('00000000-0000-4000-8000-000000000003', 'Away', 'Away', 'away', 2, 0),
    ('00000000-0000-4000-8000-000000000004', 'Offline', 'Unavailable', 'offline', 3, 0),
    ('00000000-0000-4000-8000-000000000005', 'Full Capacity', 'Busy', 'full_capacity', 4, 0);

-- The status an agent chose, since when, whether they are at Full Capacity, their own capacity
-- per channel group (NULL: the installation default) and their latest assignment.
ALTER TABLE users ADD COLUMN status_id TEXT NOT NULL DEFAULT '00000000-0000-4000-8000-000000000004'
    REFERENCES agent_statuses (id);
ALTER TABLE users ADD COLUMN status_since INTEGER;
ALTER TABLE users ADD COLUMN full_capacity INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN capacity_email INTEGER;
ALTER TABLE users ADD COLUMN capacity_live_messaging INTEGER;
ALTER TABLE users ADD COLUMN capacity_live_chat INTEGER;
ALTER TABLE users ADD COLUMN last_assigned_at INTEGER;

-- Every status an agent was in, from `started_at` until the next row's (utilization reports).
CREATE TABLE agent_status_log (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status_id    TEXT NOT NULL REFERENCES agent_statuses (id),
    status_group TEXT NOT NULL,
    started_at   INTEGER NOT NULL
);
CREATE INDEX agent_status_log_user ON agent_status_log (user_id, started_at);
CREATE INDEX agent_status_log_at ON agent_status_log (started_at);

-- Installation-wide settings, one JSON value per key.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
) WITHOUT ROWID;

-- Queue assignment mode: any available agent, or the agent who last interacted with the
-- customer within a window. Deleted queues stay for the conversations that passed through them.
ALTER TABLE queues ADD COLUMN assignment_mode TEXT NOT NULL DEFAULT 'AnyAvailable'
    CHECK (assignment_mode IN ('AnyAvailable', 'LastInteracted'));
ALTER TABLE queues ADD COLUMN sticky_window TEXT NOT NULL DEFAULT 'Days30'
    CHECK (sticky_window IN ('Days30', 'Days60', 'Year', 'Ever'));
ALTER TABLE queues ADD COLUMN deleted_at INTEGER;

-- The senders (email addresses, numbers, widget ids) a queue may use; one is the default.
CREATE TABLE queue_senders (
    queue_id    TEXT NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
    sender      TEXT NOT NULL COLLATE NOCASE,
    is_default  INTEGER NOT NULL DEFAULT 0,
    position    INTEGER NOT NULL,
    PRIMARY KEY (queue_id, sender)
) WITHOUT ROWID;
CREATE INDEX queue_senders_sender ON queue_senders (sender);

-- Every agent ever assigned to a conversation (automatic assignment never offers it to them
-- again) and when, for the sticky agent.
CREATE TABLE conversation_assignees (
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    agent_id         TEXT NOT NULL REFERENCES users (id),
    requester_id     TEXT NOT NULL,
    assigned_at      INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, agent_id)
) WITHOUT ROWID;
CREATE INDEX conversation_assignees_requester ON conversation_assignees (requester_id, assigned_at);

INSERT OR IGNORE INTO conversation_assignees (conversation_id, agent_id, requester_id, assigned_at)
    SELECT id, agent_id, requester_id, COALESCE(assigned_at, created_at) FROM conversations
    WHERE agent_id IS NOT NULL;

-- Unassigned conversations of a queue in bulk-assignment order: most urgent, then oldest.
CREATE INDEX conversations_waiting ON conversations (
    queue_id,
    (CASE priority WHEN 'Urgent' THEN 0 WHEN 'High' THEN 1 WHEN 'Normal' THEN 2 ELSE 3 END),
    created_at,
    id
) WHERE agent_id IS NULL AND status != 'Closed';
