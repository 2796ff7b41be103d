-- +goose Up
-- API tokens: another system uses the JSON API on behalf of the
-- coordinator who made the token. Only the SHA-256 of a token is stored;
-- the token itself is shown once. Times in the fixed-width form
-- 2006-01-02T15:04:05.000000000Z, so text order is time order; '' = never.
CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (name <> ''),
    hash         BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    scopes       TEXT NOT NULL CHECK (scopes <> ''),   -- space-separated accounts.Scope values
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT NOT NULL DEFAULT '',
    revoked_at   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- +goose Down
DROP TABLE api_tokens;
