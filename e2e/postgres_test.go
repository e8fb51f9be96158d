package e2e

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// freshPostgres creates an empty database on the server named by VEIVISER_TEST_POSTGRES_URL
// and returns its URL; the database is dropped when the test ends. Without the variable the
// test is skipped (scripts/test and CI always set it).
func freshPostgres(t *testing.T) string {
	t.Helper()
	admin := os.Getenv("VEIVISER_TEST_POSTGRES_URL")
	if admin == "" {
		t.Skip("VEIVISER_TEST_POSTGRES_URL not set; scripts/test starts a PostgreSQL")
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("VEIVISER_TEST_POSTGRES_URL: %v", err)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "veiviser_e2e_" + hex.EncodeToString(b[:])

	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("connecting to PostgreSQL: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		db.Close()
		t.Fatalf("creating database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("dropping database %s: %v", name, err)
		}
		db.Close()
	})
	u.Path = "/" + name
	return u.String()
}
