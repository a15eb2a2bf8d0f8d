-- The core of Switchboard: users and their API tokens, end users, queues, tags, conversations,
-- messages, notes, conversation tags, the activity log and persistent timers.
-- Times are Unix milliseconds (UTC); ids of people and things are UUID text; conversations are int64.

CREATE TABLE users (
    id           TEXT PRIMARY KEY NOT NULL,
    user_type    TEXT NOT NULL CHECK (user_type IN ('Agent', 'Admin', 'Bot')),
    display_name TEXT NOT NULL,
    email        TEXT,
    phone_number TEXT,
    first_name   TEXT,
    last_name    TEXT,
    roles        TEXT NOT NULL DEFAULT '',
    enabled      INTEGER NOT NULL DEFAULT 1,
    created_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email COLLATE NOCASE) WHERE email IS NOT NULL;

CREATE TABLE api_tokens (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    label       TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE end_users (
    id           TEXT PRIMARY KEY NOT NULL,
    display_name TEXT,
    first_name   TEXT,
    last_name    TEXT,
    email        TEXT,
    phone_number TEXT,
    external_id  TEXT,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX end_users_email ON end_users (email COLLATE NOCASE);
CREATE INDEX end_users_phone ON end_users (phone_number);
CREATE UNIQUE INDEX end_users_external_id ON end_users (external_id) WHERE external_id IS NOT NULL;

CREATE TABLE queues (
    id                       TEXT PRIMARY KEY NOT NULL,
    name                     TEXT NOT NULL,
    is_default               INTEGER NOT NULL DEFAULT 0,
    auto_assignment          INTEGER NOT NULL DEFAULT 1,
    notify_new_conversation  INTEGER NOT NULL DEFAULT 1,
    notify_new_message       INTEGER NOT NULL DEFAULT 1,
    notify_desktop           INTEGER NOT NULL DEFAULT 1,
    notify_sound             INTEGER NOT NULL DEFAULT 1,
    created_at               INTEGER NOT NULL
);
-- At most one Default queue.
CREATE UNIQUE INDEX queues_one_default ON queues (is_default) WHERE is_default = 1;

CREATE TABLE queue_members (
    queue_id  TEXT NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at  INTEGER NOT NULL,
    PRIMARY KEY (queue_id, user_id)
) WITHOUT ROWID;

CREATE TABLE tags (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    color       TEXT,
    state       TEXT NOT NULL CHECK (state IN ('Active', 'Inactive')),
    created_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX tags_name ON tags (name COLLATE NOCASE);

CREATE TABLE conversations (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    channel             TEXT NOT NULL,
    direction           TEXT NOT NULL CHECK (direction IN ('Inbound', 'Outbound')),
    status              TEXT NOT NULL CHECK (status IN ('Open', 'Waiting', 'Solved', 'Closed')),
    status_updated_at   INTEGER NOT NULL,
    priority            TEXT NOT NULL CHECK (priority IN ('Low', 'Normal', 'High', 'Urgent')),
    topic               TEXT,
    summary             TEXT,
    subject             TEXT,
    language            TEXT,
    queue_id            TEXT REFERENCES queues (id),
    queued_at           INTEGER,
    agent_id            TEXT REFERENCES users (id),
    assigned_at         INTEGER,
    requester_id        TEXT NOT NULL REFERENCES end_users (id),
    integration_email   TEXT,
    contact_endpoint_id TEXT,
    metadata            TEXT NOT NULL DEFAULT '{}',
    -- Plain-text start of the latest message, for inbox rows.
    preview             TEXT,
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL
);
CREATE INDEX conversations_activity ON conversations (updated_at DESC, id DESC);
CREATE INDEX conversations_queue ON conversations (queue_id, status);
CREATE INDEX conversations_agent ON conversations (agent_id, status);
CREATE INDEX conversations_requester ON conversations (requester_id);

CREATE TABLE messages (
    id               TEXT PRIMARY KEY NOT NULL,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    direction        TEXT NOT NULL CHECK (direction IN ('Inbound', 'Outbound')),
    author_id        TEXT NOT NULL,
    content_type     TEXT NOT NULL CHECK (content_type IN ('Text', 'Html')),
    content          TEXT NOT NULL,
    attachments      TEXT NOT NULL DEFAULT '[]',
    external_id      TEXT,
    created_at       INTEGER NOT NULL,
    UNIQUE (conversation_id, seq)
);
CREATE UNIQUE INDEX messages_external_id ON messages (conversation_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE notes (
    id               TEXT PRIMARY KEY NOT NULL,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    author_id        TEXT NOT NULL REFERENCES users (id),
    message          TEXT NOT NULL,
    created_at       INTEGER NOT NULL
);
CREATE INDEX notes_conversation ON notes (conversation_id, created_at, seq);

CREATE TABLE conversation_tags (
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    tag_id           TEXT NOT NULL REFERENCES tags (id),
    tagged_at        INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, tag_id)
) WITHOUT ROWID;

CREATE TABLE activity_log (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT NOT NULL UNIQUE,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    kind             TEXT NOT NULL,
    author_id        TEXT,
    at               INTEGER NOT NULL,
    detail           TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX activity_log_conversation ON activity_log (conversation_id, seq);
CREATE INDEX activity_log_at ON activity_log (at, seq);

-- Work that must happen when the clock reaches `due_at`; fired in (due_at, id) order, exactly once.
CREATE TABLE timers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL,
    conversation_id  INTEGER REFERENCES conversations (id) ON DELETE CASCADE,
    due_at           INTEGER NOT NULL,
    payload          TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX timers_due ON timers (due_at, id);
