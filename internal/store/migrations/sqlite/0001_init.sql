-- Veiviser resource store, SQLite.
-- Times (last_updated, low, high) are INTEGER microseconds since the Unix epoch, UTC; an open end of
-- a date range is the smallest or largest 64-bit integer.
-- Bodies are BLOBs holding the resource JSON exactly as the record layer gave it.

-- The current version of every resource; a deleted resource keeps its row with deleted = 1.
CREATE TABLE resources (
    type         TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    last_updated INTEGER NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    body         BLOB,
    PRIMARY KEY (type, id)
);
CREATE INDEX resources_type_updated ON resources (type, last_updated, id);

-- Every version ever written, for vread and history.
CREATE TABLE resource_versions (
    type         TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    last_updated INTEGER NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0,
    body         BLOB,
    PRIMARY KEY (type, id, version)
);
CREATE INDEX resource_versions_updated ON resource_versions (last_updated);
CREATE INDEX resource_versions_type_updated ON resource_versions (type, last_updated);

-- Search index rows of current, not deleted resources, one table per kind. The lookup indexes lead
-- with (type, param, value) and end with id so a clause is answered from the index alone.
CREATE TABLE search_token (
    type   TEXT NOT NULL,
    id     TEXT NOT NULL,
    param  TEXT NOT NULL,
    system TEXT NOT NULL,
    code   TEXT NOT NULL
);
CREATE INDEX search_token_lookup ON search_token (type, param, code, system, id);
CREATE INDEX search_token_resource ON search_token (type, id, param);

CREATE TABLE search_string (
    type  TEXT NOT NULL,
    id    TEXT NOT NULL,
    param TEXT NOT NULL,
    value TEXT NOT NULL
);
CREATE INDEX search_string_lookup ON search_string (type, param, value, id);
CREATE INDEX search_string_resource ON search_string (type, id, param);

CREATE TABLE search_reference (
    type     TEXT NOT NULL,
    id       TEXT NOT NULL,
    param    TEXT NOT NULL,
    ref_type TEXT NOT NULL,
    ref_id   TEXT NOT NULL
);
CREATE INDEX search_reference_lookup ON search_reference (type, param, ref_id, ref_type, id);
CREATE INDEX search_reference_resource ON search_reference (type, id, param, ref_type, ref_id);

CREATE TABLE search_date (
    type  TEXT    NOT NULL,
    id    TEXT    NOT NULL,
    param TEXT    NOT NULL,
    low   INTEGER NOT NULL,
    high  INTEGER NOT NULL
);
CREATE INDEX search_date_lookup ON search_date (type, param, low, high, id);
CREATE INDEX search_date_resource ON search_date (type, id, param);

CREATE TABLE search_number (
    type  TEXT NOT NULL,
    id    TEXT NOT NULL,
    param TEXT NOT NULL,
    value REAL NOT NULL
);
CREATE INDEX search_number_lookup ON search_number (type, param, value, id);
CREATE INDEX search_number_resource ON search_number (type, id, param);
