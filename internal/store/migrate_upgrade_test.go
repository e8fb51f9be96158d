package store

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUpgrades (issue 17, point 2), on both stores: a newer binary migrates an older store at
// start, on SQLite after a backup of the store as it was; a store a newer Veiviser migrated is
// refused with what to do; a migration whose file changed after it was applied is detected; a
// store from before checksums were kept gets them.
func TestUpgrades(t *testing.T) {
	ctx := context.Background()
	discard := slog.New(slog.DiscardHandler)
	for dialect, config := range dialectConfigs {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ms, err := loadMigrations(dialect)
			if err != nil {
				t.Fatal(err)
			}
			latest := ms[len(ms)-1]
			cfg := config(t)
			exec := func(q string, args ...any) {
				t.Helper()
				p, err := openPools(ctx, cfg)
				if err != nil {
					t.Fatal(err)
				}
				defer p.close()
				if _, err := p.write.ExecContext(ctx, q, args...); err != nil {
					t.Fatal(err)
				}
			}
			// an older release: every migration but the last, and no checksums kept
			p, err := openPools(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := migrateUpTo(ctx, p, discard, latest.version-1); err != nil {
				t.Fatal(err)
			}
			_ = p.close()
			exec("UPDATE schema_migrations SET checksum = NULL")

			st, err := Open(ctx, cfg)
			if err != nil {
				t.Fatalf("the newer binary on the older store: %v", err)
			}
			_ = st.Close()
			p, err = openPools(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			applied, err := appliedMigrations(ctx, p.write)
			_ = p.close()
			if err != nil || applied[latest.version].name != latest.name {
				t.Fatalf("after the upgrade: %v, %v", applied, err)
			}
			for v, a := range applied {
				if a.checksum == "" {
					t.Errorf("migration %d has no checksum after the upgrade", v)
				}
			}
			if dialect == dialectSQLite {
				backups, _ := filepath.Glob(filepath.Join(cfg.DataDir, "backups", "veiviser-before-"+trimSQL(latest.name)+"-*.db"))
				if len(backups) != 1 {
					t.Fatalf("backups before the upgrade: %v", backups)
				}
				if got := maxVersion(t, backups[0]); got != latest.version-1 {
					t.Errorf("the backup holds the store at migration %d, want %d (as it was before the upgrade)", got, latest.version-1)
				}
			}

			// reopening migrates nothing and backs up nothing more
			st, err = Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			_ = st.Close()
			if dialect == dialectSQLite {
				if backups, _ := filepath.Glob(filepath.Join(cfg.DataDir, "backups", "*.db")); len(backups) != 1 {
					t.Errorf("a reopening with nothing to migrate backed up again: %v", backups)
				}
			}

			// an edited migration
			exec("UPDATE schema_migrations SET checksum = 'deadbeef' WHERE version = 1")
			if _, err := Open(ctx, cfg); err == nil || !strings.Contains(err.Error(), "has changed since it was applied") {
				t.Errorf("an edited migration: %v", err)
			}
			exec("UPDATE schema_migrations SET checksum = $1 WHERE version = 1", ms[0].checksum)

			// an older binary on a store a newer one migrated
			exec("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", latest.version+1, "9999_from_the_future.sql", "abc")
			if _, err := Open(ctx, cfg); err == nil || !strings.Contains(err.Error(), "migrated by a newer Veiviser") || !strings.Contains(err.Error(), "9999_from_the_future.sql") {
				t.Errorf("a store from a newer version: %v", err)
			}
		})
	}
}

// maxVersion is the newest migration a SQLite file at path records.
func maxVersion(t *testing.T, path string) int64 {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int64
	if err := db.QueryRow("SELECT max(version) FROM schema_migrations").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}
