package store

import (
	"context"
	"database/sql"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/search"
)

// TestPostgresPlanCacheMode: every connection of a PostgreSQL store plans its prepared statements
// generically (postgresConfig), unless the URL says otherwise.
func TestPostgresPlanCacheMode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, param, want string }{
		{"the store's default", "", "force_generic_plan"},
		{"the URL's own", "auto", "auto"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := legacyPostgres(t)
			if tc.param != "" {
				u, err := url.Parse(cfg.DatabaseURL)
				if err != nil {
					t.Fatal(err)
				}
				q := u.Query()
				q.Set("plan_cache_mode", tc.param)
				u.RawQuery = q.Encode()
				cfg.DatabaseURL = u.String()
			}
			st := openInternal(t, cfg)
			var got string
			if err := st.p.read.QueryRowContext(context.Background(), "SHOW plan_cache_mode").Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("plan_cache_mode = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPostgresSubjectSearchPlan: the generic plan of CarePlan?subject=Patient/x (what every
// execution runs) is a lookup on search_reference's key, then each resource by its primary key:
// no scan and no sort, over 5,000 plans, when made without ANALYZE's statistics (a freshly seeded
// database) and with them. A generic plan made while the table was empty is kept as it grows (it
// reads every resource of the type per match) until statistics change: ANALYZE, which autovacuum
// runs once 50 rows and 10 % have changed, makes PostgreSQL plan it again.
func TestPostgresSubjectSearchPlan(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := openInternal(t, legacyPostgres(t))
	q := search.Query{Type: "CarePlan", Clauses: []search.Clause{{Param: "subject", Kind: search.Reference,
		Values: []search.Value{{RefType: "Patient", RefID: "p-7"}}}}}
	text, _, err := st.pool().searchSQL(q, DefaultCount)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := st.p.read.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = conn.Close() }()
	exec := func(sql string) {
		t.Helper()
		if _, err := conn.ExecContext(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	const args = "('CarePlan', 'subject', 'Patient', 'p-7', 21, 0)"
	exec("PREPARE made_empty AS " + text)
	exec("EXECUTE made_empty" + args) // its generic plan is made now, on the empty table
	seedPlans(t, st, 5000, 0)
	exec("PREPARE made_seeded AS " + text)
	checkGenericPlan(t, conn, "made after the seed, no statistics", "EXPLAIN EXECUTE made_seeded"+args)
	exec("ANALYZE")
	checkGenericPlan(t, conn, "made after the seed, ANALYZE", "EXPLAIN EXECUTE made_seeded"+args)
	checkGenericPlan(t, conn, "made on the empty table, ANALYZE", "EXPLAIN EXECUTE made_empty"+args)
}

// checkGenericPlan runs explain on conn and fails unless the plan is generic and made of the
// subject search's two key lookups.
func checkGenericPlan(t *testing.T, conn *sql.Conn, name, explain string) {
	t.Helper()
	rows, err := conn.QueryContext(context.Background(), explain)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rows.Close() }()
	var lines []string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	plan := strings.Join(lines, "\n")
	for _, want := range []string{"Index Only Scan using search_reference_lookup", "Index Scan using resources_pkey", "$4"} {
		if !strings.Contains(plan, want) {
			t.Errorf("%s: the plan has no %q:\n%s", name, want, plan)
		}
	}
	for _, bad := range []string{"Seq Scan", "Sort", "Bitmap"} {
		if strings.Contains(plan, bad) {
			t.Errorf("%s: the plan has a %q:\n%s", name, bad, plan)
		}
	}
}

// openInternal opens cfg's store and closes it at cleanup.
func openInternal(t *testing.T, cfg Config) *sqlStore {
	t.Helper()
	s, err := Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s.(*sqlStore)
}
