-- Inbox lists filter by queue or agent and show the latest activity first: these indexes give
-- the rows in that order, so a page is read, not a whole queue sorted.
DROP INDEX conversations_queue;
DROP INDEX conversations_agent;
CREATE INDEX conversations_queue_activity ON conversations (queue_id, updated_at DESC, id DESC);
CREATE INDEX conversations_agent_activity ON conversations (agent_id, updated_at DESC, id DESC);
