-- Short IDs, linked conversations, contact endpoints and flows, custom attributes, ratings.

-- A short, increasing number per installation, shown to agents and customers.
ALTER TABLE conversations ADD COLUMN short_id INTEGER;
UPDATE conversations SET short_id = id;
CREATE UNIQUE INDEX conversations_short_id ON conversations (short_id);

-- A side conversation or follow-up points at the conversation it came from.
ALTER TABLE conversations ADD COLUMN parent_id INTEGER REFERENCES conversations (id);
ALTER TABLE conversations ADD COLUMN link_type TEXT CHECK (link_type IN ('SideConversation', 'FollowUp'));
CREATE INDEX conversations_parent ON conversations (parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX conversations_created ON conversations (created_at, id);

CREATE TABLE counters (
    name   TEXT PRIMARY KEY NOT NULL,
    value  INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counters (name, value) SELECT 'short_id', COALESCE(MAX(id), 0) FROM conversations;

-- Where customers reach the contact center: email addresses, phone numbers, chat widgets.
CREATE TABLE contact_endpoints (
    id          TEXT PRIMARY KEY NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('Email', 'Phone', 'Widget')),
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);

-- The entry point of a channel on a contact endpoint.
CREATE TABLE flows (
    id                   TEXT PRIMARY KEY NOT NULL,
    name                 TEXT NOT NULL,
    channel              TEXT NOT NULL,
    contact_endpoint_id  TEXT NOT NULL REFERENCES contact_endpoints (id) ON DELETE CASCADE,
    created_at           INTEGER NOT NULL
);
CREATE INDEX flows_channel ON flows (channel, created_at);

CREATE TABLE custom_attributes (
    id          TEXT PRIMARY KEY NOT NULL,
    entity      TEXT NOT NULL CHECK (entity IN ('Conversation', 'Contact')),
    identifier  TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('Text', 'Select')),
    options     TEXT NOT NULL DEFAULT '[]',
    multiple    INTEGER NOT NULL DEFAULT 0,
    archived    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    UNIQUE (entity, identifier)
);

-- Values: a JSON string for Text, a JSON array of strings for Select.
CREATE TABLE custom_attribute_values (
    attribute_id  TEXT NOT NULL REFERENCES custom_attributes (id) ON DELETE CASCADE,
    entity_id     TEXT NOT NULL,
    value         TEXT NOT NULL,
    PRIMARY KEY (attribute_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX custom_attribute_values_entity ON custom_attribute_values (entity_id);

CREATE TABLE ratings (
    id               TEXT PRIMARY KEY NOT NULL,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    user_id          TEXT NOT NULL,
    agent_id         TEXT NOT NULL,
    rating_type      TEXT NOT NULL CHECK (rating_type IN ('Csat', 'ThumbsUpOrDown')),
    status           TEXT NOT NULL CHECK (status IN ('Offered', 'Rated')),
    score            INTEGER,
    comment          TEXT,
    offered_at       INTEGER NOT NULL,
    submitted_at     INTEGER
);
CREATE INDEX ratings_conversation ON ratings (conversation_id, offered_at);
