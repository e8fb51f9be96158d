package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"veiviser/internal/apperr"
)

// appliedMigration is a row of schema_migrations.
type appliedMigration struct {
	name, checksum string // checksum "" for a row recorded before checksums were kept
}

// createMigrationTable creates schema_migrations, and adds its checksum column to a store from
// before checksums were kept.
func (p *pools) createMigrationTable(ctx context.Context, tx *sql.Tx) error {
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	add := "ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum TEXT"
	if p.dialect == dialectSQLite {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info('schema_migrations') WHERE name = 'checksum'").Scan(&n); err != nil {
			return fmt.Errorf("read schema_migrations' columns: %w", err)
		}
		if n > 0 {
			return nil
		}
		add = "ALTER TABLE schema_migrations ADD COLUMN checksum TEXT"
	}
	if _, err := tx.ExecContext(ctx, add); err != nil {
		return fmt.Errorf("add schema_migrations.checksum: %w", err)
	}
	return nil
}

func appliedMigrations(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (map[int64]appliedMigration, error) {
	rows, err := q.QueryContext(ctx, "SELECT version, name, COALESCE(checksum, '') FROM schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	out := map[int64]appliedMigration{}
	for rows.Next() {
		var v int64
		var a appliedMigration
		if err := rows.Scan(&v, &a.name, &a.checksum); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		out[v] = a
	}
	return out, rows.Err()
}

// checkApplied refuses a store a newer Veiviser migrated (it holds a migration this binary does
// not know) and one whose applied migration has since changed; a row from before checksums
// were kept gets its file's checksum.
func checkApplied(ctx context.Context, tx *sql.Tx, ms []migration, applied map[int64]appliedMigration) error {
	known := map[int64]migration{}
	for _, m := range ms {
		known[m.version] = m
	}
	for v, a := range applied {
		m, ok := known[v]
		switch {
		case !ok:
			return apperr.New(apperr.Conflict, "the store was migrated by a newer Veiviser: it holds migration %s, which this binary does not know. "+
				"Run that version or a newer one, or restore the backup taken before the upgrade", a.name)
		case a.checksum == "":
			if _, err := tx.ExecContext(ctx, "UPDATE schema_migrations SET checksum = $1 WHERE version = $2", m.checksum, v); err != nil {
				return fmt.Errorf("record the checksum of %s: %w", m.name, err)
			}
		case a.checksum != m.checksum:
			return apperr.New(apperr.Conflict, "migration %s has changed since it was applied to this store (checksum %.12s…, now %.12s…). "+
				"Migrations are forward-only: put the change in a new migration and restore the file as it was", m.name, a.checksum, m.checksum)
		}
	}
	return nil
}

// backupBeforeMigrating copies a SQLite store that has migrations to apply (and is not new) to
// <data>/backups/veiviser-before-<migration>-<time>.db, with VACUUM INTO: a consistent copy the
// upgrade can be undone from. PostgreSQL is backed up with pg_dump before an upgrade
// (docs/operations.md).
func (p *pools) backupBeforeMigrating(ctx context.Context, ms []migration, last int64, log *slog.Logger) error {
	if p.dialect != dialectSQLite || p.dataDir == "" {
		return nil
	}
	var tables int
	if err := p.write.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").Scan(&tables); err != nil {
		return fmt.Errorf("look for schema_migrations: %w", err)
	}
	if tables == 0 {
		return nil // a new store: nothing to keep
	}
	applied, err := appliedMigrations(ctx, p.write)
	if err != nil {
		return err
	}
	var next *migration
	for i := range ms {
		if _, done := applied[ms[i].version]; !done && ms[i].version <= last {
			next = &ms[i]
			break
		}
	}
	if next == nil {
		return nil
	}
	dir := filepath.Join(p.dataDir, "backups")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("create the backup folder: %w", err)
	}
	to := filepath.Join(dir, fmt.Sprintf("veiviser-before-%s-%s.db", trimSQL(next.name), time.Now().UTC().Format("20060102T150405Z")))
	if _, err := p.write.ExecContext(ctx, "VACUUM INTO $1", to); err != nil {
		return fmt.Errorf("back up the store before migrating: %w", err)
	}
	log.Info("backed up the store before migrating", "to", to, "migration", next.name)
	return nil
}

func trimSQL(name string) string { return name[:len(name)-len(filepath.Ext(name))] }
