-- The search index tables become WITHOUT ROWID tables whose primary key is the lookup key
-- (type, param, value columns..., id): a row is then one entry in the primary key's b-tree plus
-- one in the per-resource index (type, id, param), where it was a rowid row plus two indexes,
-- three b-tree inserts per entry. The primary key holds every column, so a resource's index rows
-- are a set: an entry given twice is one row (the copy below drops the duplicates older versions
-- could write). A secondary index of a WITHOUT ROWID table ends with the primary key's columns,
-- so reading a resource's rows through (type, id, param) never touches the table.
CREATE TABLE search_token_new (
    type   TEXT NOT NULL,
    id     TEXT NOT NULL,
    param  TEXT NOT NULL,
    system TEXT NOT NULL,
    code   TEXT NOT NULL,
    PRIMARY KEY (type, param, code, system, id)
) WITHOUT ROWID;
INSERT INTO search_token_new (type, param, code, system, id)
    SELECT DISTINCT type, param, code, system, id FROM search_token ORDER BY type, param, code, system, id;
DROP TABLE search_token;
ALTER TABLE search_token_new RENAME TO search_token;
CREATE INDEX search_token_resource ON search_token (type, id, param);

CREATE TABLE search_string_new (
    type  TEXT NOT NULL,
    id    TEXT NOT NULL,
    param TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (type, param, value, id)
) WITHOUT ROWID;
INSERT INTO search_string_new (type, param, value, id)
    SELECT DISTINCT type, param, value, id FROM search_string ORDER BY type, param, value, id;
DROP TABLE search_string;
ALTER TABLE search_string_new RENAME TO search_string;
CREATE INDEX search_string_resource ON search_string (type, id, param);

CREATE TABLE search_reference_new (
    type     TEXT NOT NULL,
    id       TEXT NOT NULL,
    param    TEXT NOT NULL,
    ref_type TEXT NOT NULL,
    ref_id   TEXT NOT NULL,
    PRIMARY KEY (type, param, ref_id, ref_type, id)
) WITHOUT ROWID;
INSERT INTO search_reference_new (type, param, ref_id, ref_type, id)
    SELECT DISTINCT type, param, ref_id, ref_type, id FROM search_reference ORDER BY type, param, ref_id, ref_type, id;
DROP TABLE search_reference;
ALTER TABLE search_reference_new RENAME TO search_reference;
CREATE INDEX search_reference_resource ON search_reference (type, id, param);

CREATE TABLE search_date_new (
    type  TEXT    NOT NULL,
    id    TEXT    NOT NULL,
    param TEXT    NOT NULL,
    low   INTEGER NOT NULL,
    high  INTEGER NOT NULL,
    PRIMARY KEY (type, param, low, high, id)
) WITHOUT ROWID;
INSERT INTO search_date_new (type, param, low, high, id)
    SELECT DISTINCT type, param, low, high, id FROM search_date ORDER BY type, param, low, high, id;
DROP TABLE search_date;
ALTER TABLE search_date_new RENAME TO search_date;
CREATE INDEX search_date_resource ON search_date (type, id, param);

CREATE TABLE search_number_new (
    type  TEXT NOT NULL,
    id    TEXT NOT NULL,
    param TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (type, param, value, id)
) WITHOUT ROWID;
INSERT INTO search_number_new (type, param, value, id)
    SELECT DISTINCT type, param, value, id FROM search_number ORDER BY type, param, value, id;
DROP TABLE search_number;
ALTER TABLE search_number_new RENAME TO search_number;
CREATE INDEX search_number_resource ON search_number (type, id, param);

-- A digest of each current version's index rows (store/indexdiff.go): a new version whose rows are
-- the same writes and reads none of them. NULL for a row written before, and for a deletion.
ALTER TABLE resources ADD COLUMN index_digest BLOB;
