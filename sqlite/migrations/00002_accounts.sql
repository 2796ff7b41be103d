-- +goose Up
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE,  -- lower-cased by accounts.User.Normalize
    name          TEXT NOT NULL,
    sort_name     TEXT NOT NULL,                        -- folded name, for ordering
    role          TEXT NOT NULL CHECK (role IN ('coordinator', 'editor', 'volunteer')),
    locale        TEXT NOT NULL DEFAULT 'nb' CHECK (locale IN ('nb', 'nn', 'da', 'sv', 'en')),
    password_hash TEXT NOT NULL DEFAULT '',             -- argon2id PHC string; '' = invited, no password yet
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    last_login_at TEXT NOT NULL DEFAULT ''              -- '' = never
);
CREATE INDEX users_sort ON users (sort_name, id);
CREATE INDEX users_role_sort ON users (role, sort_name, id);

-- The organisations an editor may edit.
CREATE TABLE user_organisations (
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, organisation_id)
) WITHOUT ROWID;
CREATE INDEX user_organisations_org ON user_organisations (organisation_id, user_id);

-- Single-use link tokens (invitations, password resets, confirming that an
-- activity still runs; object_id is then the activity). Only the SHA-256
-- of a token is stored. Times in the fixed-width form
-- 2006-01-02T15:04:05.000000000Z, so text order is time order.
CREATE TABLE tokens (
    hash       BLOB PRIMARY KEY CHECK (length(hash) = 32),
    purpose    TEXT NOT NULL CHECK (purpose IN ('invitation', 'password_reset', 'confirm_activity')),
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    object_id  INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT            -- NULL until used
) WITHOUT ROWID;
CREATE INDEX tokens_user ON tokens (user_id);
CREATE INDEX tokens_expires ON tokens (expires_at);

-- Every write, newest last. user_id is NULL for anonymous or system writes;
-- user_email keeps who it was if the user is later removed.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    user_email  TEXT NOT NULL DEFAULT '',
    ip          TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id   INTEGER,       -- NULL when the action has no object
    detail      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, id);
CREATE INDEX audit_log_user ON audit_log (user_id, id);

-- Sign-in sessions (alexedwards/scs). token_hash is the SHA-256 of the
-- session token, which itself is never stored; expiry is in Unix seconds.
CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    data       BLOB NOT NULL,
    expiry     REAL NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_expiry ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
DROP TABLE audit_log;
DROP TABLE tokens;
DROP TABLE user_organisations;
DROP TABLE users;
