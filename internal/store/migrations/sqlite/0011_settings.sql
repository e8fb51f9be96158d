-- The language a user chose for the pages and the letters ("" for none chosen: the first visit
-- follows the browser's Accept-Language, then the municipality's default), and the settings the
-- administrator keeps in the web (the municipality's name, contact details, default language),
-- each with who changed it last and when (issue 12).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';

CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at INTEGER NOT NULL
);
