-- API clients (OAuth2 client credentials) and the bearer tokens issued to them.
-- A client secret and a token are each 256 random bits, so they are stored as the lowercase hex
-- SHA-256 of their text: guessing is already hopeless, and a slow password hash would only cost
-- time on every token request. Times are microseconds since the Unix epoch, UTC. Scopes are
-- space-separated, as OAuth2 writes them.
CREATE TABLE api_clients (
    client_id   TEXT    NOT NULL PRIMARY KEY,
    secret_hash TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    scopes      TEXT    NOT NULL,
    disabled    INTEGER NOT NULL DEFAULT 0,
    created     BIGINT  NOT NULL
);

CREATE TABLE api_tokens (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    client_id  TEXT   NOT NULL REFERENCES api_clients (client_id),
    scopes     TEXT   NOT NULL,
    issued     BIGINT NOT NULL,
    expires    BIGINT NOT NULL
);
CREATE INDEX api_tokens_expires ON api_tokens (expires);
