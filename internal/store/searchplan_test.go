package store

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"veiviser/internal/search"
)

// seedPlans writes n CarePlans, each about patient p-i and padded to about pad bytes, with
// Append (no per-row statements), so a large table is quick to make.
func seedPlans(tb testing.TB, st *sqlStore, n, pad int) {
	tb.Helper()
	ctx := context.Background()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for start := 0; start < n; start += 1000 {
		var batch []New
		for i := start; i < min(n, start+1000); i++ {
			body := fmt.Sprintf(`{"resourceType":"CarePlan","id":"cp-%d","subject":{"reference":"Patient/p-%d"},"status":"active","description":%q}`,
				i, i, strings.Repeat("x", pad))
			batch = append(batch, New{
				Record: Record{Type: "CarePlan", ID: fmt.Sprintf("cp-%d", i), VersionID: 1, LastUpdated: now, Body: []byte(body)},
				Index: []search.Entry{
					{Param: "subject", Kind: search.Reference, RefType: "Patient", RefID: fmt.Sprintf("p-%d", i)},
					{Param: "patient", Kind: search.Reference, RefType: "Patient", RefID: fmt.Sprintf("p-%d", i)},
					{Param: "status", Kind: search.Token, System: "http://hl7.org/fhir/request-status", Code: "active"},
				},
			})
		}
		if err := st.Write(ctx, func(tx Tx) error { return tx.Append(ctx, batch) }); err != nil {
			tb.Fatal(err)
		}
	}
}

// queryPlan returns SQLite's EXPLAIN QUERY PLAN of the search q, one detail per line.
func queryPlan(t *testing.T, st *sqlStore, q search.Query) string {
	t.Helper()
	text, args, err := st.pool().searchSQL(q, DefaultCount)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := st.p.read.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+text, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// TestSubjectSearchPlan: CarePlan?subject=Patient/x is an index lookup on the reference table's
// lookup key, then each resource by its primary key, in key order (no sort, no scan), with or
// without the planner's statistics, so its cost does not grow with the table.
func TestSubjectSearchPlan(t *testing.T) {
	t.Parallel()
	s, err := Open(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st := s.(*sqlStore)
	seedPlans(t, st, 5000, 0)
	subject := search.Clause{Param: "subject", Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p-7"}}}
	status := search.Clause{Param: "status", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "active"}}}
	want := []*regexp.Regexp{
		regexp.MustCompile(`(?m)^SEARCH s USING (COVERING INDEX search_reference_lookup|PRIMARY KEY) \(type=\? AND param=\? AND ref_id=\?`),
		regexp.MustCompile(`(?m)^SEARCH r USING (INDEX sqlite_autoindex_resources_1|PRIMARY KEY) \(type=\? AND id=\?\)`),
	}
	refuse := regexp.MustCompile(`(?m)^SCAN |TEMP B-TREE`)
	for _, analyzed := range []bool{false, true} {
		if analyzed {
			if _, err := st.p.write.Exec("ANALYZE"); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			name string
			q    search.Query
		}{
			{"subject", search.Query{Type: "CarePlan", Clauses: []search.Clause{subject}}},
			{"subject and status", search.Query{Type: "CarePlan", Clauses: []search.Clause{subject, status}}},
		} {
			plan := queryPlan(t, st, tc.q)
			for _, re := range want {
				if !re.MatchString(plan) {
					t.Errorf("%s (analyzed %v): the plan has no %s:\n%s", tc.name, analyzed, re, plan)
				}
			}
			if refuse.MatchString(plan) {
				t.Errorf("%s (analyzed %v): the plan scans or sorts:\n%s", tc.name, analyzed, plan)
			}
		}
		p, err := st.Search(context.Background(), search.Query{Type: "CarePlan", Clauses: []search.Clause{subject}})
		if err != nil || len(p.Records) != 1 || p.Records[0].ID != "cp-7" {
			t.Fatalf("search: %+v, %v", p.Records, err)
		}
	}
}

// TestReferenceSetSearchPlan: the set a long reference clause becomes (the need-to-know
// narrowing's one value per citizen in reach, sets.go) is read once, uncorrelated, and probed on
// the reference table's lookup key, whether it drives or follows another clause; no table is
// scanned.
func TestReferenceSetSearchPlan(t *testing.T) {
	t.Parallel()
	s, err := Open(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st := s.(*sqlStore)
	seedPlans(t, st, 5000, 0)
	reach := make([]search.Value, 600)
	for i := range reach {
		reach[i] = search.Value{RefType: "Patient", RefID: fmt.Sprintf("p-%d", 3*i)}
	}
	narrow := search.Clause{Param: "patient", Kind: search.Reference, Values: reach}
	status := search.Clause{Param: "status", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "active"}}}
	want := regexp.MustCompile(`(?m)^SEARCH s USING PRIMARY KEY \(type=\? AND param=\? AND ref_id=\?`)
	refuse := regexp.MustCompile(`(?m)^SCAN (r|s)\b|TEMP B-TREE|CORRELATED`)
	for name, q := range map[string]search.Query{
		"driving":      {Type: "CarePlan", Clauses: []search.Clause{narrow}, Count: 1000},
		"after status": {Type: "CarePlan", Clauses: []search.Clause{status, narrow}, Count: 1000},
	} {
		if plan := queryPlan(t, st, q); !want.MatchString(plan) || refuse.MatchString(plan) {
			t.Errorf("%s: want %s and no scan or correlated subquery:\n%s", name, want, plan)
		}
		p, err := st.Search(context.Background(), q)
		if err != nil || len(p.Records) != len(reach) {
			t.Errorf("%s: %d matches, want %d: %v", name, len(p.Records), len(reach), err)
		}
	}
}
