-- +goose Up
CREATE TABLE categories (
    code TEXT PRIMARY KEY,
    sort INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO categories (code, sort) VALUES
    ('sport', 1), ('outdoor', 2), ('culture', 3), ('music', 4), ('crafts', 5),
    ('language_cafe', 6), ('homework_help', 7), ('food_club', 8), ('meeting_place', 9),
    ('job_network', 10), ('children_youth', 11), ('women', 12), ('seniors', 13), ('families', 14);

CREATE TABLE organisations (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    country        TEXT NOT NULL CHECK (country IN ('NO', 'DK', 'SE')),
    org_number     TEXT,            -- NULL when the organisation has none
    website        TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT '',
    contact_public INTEGER NOT NULL DEFAULT 0,
    address        TEXT NOT NULL DEFAULT '',
    postcode       TEXT NOT NULL DEFAULT '',
    city           TEXT NOT NULL DEFAULT '',
    district       TEXT NOT NULL DEFAULT '',
    district_code  TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'archived')),
    sort_name      TEXT NOT NULL,   -- folded name, for ordering
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (country, org_number)
);
CREATE INDEX organisations_status_sort ON organisations (status, sort_name);

CREATE TABLE organisation_texts (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    lang            TEXT NOT NULL,
    description     TEXT NOT NULL,
    PRIMARY KEY (organisation_id, lang)
) WITHOUT ROWID;

CREATE TABLE locations (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL DEFAULT '',
    address         TEXT NOT NULL,
    postcode        TEXT NOT NULL,
    city            TEXT NOT NULL DEFAULT '',
    district        TEXT NOT NULL,
    district_code   TEXT NOT NULL,
    country         TEXT NOT NULL,
    lat             REAL,
    lng             REAL
);
CREATE INDEX locations_org ON locations (organisation_id);
CREATE INDEX locations_district ON locations (district_code);

CREATE TABLE activities (
    id                    INTEGER PRIMARY KEY,
    organisation_id       INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    category              TEXT NOT NULL REFERENCES categories (code),
    stage                 TEXT NOT NULL DEFAULT '',
    age_min               INTEGER NOT NULL DEFAULT 0,
    age_max               INTEGER NOT NULL DEFAULT 0,
    cost_kind             TEXT NOT NULL CHECK (cost_kind IN ('free', 'paid')),
    price                 INTEGER NOT NULL DEFAULT 0,   -- minor units
    currency              TEXT NOT NULL,
    leisure_card          INTEGER NOT NULL DEFAULT 0,
    accessibility         TEXT NOT NULL DEFAULT '',     -- space-separated codes
    registration_required INTEGER NOT NULL DEFAULT 0,
    capacity              INTEGER NOT NULL DEFAULT 0,
    contact_name          TEXT NOT NULL DEFAULT '',
    contact_email         TEXT NOT NULL DEFAULT '',
    contact_phone         TEXT NOT NULL DEFAULT '',
    location_id           INTEGER NOT NULL REFERENCES locations (id),
    status                TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'paused', 'archived')),
    -- public is 1 when the activity and its organisation are both approved:
    -- exactly the rows in activity_search.
    public                INTEGER NOT NULL DEFAULT 0,
    sort_title            TEXT NOT NULL,
    last_confirmed        TEXT NOT NULL,
    reminded_at           TEXT NOT NULL DEFAULT '',    -- last stale-listing reminder
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX activities_org ON activities (organisation_id, public);
CREATE INDEX activities_public_sort ON activities (public, sort_title);
CREATE INDEX activities_status ON activities (status, last_confirmed);
CREATE INDEX activities_location ON activities (location_id);

CREATE TABLE activity_texts (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    how_to_join TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, lang)
) WITHOUT ROWID;

CREATE TABLE activity_languages (
    activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('spoken', 'helper')),
    lang        TEXT NOT NULL,
    PRIMARY KEY (activity_id, role, lang)
) WITHOUT ROWID;

CREATE TABLE schedules (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('recurring', 'once')),
    zone         TEXT NOT NULL,
    rrule        TEXT NOT NULL DEFAULT '',
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL DEFAULT '',
    start_time   TEXT NOT NULL,
    end_time     TEXT NOT NULL,
    except_dates TEXT NOT NULL DEFAULT ''  -- space-separated YYYY-MM-DD
);
CREATE INDEX schedules_activity ON schedules (activity_id, position);

-- The public search index: one row per public activity, rowid = activity id.
-- title: titles in every language; sub: the inner parts of long title words,
-- so a query matches inside compound words; body: descriptions, organisation
-- and place. Text is folded and tokenized in Go before it is indexed or
-- queried. Filters (category, language, weekday, ...) are applied to the
-- in-memory index of public activities (sqlite/index.go), not here.
CREATE VIRTUAL TABLE activity_search USING fts5(
    title, sub, body,
    content = '', contentless_delete = 1, detail = column,
    tokenize = 'unicode61 remove_diacritics 0',
    prefix = '2 3'
);

-- Every change to a public listing appends the activity's id here, in the
-- same transaction. A process's in-memory search index applies the entries
-- after the last seq it saw, so a change made by any process (the server,
-- a command-line import) is seen by the next search.
CREATE TABLE search_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    activity_id INTEGER NOT NULL
);

-- +goose Down
DROP TABLE search_log;
DROP TABLE activity_search;
DROP TABLE schedules;
DROP TABLE activity_languages;
DROP TABLE activity_texts;
DROP TABLE activities;
DROP TABLE locations;
DROP TABLE organisation_texts;
DROP TABLE organisations;
DROP TABLE categories;
