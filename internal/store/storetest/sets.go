package storetest

import (
	"context"
	"fmt"
	"testing"

	"veiviser/internal/search"
	"veiviser/internal/store"
)

// longList is more ids than any per-value SQL can carry: past SQLite's 500 terms of a UNION
// ALL, its expression depth of 1000 and its 32766 arguments, and PostgreSQL's 65535.
const longList = 40000

// longRefs are references to Patient/p-0 ... p-(longList-1), of type typ ("" for any type).
func longRefs(typ string) []search.Value {
	vs := make([]search.Value, longList)
	for i := range vs {
		vs[i] = search.Value{RefType: typ, RefID: fmt.Sprintf("p-%d", i)}
	}
	return vs
}

func longIDs() []string {
	ids := make([]string, longList)
	for i := range ids {
		ids[i] = fmt.Sprintf("p-%d", i)
	}
	return ids
}

// testSearchLongValueLists: a clause or an _id list of any length is searched, as the
// need-to-know narrowing makes one (a reference per citizen in reach) for a caller who reaches
// many citizens: the driving clause, a later one, a mix of types, _id, and the access log.
func testSearchLongValueLists(t *testing.T, st store.Store) {
	active := token("status", "", "active")
	create(t, st, "CarePlan", "c1", 0, ref("subject", "Patient", "p-7"), active)
	create(t, st, "CarePlan", "c2", 1, ref("subject", "Patient", fmt.Sprintf("p-%d", longList-1)))
	create(t, st, "CarePlan", "c3", 2, ref("subject", "Group", "p-7"), active)
	create(t, st, "CarePlan", "c4", 3, ref("subject", "Patient", "q-1"), active)
	create(t, st, "Patient", "p-7", 4)
	create(t, st, "Patient", "q-1", 5)
	if err := appendAudit(context.Background(), st, audit("a1", "pr", "read", 6, "p-7"), audit("a2", "pr", "read", 7, "q-1")); err != nil {
		t.Fatal(err)
	}
	subject := func(vs ...search.Value) search.Clause {
		return search.Clause{Param: "subject", Kind: search.Reference, Values: vs}
	}
	status := search.Clause{Param: "status", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "active"}}}
	plans := func(cs ...search.Clause) search.Query { return search.Query{Type: "CarePlan", Clauses: cs} }
	cases := []searchCase{
		{"driving clause", plans(subject(longRefs("Patient")...)), []string{"c1", "c2"}},
		{"later clause", plans(status, subject(longRefs("Patient")...)), []string{"c1"}},
		{"two types", plans(subject(append(longRefs("Patient"), search.Value{RefType: "Group", RefID: "p-7"})...)), []string{"c1", "c2", "c3"}},
		{"any type", plans(status, subject(longRefs("")...)), []string{"c1", "c3"}},
		{"_id", search.Query{Type: "Patient", IDs: longIDs()}, []string{"p-7"}},
		{"_id and a clause", search.Query{Type: "CarePlan", IDs: []string{"c1", "c3", "c4"}, Clauses: []search.Clause{subject(longRefs("")...)}}, []string{"c1", "c3"}},
		{"access log", search.Query{Type: "AuditEvent", Clauses: []search.Clause{{Param: "patient", Kind: search.Reference, Values: longRefs("Patient")}}}, []string{"a1"}},
		{"access log by _id", search.Query{Type: "AuditEvent", IDs: append(longIDs(), "a2")}, []string{"a2"}},
	}
	for _, tc := range cases {
		p, err := st.Search(context.Background(), tc.q)
		if err != nil { // not %+v of the query: it holds longList values
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		sameIDs(t, tc.name, recordIDs(p.Records), tc.want)
	}
}
