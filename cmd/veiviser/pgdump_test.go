package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver, for the test's own admin connection

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestPostgresDumpRestore (issue 17, point 1): the PostgreSQL path docs/operations.md gives,
// pg_dump -Fc and pg_restore into a new database, brings back every record, and the restored
// store opens (its migrations recorded, nothing to apply).
func TestPostgresDumpRestore(t *testing.T) {
	src := testutil.PostgresURL(t)
	for _, tool := range []string{"pg_dump", "pg_restore"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (scripts/test installs PostgreSQL's client tools): %v", tool, err)
		}
	}
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DatabaseURL: src})
	if err != nil {
		t.Fatal(err)
	}
	const n = 30
	for i := 1; i <= n; i++ {
		rec := store.Record{Type: "Basic", ID: fmt.Sprintf("b%d", i), VersionID: 1, LastUpdated: time.Now().UTC(),
			Body: []byte(fmt.Sprintf(`{"resourceType":"Basic","id":"b%d","meta":{"versionId":"1"}}`, i))}
		if err := st.Write(ctx, func(tx store.Tx) error { return tx.Put(ctx, rec, nil) }); err != nil {
			t.Fatal(err)
		}
	}
	_ = st.Close()

	u, _ := url.Parse(src)
	schema := u.Query().Get("search_path")
	base := os.Getenv(testutil.PostgresEnv)
	dump := filepath.Join(t.TempDir(), "veiviser.dump")
	if out, err := exec.Command("pg_dump", "-Fc", "-n", schema, "-f", dump, "-d", base).CombinedOutput(); err != nil {
		t.Fatalf("pg_dump: %v\n%s", err, out)
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	db := "restored_" + schema
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+db); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = admin.ExecContext(context.Background(), "DROP DATABASE "+db+" WITH (FORCE)") })
	target, _ := url.Parse(base)
	target.Path = "/" + db
	if out, err := exec.Command("pg_restore", "--no-owner", "-d", target.String(), dump).CombinedOutput(); err != nil {
		t.Fatalf("pg_restore: %v\n%s", err, out)
	}
	q := target.Query()
	q.Set("search_path", schema)
	target.RawQuery = q.Encode()
	rs, err := store.Open(ctx, store.Config{DatabaseURL: target.String()})
	if err != nil {
		t.Fatalf("opening the restored database: %v", err)
	}
	defer rs.Close()
	for i := 1; i <= n; i++ {
		if _, err := rs.Get(ctx, "Basic", fmt.Sprintf("b%d", i)); err != nil {
			t.Fatalf("record b%d after the restore: %v", i, err)
		}
	}
}
