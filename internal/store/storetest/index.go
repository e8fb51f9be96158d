package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"veiviser/internal/search"
	"veiviser/internal/store"
)

// testUpdateIndexDiff: whatever a new version keeps, changes, adds or drops of its resource's index
// entries, and however often it names one entry, every search afterwards answers as if the
// resource had only ever had the new version's entries; a neighbour sharing entries keeps its own;
// a deletion removes them all and a re-creation brings its own back (here the very entries the
// deletion removed).
func testUpdateIndexDiff(t *testing.T, st store.Store) {
	jan := date("period", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC))
	feb := date("period", time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	first := []search.Entry{token("status", "s", "active"), token("status", "s", "active"), str("description", "walk"),
		ref("subject", "Patient", "p1"), jan, number("n", 1), number("n", 1)}
	neighbour := []search.Entry{token("status", "s", "active"), ref("subject", "Patient", "p1"), jan}
	steps := []struct {
		name    string
		deleted bool
		index   []search.Entry
	}{
		{"create with duplicates", false, first},
		{"update changing none", false, first},
		{"update changing some", false, []search.Entry{token("status", "s", "on-hold"), str("description", "walk"),
			ref("subject", "Patient", "p1"), ref("subject", "Patient", "p1"), jan, feb}},
		{"update adding a duplicate of a kept entry", false, []search.Entry{token("status", "s", "on-hold"),
			token("status", "s", "on-hold"), str("description", "walk"), ref("subject", "Patient", "p1"), jan, feb}},
		{"update changing all", false, []search.Entry{token("category", "c", "x"), str("description", "run"),
			ref("performer", "Practitioner", "pr1"), date("due", jan.Low, jan.High), number("n", 2)}},
		{"update to no entries", false, nil},
		{"update from none", false, first},
		{"delete", true, nil},
		{"re-create after delete", false, first},
	}
	var probes []search.Entry
	for _, s := range steps {
		probes = append(probes, s.index...)
	}
	create(t, st, "Goal", "g2", 0, neighbour...)
	for i, s := range steps {
		r := rec("Goal", "g1", int64(i+1), at(i+1))
		if s.deleted {
			r.Deleted, r.Body = true, nil
		}
		put(t, st, r, s.index...)
		current := map[string][]search.Entry{"g1": s.index, "g2": neighbour}
		for _, p := range probes {
			sameIDs(t, s.name+": "+p.Param+" "+describe(p), ids(t, st, probeQuery(p)), holders(current, p))
		}
		missing := true
		q := search.Query{Type: "Goal", Clauses: []search.Clause{{Param: "status", Kind: search.Token, Missing: &missing}}}
		var want []string
		if !s.deleted && !slices.ContainsFunc(s.index, func(e search.Entry) bool { return e.Param == "status" }) {
			want = []string{"g1"}
		}
		sameIDs(t, s.name+": status:missing", ids(t, st, q), want)
	}
}

// probeQuery finds the resources with an entry equal to e.
func probeQuery(e search.Entry) search.Query {
	v := search.Value{System: e.System, Code: e.Code, Text: e.Text, Exact: true, RefType: e.RefType, RefID: e.RefID,
		Low: e.Low, High: e.High, Number: e.Number, Prefix: search.Eq}
	return one("Goal", e.Param, e.Kind, v)
}

// holders are the ids, in order, whose entries hold one equal to e.
func holders(current map[string][]search.Entry, e search.Entry) []string {
	var out []string
	for _, id := range []string{"g1", "g2"} {
		if slices.ContainsFunc(current[id], func(x search.Entry) bool { return sameEntry(x, e) }) {
			out = append(out, id)
		}
	}
	return out
}

func sameEntry(a, b search.Entry) bool {
	return a.Param == b.Param && a.Kind == b.Kind && a.System == b.System && a.Code == b.Code && a.Text == b.Text &&
		a.RefType == b.RefType && a.RefID == b.RefID && a.Low.Equal(b.Low) && a.High.Equal(b.High) && a.Number == b.Number
}

func describe(e search.Entry) string {
	switch e.Kind {
	case search.Token:
		return e.System + "|" + e.Code
	case search.String:
		return e.Text
	case search.Reference:
		return e.RefType + "/" + e.RefID
	case search.Date:
		return e.Low.Format(time.DateOnly) + ".." + e.High.Format(time.DateOnly)
	}
	return "number"
}

// testAppendDuplicateEntries: a batch of new resources, one naming an entry twice, writes and
// searches like Put.
func testAppendDuplicateEntries(t *testing.T, st store.Store) {
	ctx := context.Background()
	dup := []search.Entry{ref("subject", "Patient", "p1"), ref("subject", "Patient", "p1"), token("status", "s", "active")}
	if err := st.Write(ctx, func(tx store.Tx) error {
		return tx.Append(ctx, []store.New{{Record: rec("Goal", "a1", 1, at(0)), Index: dup},
			{Record: rec("Goal", "a2", 1, at(1)), Index: dup[1:]}})
	}); err != nil {
		t.Fatal(err)
	}
	put(t, st, rec("Goal", "a1", 2, at(2)), dup[:2]...)
	runCases(t, st, []searchCase{
		{"subject", one("Goal", "subject", search.Reference, search.Value{RefType: "Patient", RefID: "p1"}), []string{"a1", "a2"}},
		{"status", one("Goal", "status", search.Token, search.Value{System: "s", Code: "active"}), []string{"a2"}},
	})
}
