package storetest

import (
	"context"
	"slices"
	"testing"

	"veiviser/internal/search"
	"veiviser/internal/store"
)

// withPatients is rec with the citizens it is about kept beside it.
func withPatients(r store.Record, ids ...string) store.Record {
	r.Patients, r.PatientsKnown = ids, true
	return r
}

// testPatients: the citizens a version is about come back with it from every read (Get, a
// transaction's Get, GetVersion, History, Search and its includes), per version; a record written
// without them says they are not known, and "about nobody" is known and empty.
func testPatients(t *testing.T, st store.Store) {
	ctx := context.Background()
	put(t, st, withPatients(rec("CarePlan", "cp", 1, at(1)), "p1", "p2"), ref("subject", "Patient", "p1"))
	put(t, st, withPatients(rec("CarePlan", "cp", 2, at(2)), "p3"), ref("subject", "Patient", "p3"),
		ref("care-team", "CareTeam", "ct"))
	put(t, st, withPatients(rec("CareTeam", "ct", 1, at(3))))
	put(t, st, rec("Goal", "g", 1, at(4)))
	if err := st.Write(ctx, func(tx store.Tx) error {
		return tx.Append(ctx, []store.New{{Record: withPatients(rec("Goal", "g2", 1, at(5)), "p4")}})
	}); err != nil {
		t.Fatalf("append: %v", err)
	}
	check := func(where string, got store.Record, known bool, want ...string) {
		t.Helper()
		if got.PatientsKnown != known || !slices.Equal(got.Patients, want) {
			t.Errorf("%s %s/%s v%d: patients %q known %v, want %q known %v", where, got.Type, got.ID,
				got.VersionID, got.Patients, got.PatientsKnown, want, known)
		}
	}
	check("Get", get(t, st, "CarePlan", "cp"), true, "p3")
	check("Get", get(t, st, "CareTeam", "ct"), true)
	check("Get", get(t, st, "Goal", "g"), false)
	check("Get", get(t, st, "Goal", "g2"), true, "p4")
	if err := st.Write(ctx, func(tx store.Tx) error {
		check("Tx.Get", get(t, tx, "CarePlan", "cp"), true, "p3")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	v1, err := st.GetVersion(ctx, "CarePlan", "cp", 1)
	if err != nil {
		t.Fatal(err)
	}
	check("GetVersion", v1, true, "p1", "p2")
	hist, _, err := st.History(ctx, store.HistoryQuery{Type: "CarePlan", ID: "cp"})
	if err != nil || len(hist) != 2 {
		t.Fatalf("history: %d versions, %v", len(hist), err)
	}
	check("History", hist[0], true, "p3")
	check("History", hist[1], true, "p1", "p2")
	page, err := st.Search(ctx, search.Query{Type: "CarePlan",
		Clauses: []search.Clause{{Param: "subject", Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p3"}}}},
		Include: []search.Include{{SourceType: "CarePlan", Param: "care-team"}}})
	if err != nil || len(page.Records) != 1 || len(page.Included) != 1 {
		t.Fatalf("search: %+v, %v", page, err)
	}
	check("Search", page.Records[0], true, "p3")
	check("Search include", page.Included[0], true)
	put(t, st, rec("CarePlan", "cp", 3, at(6)))
	check("Get after an update without them", get(t, st, "CarePlan", "cp"), false)
}
