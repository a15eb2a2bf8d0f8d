-- Service-level agreements.

-- Policies in list order (the first that applies wins); `spec` holds the conditions, queues,
-- validity, the automated-messages switch and the severities (JSON, the API's shape).
CREATE TABLE sla_policies (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    enabled     INTEGER NOT NULL DEFAULT 1,
    position    INTEGER NOT NULL,
    spec        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX sla_policies_name ON sla_policies (name COLLATE NOCASE);
CREATE INDEX sla_policies_position ON sla_policies (position);

-- Every status a conversation had and since when (the SLA pauses while Solved and stops while
-- Closed). Triggers keep it, so no path that changes a status can forget to.
CREATE TABLE conversation_status_log (
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    status           TEXT NOT NULL,
    at               INTEGER NOT NULL
);
CREATE INDEX conversation_status_log_conversation ON conversation_status_log (conversation_id, at);
INSERT INTO conversation_status_log (conversation_id, status, at) SELECT id, 'Open', created_at FROM conversations;
INSERT INTO conversation_status_log (conversation_id, status, at)
    SELECT id, status, status_updated_at FROM conversations WHERE status != 'Open';
CREATE TRIGGER conversation_status_created AFTER INSERT ON conversations
BEGIN
    INSERT INTO conversation_status_log (conversation_id, status, at) VALUES (NEW.id, NEW.status, NEW.status_updated_at);
END;
CREATE TRIGGER conversation_status_changed AFTER UPDATE OF status ON conversations
WHEN OLD.status != NEW.status
BEGIN
    INSERT INTO conversation_status_log (conversation_id, status, at) VALUES (NEW.id, NEW.status, NEW.status_updated_at);
END;

-- A conversation's policy and severity and its latest assessment (`metrics`, JSON), with the
-- next moment it changes by itself.
CREATE TABLE conversation_sla (
    conversation_id  INTEGER PRIMARY KEY NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    policy_id        TEXT NOT NULL,
    severity_id      TEXT NOT NULL,
    metrics          TEXT NOT NULL,
    next_due         INTEGER,
    breached         INTEGER NOT NULL DEFAULT 0,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX conversation_sla_policy ON conversation_sla (policy_id);

-- Breaches, for reports: rewritten with every recalculation of the conversation.
CREATE TABLE sla_breaches (
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    metric           TEXT NOT NULL,
    cycle            INTEGER NOT NULL,
    policy_id        TEXT NOT NULL,
    severity         TEXT NOT NULL,
    breached_at      INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, metric, cycle)
) WITHOUT ROWID;
CREATE INDEX sla_breaches_at ON sla_breaches (breached_at);

-- A conversation's timers by kind (its SLA deadline is replaced at every recalculation).
CREATE INDEX timers_conversation ON timers (conversation_id, kind) WHERE conversation_id IS NOT NULL;
