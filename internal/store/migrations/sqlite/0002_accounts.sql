-- People who sign in, organisation units, failed sign-in attempts and sessions (SQLite).
-- Times are INTEGER microseconds since the Unix epoch, UTC, as in 0001.

-- A local user. roles, related_person_ids and units are JSON arrays of strings.
CREATE TABLE users (
    id                 TEXT    PRIMARY KEY,
    username           TEXT    NOT NULL UNIQUE,
    name               TEXT    NOT NULL DEFAULT '',
    password_hash      TEXT    NOT NULL DEFAULT '',
    roles              TEXT    NOT NULL DEFAULT '[]',
    patient_id         TEXT    NOT NULL DEFAULT '',
    practitioner_id    TEXT    NOT NULL DEFAULT '',
    related_person_ids TEXT    NOT NULL DEFAULT '[]',
    units              TEXT    NOT NULL DEFAULT '[]',
    disabled           INTEGER NOT NULL DEFAULT 0,
    created            INTEGER NOT NULL
);

-- Organisation units: the coordinating unit, the allocation office, home nursing, ...
CREATE TABLE org_units (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);

-- One row per failed sign-in, keyed by "user:<username>" and "ip:<address>"; the lockout counts
-- the rows inside its window, so it lifts by itself and every instance sees the same count.
CREATE TABLE login_failures (
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key_at ON login_failures (key, at);

-- Sessions, shared by every instance on one database. Only a hash of the cookie's token is kept.
CREATE TABLE sessions (
    token_hash   TEXT    PRIMARY KEY,
    user_id      TEXT    NOT NULL,
    data         TEXT    NOT NULL DEFAULT '{}',
    created      INTEGER NOT NULL,
    last_seen    INTEGER NOT NULL,
    expires      INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires);
