-- +goose Up
-- Mentoring: volunteers (a mentor, or a network family as one unit) and
-- newcomers on two waiting lists, the pairings between them, and their
-- follow-up. Dates without a time of day are 'YYYY-MM-DD' ('' = none);
-- instants are in the fixed-width form 2006-01-02T15:04:05.000000000Z, so
-- text order is time order ('' = never). Lists are JSON arrays.
-- No special-category data (ethnicity, religion, health). A police
-- certificate is never stored: only its kind, the day it was shown, who saw
-- it and the day it must be renewed.
CREATE TABLE volunteers (
    id                INTEGER PRIMARY KEY,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'available', 'paused', 'left')),
    household         TEXT NOT NULL CHECK (household IN ('person', 'family')),
    name              TEXT NOT NULL,
    sort_name         TEXT NOT NULL,                -- registry.Fold(name): search and ordering
    email             TEXT NOT NULL DEFAULT '',     -- lower-cased
    phone             TEXT NOT NULL DEFAULT '',     -- E.164
    locale            TEXT NOT NULL CHECK (locale IN ('nb', 'nn', 'da', 'sv', 'en')),
    gender            TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'female', 'male', 'other')),
    age_group         TEXT NOT NULL DEFAULT '' CHECK (age_group IN ('', '18-29', '30-49', '50-66', '67+')),
    adults            INTEGER NOT NULL DEFAULT 1,
    children_ages     TEXT NOT NULL DEFAULT '[]',   -- [7, 12]
    languages         TEXT NOT NULL DEFAULT '[]',   -- [{"code": "ar", "level": "native"}]
    interests         TEXT NOT NULL DEFAULT '[]',   -- ["sport", "chess"]
    district          TEXT NOT NULL DEFAULT '',
    district_code     TEXT NOT NULL DEFAULT '',     -- registry.DistrictCode(district)
    lat               REAL NOT NULL DEFAULT 0,      -- 0, 0 = not given
    lon               REAL NOT NULL DEFAULT 0,
    availability      INTEGER NOT NULL DEFAULT 0,   -- mentoring.Availability bit set
    preferences       TEXT NOT NULL DEFAULT '{}',   -- mentoring.Preferences
    capacity          INTEGER NOT NULL CHECK (capacity >= 1),
    offers            TEXT NOT NULL DEFAULT '[]',   -- ["practical", "language"]
    police_kind       TEXT NOT NULL DEFAULT '',
    police_shown_on   TEXT NOT NULL DEFAULT '',
    police_checked_by TEXT NOT NULL DEFAULT '',
    police_renew_by   TEXT NOT NULL DEFAULT '',
    trained_on        TEXT NOT NULL DEFAULT '',
    pledge_signed_on  TEXT NOT NULL DEFAULT '',
    user_id           INTEGER REFERENCES users (id) ON DELETE SET NULL,
    waiting_since     TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX volunteers_user ON volunteers (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX volunteers_waiting ON volunteers (status, waiting_since, id);
CREATE INDEX volunteers_sort ON volunteers (sort_name, id);
CREATE INDEX volunteers_created ON volunteers (created_at, id);
CREATE INDEX volunteers_district ON volunteers (district_code);

CREATE TABLE newcomers (
    id            INTEGER PRIMARY KEY,
    status        TEXT NOT NULL CHECK (status IN ('waiting', 'paused', 'left')),
    household     TEXT NOT NULL CHECK (household IN ('person', 'family')),
    name          TEXT NOT NULL,
    sort_name     TEXT NOT NULL,
    email         TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    locale        TEXT NOT NULL CHECK (locale IN ('nb', 'nn', 'da', 'sv', 'en')),
    gender        TEXT NOT NULL DEFAULT '' CHECK (gender IN ('', 'female', 'male', 'other')),
    age_group     TEXT NOT NULL DEFAULT '' CHECK (age_group IN ('', '18-29', '30-49', '50-66', '67+')),
    adults        INTEGER NOT NULL DEFAULT 1,
    children_ages TEXT NOT NULL DEFAULT '[]',
    languages     TEXT NOT NULL DEFAULT '[]',
    interests     TEXT NOT NULL DEFAULT '[]',
    district      TEXT NOT NULL DEFAULT '',
    district_code TEXT NOT NULL DEFAULT '',
    lat           REAL NOT NULL DEFAULT 0,
    lon           REAL NOT NULL DEFAULT 0,
    availability  INTEGER NOT NULL DEFAULT 0,
    preferences   TEXT NOT NULL DEFAULT '{}',
    nordic_level  TEXT NOT NULL CHECK (nordic_level IN ('none', 'beginner', 'intermediate', 'fluent')),
    needs         TEXT NOT NULL DEFAULT '[]',       -- ["practical", "homework"]
    waiting_since TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX newcomers_waiting ON newcomers (status, waiting_since, id);
CREATE INDEX newcomers_sort ON newcomers (sort_name, id);
CREATE INDEX newcomers_created ON newcomers (created_at, id);
CREATE INDEX newcomers_district ON newcomers (district_code);

-- A volunteer and a newcomer proposed to, or paired with, each other; see
-- mentoring.PairingStatus for the lifecycle. Proposed and active pairings
-- are open and hold a place of the volunteer's capacity.
CREATE TABLE pairings (
    id                    INTEGER PRIMARY KEY,
    volunteer_id          INTEGER NOT NULL REFERENCES volunteers (id),
    newcomer_id           INTEGER NOT NULL REFERENCES newcomers (id),
    status                TEXT NOT NULL CHECK (status IN ('proposed', 'active', 'ended', 'declined', 'withdrawn', 'expired')),
    score                 REAL NOT NULL DEFAULT 0,
    reasons               TEXT NOT NULL DEFAULT '[]',   -- the engine's []mentoring.Reason when proposed
    length_months         INTEGER NOT NULL CHECK (length_months IN (3, 6, 12)),
    proposed_by           INTEGER REFERENCES users (id) ON DELETE SET NULL,
    proposed_at           TEXT NOT NULL,
    expires_at            TEXT NOT NULL,
    reminded_at           TEXT NOT NULL DEFAULT '',
    volunteer_answer      TEXT NOT NULL DEFAULT '' CHECK (volunteer_answer IN ('', 'yes', 'no')),
    volunteer_answered_at TEXT NOT NULL DEFAULT '',
    newcomer_answer       TEXT NOT NULL DEFAULT '' CHECK (newcomer_answer IN ('', 'yes', 'no')),
    newcomer_answered_at  TEXT NOT NULL DEFAULT '',
    declined_by           TEXT NOT NULL DEFAULT '' CHECK (declined_by IN ('', 'volunteer', 'newcomer')),
    decline_reason        TEXT NOT NULL DEFAULT '',
    withdraw_reason       TEXT NOT NULL DEFAULT '',
    closed_at             TEXT NOT NULL DEFAULT '',     -- declined, withdrawn or expired
    started_at            TEXT NOT NULL DEFAULT '',
    ended_at              TEXT NOT NULL DEFAULT '',
    end_reason            TEXT NOT NULL DEFAULT '',
    evaluation            TEXT NOT NULL DEFAULT '',     -- mentoring.Evaluation as JSON, '' until ended
    CHECK (status NOT IN ('active', 'ended') OR started_at <> ''),
    CHECK (status <> 'ended' OR (ended_at <> '' AND end_reason <> '' AND evaluation <> ''))
);
-- The database's own guard against two open pairings of the same pair.
CREATE UNIQUE INDEX pairings_open_pair ON pairings (volunteer_id, newcomer_id) WHERE status IN ('proposed', 'active');
CREATE INDEX pairings_status ON pairings (status, expires_at);
CREATE INDEX pairings_volunteer ON pairings (volunteer_id, status);
CREATE INDEX pairings_newcomer ON pairings (newcomer_id, status);
CREATE INDEX pairings_newest ON pairings (proposed_at, id);

-- The contact log: structured, no free text about people's lives.
CREATE TABLE pairing_contacts (
    id         INTEGER PRIMARY KEY,
    pairing_id INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
    day        TEXT NOT NULL,                  -- YYYY-MM-DD
    kind       TEXT NOT NULL CHECK (kind IN ('meeting', 'activity', 'phone', 'message')),
    outcome    TEXT NOT NULL CHECK (outcome IN ('went_well', 'ok', 'difficult', 'cancelled', 'no_show')),
    logged_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    side       TEXT NOT NULL CHECK (side IN ('volunteer', 'coordinator')),
    created_at TEXT NOT NULL
);
CREATE INDEX pairing_contacts_pairing ON pairing_contacts (pairing_id, day);

-- The coordinator's scheduled check-ins, one per point ("2w", "1m", …).
CREATE TABLE pairing_checkins (
    id          INTEGER PRIMARY KEY,
    pairing_id  INTEGER NOT NULL REFERENCES pairings (id) ON DELETE CASCADE,
    point       TEXT NOT NULL,
    due         TEXT NOT NULL,                 -- YYYY-MM-DD
    done_at     TEXT NOT NULL DEFAULT '',
    done_by     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    outcome     TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'going_well', 'needs_support', 'not_reached', 'ending')),
    notified_at TEXT NOT NULL DEFAULT '',
    UNIQUE (pairing_id, point),
    CHECK ((done_at = '') = (outcome = ''))
);
CREATE INDEX pairing_checkins_due ON pairing_checkins (due, id);

-- Pairs the engine must not suggest: ruled out by the coordinator, or
-- declined by one side.
CREATE TABLE pairing_exclusions (
    volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    newcomer_id  INTEGER NOT NULL REFERENCES newcomers (id) ON DELETE CASCADE,
    reason       TEXT NOT NULL CHECK (reason IN ('coordinator', 'declined')),
    created_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (volunteer_id, newcomer_id)
) WITHOUT ROWID;
CREATE INDEX pairing_exclusions_newcomer ON pairing_exclusions (newcomer_id);

-- The programme's settings: the match weights (JSON) and what the senders
-- keep (the week the last digest went out).
CREATE TABLE mentoring_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- +goose Down
DROP TABLE mentoring_settings;
DROP TABLE pairing_exclusions;
DROP TABLE pairing_checkins;
DROP TABLE pairing_contacts;
DROP TABLE pairings;
DROP TABLE newcomers;
DROP TABLE volunteers;
