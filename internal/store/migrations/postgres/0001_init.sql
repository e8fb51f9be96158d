-- Veiviser resource store, PostgreSQL. Text keys use the "C" collation so ids sort by bytes, as on SQLite.
-- Times (last_updated, low, high) are BIGINT microseconds since the Unix epoch, UTC; an open end of
-- a date range is the smallest or largest 64-bit integer.
-- Bodies are BYTEA values holding the resource JSON exactly as the record layer gave it.

-- The current version of every resource; a deleted resource keeps its row with deleted = 1.
CREATE TABLE resources (
    type         TEXT COLLATE "C" NOT NULL,
    id           TEXT COLLATE "C" NOT NULL,
    version      BIGINT NOT NULL,
    last_updated BIGINT NOT NULL,
    deleted      SMALLINT NOT NULL DEFAULT 0,
    body         BYTEA,
    PRIMARY KEY (type, id)
);
CREATE INDEX resources_type_updated ON resources (type, last_updated, id);

-- Every version ever written, for vread and history.
CREATE TABLE resource_versions (
    type         TEXT COLLATE "C" NOT NULL,
    id           TEXT COLLATE "C" NOT NULL,
    version      BIGINT NOT NULL,
    last_updated BIGINT NOT NULL,
    deleted      SMALLINT NOT NULL DEFAULT 0,
    body         BYTEA,
    PRIMARY KEY (type, id, version)
);
CREATE INDEX resource_versions_updated ON resource_versions (last_updated);
CREATE INDEX resource_versions_type_updated ON resource_versions (type, last_updated);

-- Search index rows of current, not deleted resources, one table per kind. The lookup indexes lead
-- with (type, param, value) and end with id so a clause is answered from the index alone.
CREATE TABLE search_token (
    type   TEXT COLLATE "C" NOT NULL,
    id     TEXT COLLATE "C" NOT NULL,
    param  TEXT COLLATE "C" NOT NULL,
    system TEXT COLLATE "C" NOT NULL,
    code   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX search_token_lookup ON search_token (type, param, code, system, id);
CREATE INDEX search_token_resource ON search_token (type, id, param);

CREATE TABLE search_string (
    type  TEXT COLLATE "C" NOT NULL,
    id    TEXT COLLATE "C" NOT NULL,
    param TEXT COLLATE "C" NOT NULL,
    value TEXT COLLATE "C" NOT NULL
);
CREATE INDEX search_string_lookup ON search_string (type, param, value, id);
CREATE INDEX search_string_resource ON search_string (type, id, param);

CREATE TABLE search_reference (
    type     TEXT COLLATE "C" NOT NULL,
    id       TEXT COLLATE "C" NOT NULL,
    param    TEXT COLLATE "C" NOT NULL,
    ref_type TEXT COLLATE "C" NOT NULL,
    ref_id   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX search_reference_lookup ON search_reference (type, param, ref_id, ref_type, id);
CREATE INDEX search_reference_resource ON search_reference (type, id, param, ref_type, ref_id);

CREATE TABLE search_date (
    type  TEXT COLLATE "C" NOT NULL,
    id    TEXT COLLATE "C" NOT NULL,
    param TEXT COLLATE "C" NOT NULL,
    low   BIGINT NOT NULL,
    high  BIGINT NOT NULL
);
CREATE INDEX search_date_lookup ON search_date (type, param, low, high, id);
CREATE INDEX search_date_resource ON search_date (type, id, param);

CREATE TABLE search_number (
    type  TEXT COLLATE "C" NOT NULL,
    id    TEXT COLLATE "C" NOT NULL,
    param TEXT COLLATE "C" NOT NULL,
    value DOUBLE PRECISION NOT NULL
);
CREATE INDEX search_number_lookup ON search_number (type, param, value, id);
CREATE INDEX search_number_resource ON search_number (type, id, param);
