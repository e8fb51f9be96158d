-- The access log's journal (PostgreSQL). The schema is the same on both dialects; the store uses
-- the journal only on SQLite, where every commit runs on the one writer connection
-- (journal.go says why). On PostgreSQL an AuditEvent is written to resources directly and this
-- table stays empty.
CREATE TABLE audit_journal (
    seq          BIGSERIAL PRIMARY KEY,
    type         TEXT COLLATE "C" NOT NULL,
    id           TEXT COLLATE "C" NOT NULL,
    last_updated BIGINT NOT NULL,
    body         BYTEA  NOT NULL,
    idx          BYTEA  NOT NULL,
    UNIQUE (type, id)
);
