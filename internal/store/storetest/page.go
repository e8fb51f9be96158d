package storetest

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

func testSearchSortAndPaging(t *testing.T, st store.Store) {
	// ids in one order, lastUpdated in another; two share a time to check the id tiebreak
	times := map[string]int{"e": 0, "b": 1, "d": 2, "a": 3, "c": 3}
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		create(t, st, "Goal", id, times[id], ref("subject", "Patient", "p1"))
	}
	create(t, st, "Goal", "other", 9, ref("subject", "Patient", "p2"))
	subj := []search.Clause{{Param: "subject", Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p1"}}}}
	runCases(t, st, []searchCase{
		{"default: by id", search.Query{Type: "Goal", Clauses: subj}, []string{"a", "b", "c", "d", "e"}},
		{"_lastUpdated", search.Query{Type: "Goal", Clauses: subj, Sort: search.SortLastUpdatedAsc}, []string{"e", "b", "d", "a", "c"}},
		{"-_lastUpdated", search.Query{Type: "Goal", Clauses: subj, Sort: search.SortLastUpdatedDesc}, []string{"c", "a", "d", "b", "e"}},
	})
	// Page through with Count 2: every match once, HasMore on all pages but the last.
	for _, sort := range []search.Sort{search.SortDefault, search.SortLastUpdatedAsc, search.SortLastUpdatedDesc} {
		all := ids(t, st, search.Query{Type: "Goal", Clauses: subj, Sort: sort})
		var got []string
		for off := 0; ; off += 2 {
			p, err := st.Search(context.Background(), search.Query{Type: "Goal", Clauses: subj, Sort: sort, Count: 2, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, recordIDs(p.Records)...)
			if wantMore := off+2 < len(all); p.HasMore != wantMore {
				t.Errorf("sort %d offset %d: HasMore %v, want %v", sort, off, p.HasMore, wantMore)
			}
			if !p.HasMore {
				break
			}
		}
		sameIDs(t, fmt.Sprintf("sort %d: pages joined", sort), got, all)
	}
	p, err := st.Search(context.Background(), search.Query{Type: "Goal", Clauses: subj, Count: 5})
	if err != nil || len(p.Records) != 5 || p.HasMore {
		t.Errorf("Count equal to the matches: %d records, HasMore %v, %v", len(p.Records), p.HasMore, err)
	}
	p, err = st.Search(context.Background(), search.Query{Type: "Goal", Offset: 10})
	if err != nil || len(p.Records) != 0 || p.HasMore {
		t.Errorf("offset past the end: %d records, HasMore %v, %v", len(p.Records), p.HasMore, err)
	}
}

func testSearchDefaultCount(t *testing.T, st store.Store) {
	ctx := context.Background()
	if err := st.Write(ctx, func(tx store.Tx) error {
		for i := range store.DefaultCount + 1 {
			if err := tx.Put(ctx, rec("Goal", fmt.Sprintf("g%02d", i), 1, at(i)), nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	p, err := st.Search(ctx, search.Query{Type: "Goal"})
	if err != nil || len(p.Records) != store.DefaultCount || !p.HasMore {
		t.Errorf("default count: %d records, HasMore %v, %v; want %d, true", len(p.Records), p.HasMore, err, store.DefaultCount)
	}
	p, err = st.Search(ctx, search.Query{Type: "Goal", Count: store.MaxCount + 5})
	if err != nil || len(p.Records) != store.DefaultCount+1 || p.HasMore {
		t.Errorf("large count: %d records, HasMore %v, %v", len(p.Records), p.HasMore, err)
	}
}

func testSearchInclude(t *testing.T, st store.Store) {
	create(t, st, "Goal", "g1", 0)
	create(t, st, "Goal", "g2", 1)
	create(t, st, "Goal", "g3", 2)
	put(t, st, store.Record{Type: "Goal", ID: "g3", VersionID: 2, LastUpdated: at(3), Deleted: true})
	create(t, st, "CareTeam", "t1", 4)
	create(t, st, "CarePlan", "c1", 5, ref("subject", "Patient", "p1"), ref("goal", "Goal", "g1"),
		ref("goal", "Goal", "g2"), ref("goal", "Goal", "g3"), ref("care-team", "CareTeam", "t1"))
	create(t, st, "CarePlan", "c2", 6, ref("subject", "Patient", "p1"), ref("goal", "Goal", "g1"),
		ref("goal", "Goal", "gone"), ref("related", "CarePlan", "c1"))
	create(t, st, "CarePlan", "c3", 7, ref("subject", "Patient", "p2"), ref("goal", "Goal", "g2"))
	subj := []search.Clause{{Param: "subject", Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p1"}}}}
	for _, tc := range []struct {
		name    string
		include []search.Include
		want    []string
	}{
		{"goal: each once, deleted and unknown left out", []search.Include{{SourceType: "CarePlan", Param: "goal"}}, []string{"Goal/g1", "Goal/g2"}},
		{"goal and care-team", []search.Include{{SourceType: "CarePlan", Param: "goal", TargetType: "Goal"},
			{SourceType: "CarePlan", Param: "care-team"}}, []string{"CareTeam/t1", "Goal/g1", "Goal/g2"}},
		{"target type filters", []search.Include{{SourceType: "CarePlan", Param: "goal", TargetType: "CareTeam"}}, nil},
		{"a match is not included again", []search.Include{{SourceType: "CarePlan", Param: "related"}}, nil},
		{"other source type ignored", []search.Include{{SourceType: "Goal", Param: "goal"}}, nil},
	} {
		p, err := st.Search(context.Background(), search.Query{Type: "CarePlan", Clauses: subj, Include: tc.include})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		sameIDs(t, tc.name+": matches", recordIDs(p.Records), []string{"c1", "c2"})
		var got []string
		for _, r := range p.Included {
			if len(r.Body) == 0 || r.VersionID == 0 || r.LastUpdated.IsZero() {
				t.Errorf("%s: included %s/%s incomplete: %+v", tc.name, r.Type, r.ID, r)
			}
			got = append(got, r.Type+"/"+r.ID)
		}
		slices.Sort(got)
		sameIDs(t, tc.name+": included", got, tc.want)
	}
	// Include applies to the page only.
	p, err := st.Search(context.Background(), search.Query{Type: "CarePlan", Clauses: subj, Count: 1, Offset: 1,
		Include: []search.Include{{SourceType: "CarePlan", Param: "goal"}}})
	if err != nil {
		t.Fatal(err)
	}
	sameIDs(t, "include of the second page", recordIDs(p.Included), []string{"g1"})
}

func testSearchRejectsBadQueries(t *testing.T, st store.Store) {
	create(t, st, "Goal", "g1", 0)
	for _, tc := range []struct {
		name string
		q    search.Query
	}{
		{"no type", search.Query{}},
		{"unknown kind", one("Goal", "x", search.Kind("quantity"), search.Value{Code: "1"})},
		{"no values", one("Goal", "x", search.Token)},
		{"unknown date prefix", one("Goal", "x", search.Date, search.Value{Prefix: "xx"})},
		{"unknown number prefix", one("Goal", "x", search.Number, search.Value{Prefix: "xx"})},
		{":not on a string", search.Query{Type: "Goal", Clauses: []search.Clause{{Param: "x", Kind: search.String, Not: true,
			Values: []search.Value{{Text: "a"}}}}}},
		{"unknown sort", search.Query{Type: "Goal", Sort: search.Sort(99)}},
	} {
		_, err := st.Search(context.Background(), tc.q)
		wantCode(t, tc.name, err, apperr.Invalid)
	}
	// A parameter name is a value, never SQL.
	q := one("Goal", "x' OR '1'='1", search.Token, search.Value{AnySystem: true, Code: "' OR 1=1 --"})
	sameIDs(t, "quotes in names and values", ids(t, st, q), nil)
}

func testUpdateReplacesIndex(t *testing.T, st store.Store) {
	create(t, st, "Goal", "g1", 0, token("lifecycle-status", "", "proposed"), str("description", "walk"),
		ref("subject", "Patient", "p1"), number("n", 1))
	put(t, st, rec("Goal", "g1", 2, at(1)), token("lifecycle-status", "", "active"))
	runCases(t, st, []searchCase{
		{"new token", one("Goal", "lifecycle-status", search.Token, search.Value{AnySystem: true, Code: "active"}), []string{"g1"}},
		{"old token gone", one("Goal", "lifecycle-status", search.Token, search.Value{AnySystem: true, Code: "proposed"}), nil},
		{"old string gone", one("Goal", "description", search.String, search.Value{Text: "walk"}), nil},
		{"old reference gone", one("Goal", "subject", search.Reference, search.Value{RefID: "p1"}), nil},
		{"old number gone", one("Goal", "n", search.Number, search.Value{Number: 1}), nil},
	})
}
