-- The access log's own tables; the same schema as on SQLite (see its 0007 and audit.go).
CREATE TABLE audit_events (
    seq            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id             TEXT COLLATE "C" NOT NULL UNIQUE,
    last_updated   BIGINT NOT NULL,
    recorded_low   BIGINT,
    recorded_high  BIGINT,
    agent_type     TEXT COLLATE "C",
    agent_id       TEXT COLLATE "C",
    type_system    TEXT COLLATE "C",
    type_code      TEXT COLLATE "C",
    subtype_system TEXT COLLATE "C",
    subtype_code   TEXT COLLATE "C",
    action_system  TEXT COLLATE "C",
    action_code    TEXT COLLATE "C",
    outcome_system TEXT COLLATE "C",
    outcome_code   TEXT COLLATE "C",
    body           BYTEA  NOT NULL
);
CREATE INDEX audit_events_recorded ON audit_events (recorded_low);
CREATE INDEX audit_events_updated ON audit_events (last_updated);
CREATE INDEX audit_events_agent ON audit_events (agent_id, subtype_code);

CREATE TABLE audit_event_refs (
    param    TEXT COLLATE "C" NOT NULL,
    ref_id   TEXT COLLATE "C" NOT NULL,
    ref_type TEXT COLLATE "C" NOT NULL,
    id       TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (param, ref_id, ref_type, id)
);
