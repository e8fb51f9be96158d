package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"veiviser/internal/search"
)

// TestAuditLegacyMove: AuditEvents stored before migration 0007, as resources with index rows
// and in the SQLite journal, are moved into the access log's table when the store opens: every
// one readable with its body unchanged and searchable, nothing left behind, on both dialects.
func TestAuditLegacyMove(t *testing.T) {
	configs := map[string]func(t *testing.T) Config{
		"sqlite":   func(t *testing.T) Config { return Config{DataDir: t.TempDir()} },
		"postgres": legacyPostgres,
	}
	for name, cfg := range configs {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := cfg(t)
			ctx := context.Background()
			st, err := Open(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			s := st.(*sqlStore)
			storeLegacy(t, s.p.write, auditNew("j1", "p1"), auditNew("r1", "p1"), auditNew("r2", "p2"))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			st, err = Open(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for _, id := range []string{"j1", "r1", "r2"} {
				got, err := st.Get(ctx, "AuditEvent", id)
				if want := auditNew(id, "").Record; err != nil || string(got.Body) != string(want.Body) || !got.LastUpdated.Equal(jt0) {
					t.Errorf("get %s = %s %v, %v", id, got.Body, got.LastUpdated, err)
				}
			}
			q := search.Query{Type: "AuditEvent", Clauses: []search.Clause{{Param: "agent", Kind: search.Reference,
				Values: []search.Value{{RefType: "Practitioner", RefID: "p1"}}}, {Param: "subtype", Kind: search.Token,
				Values: []search.Value{{System: "s", Code: "read"}}}}}
			p, err := st.Search(ctx, q)
			var got []string
			for _, r := range p.Records {
				got = append(got, r.ID)
			}
			if err != nil || !slices.Equal(got, []string{"j1", "r1"}) {
				t.Errorf("agent=p1&subtype=s|read after the move = %v, %v", got, err)
			}
			db := st.(*sqlStore).p.read
			for _, table := range append([]string{"resources", "resource_versions", "audit_journal"}, indexTables[:]...) {
				var n int
				if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table+" WHERE type = 'AuditEvent'").Scan(&n); err != nil || n != 0 {
					t.Errorf("%s keeps %d AuditEvent rows, %v", table, n, err)
				}
			}
		})
	}
}

// storeLegacy writes the first entry as the journal of 0006 held it and the others as
// resources were stored before it.
func storeLegacy(t *testing.T, db *sql.DB, journal New, resources ...New) {
	t.Helper()
	ctx := context.Background()
	rows, err := rowsOf(journal.Index)
	if err != nil {
		t.Fatal(err)
	}
	r := journal.Record
	if _, err := db.ExecContext(ctx, `INSERT INTO audit_journal (type, id, last_updated, body, idx) VALUES ($1, $2, $3, $4, $5)`,
		r.Type, r.ID, toMicros(r.LastUpdated), r.Body, encodeRows(rows)); err != nil {
		t.Fatal(err)
	}
	for _, n := range resources {
		r := n.Record
		for _, table := range []string{"resources", "resource_versions"} {
			if _, err := db.ExecContext(ctx, "INSERT INTO "+table+` (type, id, version, last_updated, deleted, body)
				VALUES ($1, $2, 1, $3, 0, $4)`, r.Type, r.ID, toMicros(r.LastUpdated), r.Body); err != nil {
				t.Fatal(err)
			}
		}
		for _, e := range n.Index {
			table, cols, _ := indexInsert(e.Kind)
			args := append([]any{r.Type, r.ID, e.Param}, entryValues(e)...)
			ph := make([]string, len(args))
			for i := range ph {
				ph[i] = fmt.Sprintf("$%d", i+1)
			}
			text := "INSERT INTO " + table + " (type, id, param, " + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(ph, ", ") + ")"
			if _, err := db.ExecContext(ctx, text, args...); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// legacyPostgres is a store on a new schema of the test PostgreSQL (testutil cannot be imported
// here: it imports this package).
func legacyPostgres(t *testing.T) Config {
	base := os.Getenv("VEIVISER_TEST_POSTGRES_URL")
	if base == "" {
		t.Skip("VEIVISER_TEST_POSTGRES_URL is not set")
	}
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	schema := "test_" + hex.EncodeToString(b) // hex digits only: safe in the SQL text
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		_ = admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return Config{DatabaseURL: u.String()}
}
