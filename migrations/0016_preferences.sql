-- Each user's own choices that follow them to every window they sign in from.

CREATE TABLE user_preferences (
    user_id      TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- The user silenced the new-work sound for themselves (notifications still show).
    sound_muted  INTEGER NOT NULL DEFAULT 0
);
