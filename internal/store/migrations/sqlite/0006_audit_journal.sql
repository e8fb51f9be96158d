-- The access log's journal (SQLite): an AuditEvent is first appended here, one row in one b-tree,
-- which is all its commit (and fsync) waits for; a background step (journal.go) later moves
-- entries in large batches into resources, resource_versions and the index tables, where they are
-- read and searched as any resource. Every read of AuditEvent first moves what is here, so the
-- journal is never visible as missing entries. idx holds the entry's index rows (journalcodec.go).
-- Rows are only ever inserted and, when moved, deleted in the same transaction as the move.
CREATE TABLE audit_journal (
    seq          INTEGER PRIMARY KEY,
    type         TEXT    NOT NULL,
    id           TEXT    NOT NULL,
    last_updated INTEGER NOT NULL,
    body         BLOB    NOT NULL,
    idx          BLOB    NOT NULL,
    UNIQUE (type, id)
);
