-- The access log's own tables (audit.go says why and how an AuditEvent maps to them). An AuditEvent
-- is version 1 forever, so it has no copy in resource_versions and no generic index rows: one row in
-- audit_events holds its body and the columns its single-valued search parameters need, and
-- audit_event_refs one row per patient and entity reference. The rows are only ever inserted.
-- AuditEvents stored before this migration (resources and the journal of 0006) are moved here by
-- the store when it opens (auditlegacy.go), in Go, because the journal's index rows are encoded.
CREATE TABLE audit_events (
    seq            INTEGER PRIMARY KEY,
    id             TEXT    NOT NULL UNIQUE,
    last_updated   INTEGER NOT NULL,
    recorded_low   INTEGER,
    recorded_high  INTEGER,
    agent_type     TEXT,
    agent_id       TEXT,
    type_system    TEXT,
    type_code      TEXT,
    subtype_system TEXT,
    subtype_code   TEXT,
    action_system  TEXT,
    action_code    TEXT,
    outcome_system TEXT,
    outcome_code   TEXT,
    body           BLOB    NOT NULL
);
CREATE INDEX audit_events_recorded ON audit_events (recorded_low);
CREATE INDEX audit_events_updated ON audit_events (last_updated);
-- agent and agent+subtype (a practitioner's emergency grants, looked up on each of their requests)
CREATE INDEX audit_events_agent ON audit_events (agent_id, subtype_code);

CREATE TABLE audit_event_refs (
    param    TEXT NOT NULL, -- patient or entity
    ref_id   TEXT NOT NULL,
    ref_type TEXT NOT NULL,
    id       TEXT NOT NULL, -- audit_events.id
    PRIMARY KEY (param, ref_id, ref_type, id)
) WITHOUT ROWID;
