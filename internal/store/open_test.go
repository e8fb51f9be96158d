package store_test

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestSQLiteReopenKeepsData(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "not", "yet", "there")
	cfg := store.Config{DataDir: dir}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	rec := store.Record{Type: "Patient", ID: "p1", VersionID: 1, LastUpdated: time.Now(), Body: []byte(`{"a":1}`)}
	if err := st.Write(ctx, func(tx store.Tx) error { return tx.Put(ctx, rec, nil) }); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "veiviser.db")); err != nil {
		t.Fatalf("database file: %v", err)
	}
	if err := store.Migrate(ctx, cfg); err != nil {
		t.Fatalf("Migrate on a migrated database: %v", err)
	}
	st, err = store.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer st.Close()
	got, err := st.Get(ctx, "Patient", "p1")
	if err != nil || string(got.Body) != `{"a":1}` {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
}

// TestMigrateConcurrently starts several migration runs on one fresh database at once, as several
// instances starting together would: every run succeeds and the schema works.
func TestMigrateConcurrently(t *testing.T) {
	t.Parallel()
	configs := map[string]func(t *testing.T) store.Config{
		"sqlite":   func(t *testing.T) store.Config { return store.Config{DataDir: t.TempDir()} },
		"postgres": func(t *testing.T) store.Config { return store.Config{DatabaseURL: testutil.PostgresURL(t)} },
	}
	for name, config := range configs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cfg := config(t)
			ctx := context.Background()
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Go(func() { errs[i] = store.Migrate(ctx, cfg) })
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("migration run %d: %v", i, err)
				}
			}
			st, err := store.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Search(ctx, search.Query{Type: "Patient"}); err != nil {
				t.Fatalf("search after migration: %v", err)
			}
		})
	}
}

func TestOpenRejectsBadConfig(t *testing.T) {
	t.Parallel()
	for _, cfg := range []store.Config{
		{},
		{DatabaseURL: "mysql://localhost/x"},
		{DatabaseURL: "not a url"},
	} {
		if st, err := store.Open(context.Background(), cfg); err == nil {
			st.Close()
			t.Errorf("Open(%+v) succeeded, want an error", cfg)
		}
	}
}
