package store

import (
	"context"
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
// no scan and no sort, with and without ANALYZE's statistics, over 5,000 plans.
func TestPostgresSubjectSearchPlan(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st := openInternal(t, legacyPostgres(t))
	seedPlans(t, st, 5000, 0)
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
	if _, err := conn.ExecContext(ctx, "PREPARE subject_search AS "+text); err != nil {
		t.Fatal(err)
	}
	for _, analyzed := range []bool{false, true} {
		if analyzed {
			if _, err := conn.ExecContext(ctx, "ANALYZE"); err != nil {
				t.Fatal(err)
			}
		}
		rows, err := conn.QueryContext(ctx, `EXPLAIN EXECUTE subject_search('CarePlan', 'subject', 'Patient', 'p-7', 21, 0)`)
		if err != nil {
			t.Fatal(err)
		}
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
		_ = rows.Close()
		plan := strings.Join(lines, "\n")
		for _, want := range []string{"Index Only Scan using search_reference_lookup", "Index Scan using resources_pkey", "$4"} {
			if !strings.Contains(plan, want) {
				t.Errorf("analyzed %v: the plan has no %q:\n%s", analyzed, want, plan)
			}
		}
		for _, bad := range []string{"Seq Scan", "Sort", "Bitmap"} {
			if strings.Contains(plan, bad) {
				t.Errorf("analyzed %v: the plan has a %q:\n%s", analyzed, bad, plan)
			}
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
