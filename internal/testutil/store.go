// Package testutil gives tests real stores (a SQLite file in a temporary folder, a fresh schema on
// the test PostgreSQL) and a clock they control.
package testutil

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create and drop test schemas

	"veiviser/internal/store"
)

// PostgresEnv names the environment variable holding the test PostgreSQL URL.
const PostgresEnv = "VEIVISER_TEST_POSTGRES_URL"

// NewSQLite opens a store on a new SQLite file in a temporary folder, closed at cleanup.
func NewSQLite(t testing.TB) store.Store {
	t.Helper()
	return openStore(t, store.Config{DataDir: t.TempDir()})
}

// NewPostgres opens a store on a new schema of the PostgreSQL named by VEIVISER_TEST_POSTGRES_URL,
// so tests may run in parallel; the schema is dropped at cleanup. Without the variable the test is
// skipped.
func NewPostgres(t testing.TB) store.Store {
	t.Helper()
	return openStore(t, store.Config{DatabaseURL: PostgresURL(t)})
}

// PostgresURL creates an empty schema on the PostgreSQL named by VEIVISER_TEST_POSTGRES_URL and
// returns a URL whose connections use it (search_path); the schema is dropped at cleanup. Without
// the variable the test is skipped. Use it to test `veiviser migrate` or a server process.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " is not set; skipping the PostgreSQL store")
	}
	schema := "test_" + randomHex(t, 8)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("open %s: %v", PostgresEnv, err)
	}
	ctx := context.Background()
	// The schema name is made here of hex digits, so it is safe in the SQL text.
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		_ = admin.Close()
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		defer func() { _ = admin.Close() }()
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(t, base, schema)
}

// Stores names the store openers, so a test can run on each:
//
//	for name, open := range testutil.Stores() {
//		t.Run(name, func(t *testing.T) { st := open(t); ... })
//	}
func Stores() map[string]func(testing.TB) store.Store {
	return map[string]func(testing.TB) store.Store{"sqlite": NewSQLite, "postgres": NewPostgres}
}

// EachStore runs fn as a parallel subtest on each store ("sqlite", "postgres").
func EachStore(t *testing.T, fn func(t *testing.T, st store.Store)) {
	t.Helper()
	for _, name := range []string{"sqlite", "postgres"} {
		open := Stores()[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			fn(t, open(t))
		})
	}
}

func openStore(t testing.TB, cfg store.Config) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := st.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return st
}

// withSearchPath adds search_path=schema to a PostgreSQL URL; pgx sends it as a run-time parameter.
func withSearchPath(t testing.TB, base, schema string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func randomHex(t testing.TB, n int) string {
	t.Helper()
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatalf("random: %v", err)
	}
	return hex.EncodeToString(b)
}
