package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"veiviser/internal/search"
)

// TestMigration0009: a store written by migration 0008's schema, with the duplicate index rows
// writers before 0009 could leave, answers every search the same after 0009, keeps each
// resource's rows as a set, refuses a duplicate row, and takes updates of rows written before
// (which have no digest of their index rows); on both dialects.
func TestMigration0009(t *testing.T) {
	entries := map[string][]search.Entry{
		"a": {tok("status", "active"), text("name", "ann"), refTo("subject", "Patient", "p1"), dJan, num("n", 1.5)},
		"b": {tok("status", "active"), tok("code", "x"), refTo("subject", "Patient", "p2"), dOpen},
	}
	yes := true
	queries := []search.Query{
		q1("status", search.Token, search.Value{System: "s", Code: "active"}),
		q1("code", search.Token, search.Value{AnySystem: true, Code: "x"}),
		q1("name", search.String, search.Value{Text: "an"}),
		q1("subject", search.Reference, search.Value{RefID: "p1"}),
		q1("period", search.Date, search.Value{Prefix: search.Ge, Low: dJan.Low, High: dJan.High}),
		q1("n", search.Number, search.Value{Prefix: search.Gt, Number: 1}),
		{Type: "Goal", Clauses: []search.Clause{{Param: "name", Kind: search.String, Missing: &yes}}},
		{Type: "Goal", Sort: search.SortLastUpdatedDesc},
	}
	for dialect, config := range dialectConfigs {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			cfg := config(t)
			before := writeAt0008(t, cfg, entries, queries)
			st, err := Open(ctx, cfg)
			if err != nil {
				t.Fatalf("open (migrating to 0009): %v", err)
			}
			defer st.Close()
			for i, q := range queries {
				if got := searchIDs(t, st, q); !slices.Equal(got, before[i]) {
					t.Errorf("query %d after 0009: %v, before %v", i, got, before[i])
				}
			}
			db := st.(*sqlStore).p.write
			for id, index := range entries {
				if got, want := storedRows(t, db, "Goal", id), distinctDescribed(index); !slices.Equal(got, want) {
					t.Errorf("%s's rows after 0009:\n got %q\nwant %q", id, got, want)
				}
			}
			if err := insertRawIndex(ctx, db, "Goal", "a", tok("status", "active")); err == nil || !isUniqueViolation(err) {
				t.Errorf("a duplicate index row after 0009: %v, want a unique violation", err)
			}
			if dialect == dialectSQLite {
				wantWithoutRowid(t, db)
			}
			// rows written before 0009 have no digest: an update reads and diffs them
			for _, u := range []struct {
				id      string
				version int64
				index   []search.Entry
			}{
				{"a", 3, []search.Entry{tok("status", "on-hold"), text("name", "ann"), refTo("subject", "Patient", "p1")}},
				{"b", 2, entries["b"]},
				{"b", 3, entries["b"][1:]},
				{"c", 3, entries["b"]},
			} {
				putIndexed(t, st, Record{Type: "Goal", ID: u.id, VersionID: u.version}, u.index)
				if got, want := storedRows(t, db, "Goal", u.id), distinctDescribed(u.index); !slices.Equal(got, want) {
					t.Errorf("%s's rows after version %d on 0009:\n got %q\nwant %q", u.id, u.version, got, want)
				}
			}
		})
	}
}

func q1(param string, kind search.Kind, v search.Value) search.Query {
	return search.Query{Type: "Goal", Clauses: []search.Clause{{Param: param, Kind: kind, Values: []search.Value{v}}}}
}

// writeAt0008 migrates cfg's database to 0008 and writes rows as the store did then (a in two
// versions, b, and c created and deleted), with a duplicate of a's and b's first two index rows as
// writers before 0009 could leave, and returns the queries' answers.
func writeAt0008(t *testing.T, cfg Config, entries map[string][]search.Entry, queries []search.Query) [][]string {
	t.Helper()
	ctx := context.Background()
	p, err := openPools(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateUpTo(ctx, p, slog.New(slog.DiscardHandler), 8); err != nil {
		t.Fatal(err)
	}
	s := newSQLStore(p, time.Now)
	defer s.Close()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, r := range []struct {
		id      string
		version int64
		deleted int
	}{{"a", 2, 0}, {"b", 1, 0}, {"c", 2, 1}} {
		var body []byte
		if r.deleted == 0 {
			body = fmt.Appendf(nil, `{"resourceType":"Goal","id":%q}`, r.id)
		}
		for v := int64(1); v <= r.version; v++ {
			if _, err := p.write.ExecContext(ctx, `INSERT INTO resource_versions (type, id, version, last_updated, deleted, body,
				patients) VALUES ('Goal', $1, $2, $3, $4, $5, '')`, r.id, v, toMicros(at), r.deleted, body); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := p.write.ExecContext(ctx, `INSERT INTO resources (type, id, version, last_updated, deleted, body, patients)
			VALUES ('Goal', $1, $2, $3, $4, $5, '')`, r.id, r.version, toMicros(at), r.deleted, body); err != nil {
			t.Fatal(err)
		}
		if r.deleted == 1 {
			continue
		}
		if err := insertRawIndex(ctx, p.write, "Goal", r.id, append(entries[r.id], entries[r.id][:2]...)...); err != nil {
			t.Fatalf("index rows at 0008: %v", err)
		}
	}
	if n := len(storedRows(t, p.write, "Goal", "a")); n != len(entries["a"])+2 {
		t.Fatalf("a has %d rows at 0008, want %d (duplicates kept)", n, len(entries["a"])+2)
	}
	var out [][]string
	for _, q := range queries {
		out = append(out, searchIDs(t, s, q))
	}
	return out
}

// insertRawIndex inserts index rows directly, as the writers before 0009 did (one INSERT each).
func insertRawIndex(ctx context.Context, db querier, typ, id string, index ...search.Entry) error {
	for _, e := range index {
		table, cols, _ := indexInsert(e.Kind)
		args := append([]any{typ, id, e.Param}, entryValues(e)...)
		ph := make([]string, len(args))
		for i := range ph {
			ph[i] = fmt.Sprintf("$%d", i+1)
		}
		q := "INSERT INTO " + table + " (type, id, param, " + strings.Join(cols, ", ") + ") VALUES (" + strings.Join(ph, ", ") + ")"
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return err
		}
	}
	return nil
}

func searchIDs(t *testing.T, st Reader, q search.Query) []string {
	t.Helper()
	p, err := st.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %+v: %v", q, err)
	}
	out := []string{}
	for _, r := range p.Records {
		out = append(out, r.ID)
	}
	return out
}

// wantWithoutRowid checks SQLite's schema: each index table is WITHOUT ROWID (its primary key is
// the table's b-tree, not an index of its own) and the per-resource index is its one index.
func wantWithoutRowid(t *testing.T, db *sql.DB) {
	t.Helper()
	ctx := context.Background()
	for _, table := range indexTables {
		var text string
		if err := db.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = $1", table).Scan(&text); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		if !strings.HasSuffix(strings.TrimSpace(text), "WITHOUT ROWID") {
			t.Errorf("%s is not WITHOUT ROWID: %s", table, text)
		}
		rows, err := db.QueryContext(ctx, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 ORDER BY name", table)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			names = append(names, n)
		}
		_ = rows.Close()
		if want := []string{table + "_resource"}; !slices.Equal(names, want) {
			t.Errorf("%s's indexes: %v, want %v", table, names, want)
		}
	}
}
