-- The search index tables' lookup indexes become their primary keys (type, param, value
-- columns..., id), as on SQLite (where 0009 also makes them WITHOUT ROWID tables, which
-- PostgreSQL has no equivalent of): the key holds every column, so a resource's index rows are
-- a set, an entry given twice one row. The duplicates older versions could write go first. The
-- heap and the two indexes per table stay as they were.
DELETE FROM search_token a USING search_token b
    WHERE a.ctid > b.ctid AND a.type = b.type AND a.id = b.id AND a.param = b.param
      AND a.system = b.system AND a.code = b.code;
DROP INDEX search_token_lookup;
ALTER TABLE search_token ADD CONSTRAINT search_token_lookup PRIMARY KEY (type, param, code, system, id);

DELETE FROM search_string a USING search_string b
    WHERE a.ctid > b.ctid AND a.type = b.type AND a.id = b.id AND a.param = b.param AND a.value = b.value;
DROP INDEX search_string_lookup;
ALTER TABLE search_string ADD CONSTRAINT search_string_lookup PRIMARY KEY (type, param, value, id);

DELETE FROM search_reference a USING search_reference b
    WHERE a.ctid > b.ctid AND a.type = b.type AND a.id = b.id AND a.param = b.param
      AND a.ref_type = b.ref_type AND a.ref_id = b.ref_id;
DROP INDEX search_reference_lookup;
ALTER TABLE search_reference ADD CONSTRAINT search_reference_lookup PRIMARY KEY (type, param, ref_id, ref_type, id);

DELETE FROM search_date a USING search_date b
    WHERE a.ctid > b.ctid AND a.type = b.type AND a.id = b.id AND a.param = b.param
      AND a.low = b.low AND a.high = b.high;
DROP INDEX search_date_lookup;
ALTER TABLE search_date ADD CONSTRAINT search_date_lookup PRIMARY KEY (type, param, low, high, id);

DELETE FROM search_number a USING search_number b
    WHERE a.ctid > b.ctid AND a.type = b.type AND a.id = b.id AND a.param = b.param AND a.value = b.value;
DROP INDEX search_number_lookup;
ALTER TABLE search_number ADD CONSTRAINT search_number_lookup PRIMARY KEY (type, param, value, id);

-- A digest of each current version's index rows (store/indexdiff.go): a new version whose rows are
-- the same writes and reads none of them. NULL for a row written before, and for a deletion.
ALTER TABLE resources ADD COLUMN index_digest BYTEA;
