-- +goose Up
-- The moderation queue: each row a proposed listing or change, with the
-- version the public saw when it was made (base, '' for a new listing).
CREATE TABLE submissions (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('organisation', 'activity')),
    object_id       INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'returned', 'replaced')),
    proposed        TEXT NOT NULL,          -- JSON of the proposed listing
    base            TEXT NOT NULL DEFAULT '',
    submitted_by    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    submitted_at    TEXT NOT NULL,
    decided_by      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    decided_at      TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX submissions_status ON submissions (status, id);
CREATE INDEX submissions_object ON submissions (kind, object_id, id);
CREATE INDEX submissions_org ON submissions (organisation_id, id);

-- +goose Down
DROP TABLE submissions;
