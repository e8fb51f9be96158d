-- OpenID Connect sign-in (PostgreSQL). A citizen signing in through ID-porten is matched by the
-- national identity number (fødselsnummer or d-nummer, the "pid" claim) recorded on the user;
-- '' means none. One number names at most one user.
ALTER TABLE users ADD COLUMN national_id TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX users_national_id ON users (national_id) WHERE national_id <> '';
