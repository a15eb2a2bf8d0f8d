-- Signing in with email and password: password hashes, sessions beside API tokens (each with an
-- id to list and revoke it, its kind and its last use), one-time invite and reset links, and the
-- failed attempts that throttle guessing.

CREATE TABLE passwords (
    user_id     TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hash        TEXT NOT NULL,
    changed_at  INTEGER NOT NULL
);

ALTER TABLE api_tokens ADD COLUMN id TEXT;
-- Api (integrations, named), Session (a browser signed in with a password), Desktop (the app's owner).
ALTER TABLE api_tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'Api';
ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
-- Sessions: the browser or computer, as its user agent named it.
ALTER TABLE api_tokens ADD COLUMN device TEXT;

UPDATE api_tokens SET id = lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'
    || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1)
    || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)));
UPDATE api_tokens SET kind = 'Desktop' WHERE label = 'desktop session';
UPDATE api_tokens SET label = 'API token' WHERE label = 'issued';

CREATE UNIQUE INDEX api_tokens_id ON api_tokens (id);
CREATE INDEX api_tokens_user ON api_tokens (user_id, kind);

CREATE TABLE credential_links (
    token_hash  TEXT PRIMARY KEY NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX credential_links_user ON credential_links (user_id);

CREATE TABLE sign_in_failures (
    key  TEXT NOT NULL,
    at   INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);
