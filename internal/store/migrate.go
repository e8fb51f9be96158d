package store

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// migration is one embedded .sql file, named NNNN_description.sql.
type migration struct {
	version  int64
	name     string
	sql      string
	checksum string // hex SHA-256 of sql: an applied migration must not change
}

// loadMigrations returns the dialect's migrations in version order.
func loadMigrations(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations: %w", err)
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and '_'", e.Name())
		}
		text, err := fs.ReadFile(migrationFiles, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(text)
		out = append(out, migration{version: v, name: e.Name(), sql: string(text), checksum: hex.EncodeToString(sum[:])})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies the migrations not yet recorded in schema_migrations, all in one transaction
// that first takes the migration lock, so two processes starting at once apply each file once.
func migrate(ctx context.Context, p *pools, log *slog.Logger) error {
	return migrateUpTo(ctx, p, log, math.MaxInt64)
}

// migrateUpTo is migrate stopping after version last: tests build a store as an older release
// left it. Migrations are forward-only: a store that holds a migration this binary does not know
// (a newer Veiviser migrated it) or one whose file has changed since it was applied is refused
// with what to do. On SQLite a store that has migrations to apply is first copied to
// <data>/backups, so an upgrade can be undone by restoring the copy.
func migrateUpTo(ctx context.Context, p *pools, log *slog.Logger, last int64) (err error) {
	defer wrap(&err, "store.migrate")
	ms, err := loadMigrations(p.dialect)
	if err != nil {
		return err
	}
	if err := p.backupBeforeMigrating(ctx, ms, last, log); err != nil {
		return err
	}
	tx, err := p.write.BeginTx(ctx, p.txOpts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := p.lockMigrations(ctx, tx); err != nil {
		return err
	}
	if err := p.createMigrationTable(ctx, tx); err != nil {
		return err
	}
	applied, err := appliedMigrations(ctx, tx)
	if err != nil {
		return err
	}
	if err := checkApplied(ctx, tx, ms, applied); err != nil {
		return err
	}
	for _, m := range ms {
		if _, done := applied[m.version]; done || m.version > last {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("apply %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
			m.version, m.name, m.checksum); err != nil {
			return fmt.Errorf("record %s: %w", m.name, err)
		}
		log.Info("applied migration", "dialect", p.dialect, "migration", m.name)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
