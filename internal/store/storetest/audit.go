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

// audit builds a new AuditEvent as the server's log builds one: one agent, one type and subtype,
// an action, an outcome, recorded at second sec, the patients and the resources as entities.
func audit(id, agent, subtype string, sec int, patients ...string) store.New {
	r := rec("AuditEvent", id, 1, at(sec))
	idx := []search.Entry{
		ref("agent", "Practitioner", agent),
		token("type", "http://terminology.hl7.org/CodeSystem/audit-event-type", "rest"),
		token("subtype", "http://hl7.org/fhir/restful-interaction", subtype),
		token("action", "http://hl7.org/fhir/audit-event-action", "R"),
		token("outcome", "http://hl7.org/fhir/audit-event-outcome", "0"),
		date("date", at(sec), at(sec).Add(1e6)),
		str("address", "127.0.0.1"), // not a parameter the log keeps: ignored
	}
	for _, p := range patients {
		idx = append(idx, ref("patient", "Patient", p), ref("entity", "Patient", p), ref("entity", "CarePlan", "cp-"+p))
	}
	return store.New{Record: r, Index: idx}
}

func appendAudit(ctx context.Context, st store.Store, ns ...store.New) error {
	return st.Write(ctx, func(tx store.Tx) error { return tx.Append(ctx, ns) })
}

// testAuditEvents: AuditEvents written by Append and Put are read back byte for byte (Get, vread
// of version 1, history of the instance, the type and the system), inside the writing transaction
// too; an id is never written twice; an AuditEvent is never changed or deleted; a second agent is
// refused rather than lost.
func testAuditEvents(t *testing.T, st store.Store) {
	ctx := context.Background()
	create(t, st, "CarePlan", "cp-x", 0)
	if err := appendAudit(ctx, st, audit("a1", "p1", "read", 1, "x"), audit("a2", "p1", "read", 2, "x")); err != nil {
		t.Fatal(err)
	}
	n := audit("a3", "p2", "search-type", 3, "y")
	put(t, st, n.Record, n.Index...)
	for _, id := range []string{"a1", "a2", "a3"} {
		want := rec("AuditEvent", id, 1, at(0))
		got := get(t, st, "AuditEvent", id)
		if string(got.Body) != string(want.Body) || got.VersionID != 1 {
			t.Errorf("get %s = v%d %s", id, got.VersionID, got.Body)
		}
		if v, err := st.GetVersion(ctx, "AuditEvent", id, 1); err != nil || string(v.Body) != string(want.Body) {
			t.Errorf("vread %s/1 = %s, %v", id, v.Body, err)
		}
		if _, err := st.GetVersion(ctx, "AuditEvent", id, 2); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("vread %s/2: %v, want NotFound", id, err)
		}
	}
	if got, _ := st.Get(ctx, "AuditEvent", "a1"); !got.LastUpdated.Equal(at(1)) {
		t.Errorf("a1 lastUpdated %v, want %v", got.LastUpdated, at(1))
	}
	if _, err := st.Get(ctx, "AuditEvent", "nope"); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("get a missing AuditEvent: %v, want NotFound", err)
	}
	for _, tc := range []struct {
		q    store.HistoryQuery
		want []string
	}{
		{store.HistoryQuery{Type: "AuditEvent", ID: "a2"}, []string{"a2"}},
		{store.HistoryQuery{Type: "AuditEvent"}, []string{"a3", "a2", "a1"}},
		{store.HistoryQuery{}, []string{"a3", "a2", "a1", "cp-x"}},
		{store.HistoryQuery{Since: at(2)}, []string{"a3", "a2"}},
	} {
		h, _, err := st.History(ctx, tc.q)
		if err != nil || !slices.Equal(recordIDs(h), tc.want) {
			t.Errorf("history %+v = %v, %v; want %v", tc.q, recordIDs(h), err, tc.want)
		}
	}
	// inside a transaction its own entries are read and found
	err := st.Write(ctx, func(tx store.Tx) error {
		if err := tx.Append(ctx, []store.New{audit("a4", "p1", "read", 4, "x")}); err != nil {
			return err
		}
		if _, err := tx.Get(ctx, "AuditEvent", "a4"); err != nil {
			t.Errorf("Tx.Get of its own AuditEvent: %v", err)
		}
		q := one("AuditEvent", "agent", search.Reference, search.Value{RefType: "Practitioner", RefID: "p1"})
		sameIDs(t, "Tx.Search agent=p1", ids(t, tx, q), []string{"a1", "a2", "a4"})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	bad := audit("b2", "p1", "read", 5)
	bad.Index = append(bad.Index, ref("agent", "Practitioner", "p9"))
	for _, tc := range []struct {
		name string
		fn   func(tx store.Tx) error
		want apperr.Code
	}{
		{"existing id appended", func(tx store.Tx) error { return tx.Append(ctx, []store.New{audit("a1", "p", "read", 1)}) }, apperr.Conflict},
		{"existing id put", func(tx store.Tx) error { n := audit("a2", "p", "read", 1); return tx.Put(ctx, n.Record, n.Index) }, apperr.Conflict},
		{"twice in a batch", func(tx store.Tx) error {
			return tx.Append(ctx, []store.New{audit("b1", "p", "read", 1), audit("b1", "p", "read", 1)})
		}, apperr.Conflict},
		{"changed", func(tx store.Tx) error { return tx.Put(ctx, rec("AuditEvent", "a1", 2, at(9)), nil) }, apperr.Forbidden},
		{"deleted", func(tx store.Tx) error {
			return tx.Put(ctx, store.Record{Type: "AuditEvent", ID: "a1", VersionID: 2, LastUpdated: at(9), Deleted: true}, nil)
		}, apperr.Forbidden},
		{"two agents", func(tx store.Tx) error { return tx.Append(ctx, []store.New{bad}) }, apperr.Invalid},
		{"mixed with another type", func(tx store.Tx) error {
			return tx.Append(ctx, []store.New{audit("b3", "p", "read", 1), {Record: rec("CarePlan", "b3", 1, at(1))}})
		}, apperr.Invalid},
	} {
		if err := st.Write(ctx, tc.fn); !apperr.Is(err, tc.want) {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.want)
		}
	}
	if got := get(t, st, "AuditEvent", "a1"); string(got.Body) != string(rec("AuditEvent", "a1", 1, at(0)).Body) {
		t.Errorf("a1 changed: %s", got.Body)
	}
	for _, id := range []string{"b1", "b2", "b3"} {
		if _, err := st.Get(ctx, "AuditEvent", id); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s was kept: %v", id, err)
		}
	}
}

// testAuditEventSearch: every parameter the access log keeps, with its modifiers, _id,
// _lastUpdated, sorting and paging; other parameters and _include are refused.
func testAuditEventSearch(t *testing.T, st store.Store) {
	ctx := context.Background()
	var batch []store.New
	for i := range 30 {
		batch = append(batch, audit(fmt.Sprintf("e%02d", i), fmt.Sprintf("p%d", i%3), "read", i+1, fmt.Sprintf("c%d", i%5)))
	}
	batch = append(batch, audit("grant", "p1", "emergency-access", 40, "c0", "c1"))
	if err := appendAudit(ctx, st, batch...); err != nil {
		t.Fatal(err)
	}
	ref := func(typ, id string) search.Value { return search.Value{RefType: typ, RefID: id} }
	tok := func(system, code string) search.Value { return search.Value{System: system, Code: code} }
	yes, no := true, false
	subtype := "http://hl7.org/fhir/restful-interaction"
	cases := []searchCase{
		{"agent", one("AuditEvent", "agent", search.Reference, ref("Practitioner", "p2")),
			[]string{"e02", "e05", "e08", "e11", "e14", "e17", "e20", "e23", "e26", "e29"}},
		{"agent any type", one("AuditEvent", "agent", search.Reference, ref("", "p0"), ref("Device", "p1")),
			[]string{"e00", "e03", "e06", "e09", "e12", "e15", "e18", "e21", "e24", "e27"}},
		{"agent and subtype", search.Query{Type: "AuditEvent", Clauses: []search.Clause{
			{Param: "subtype", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "emergency-access"}}},
			{Param: "agent", Kind: search.Reference, Values: []search.Value{ref("Practitioner", "p1")}}}}, []string{"grant"}},
		{"patient", one("AuditEvent", "patient", search.Reference, ref("Patient", "c4")), []string{"e04", "e09", "e14", "e19", "e24", "e29"}},
		{"patient two values", one("AuditEvent", "patient", search.Reference, ref("Patient", "c4"), ref("", "c1")),
			[]string{"e01", "e04", "e06", "e09", "e11", "e14", "e16", "e19", "e21", "e24", "e26", "e29", "grant"}},
		{"entity", one("AuditEvent", "entity", search.Reference, ref("CarePlan", "cp-c3")), []string{"e03", "e08", "e13", "e18", "e23", "e28"}},
		{"patient and entity", search.Query{Type: "AuditEvent", Clauses: []search.Clause{
			{Param: "patient", Kind: search.Reference, Values: []search.Value{ref("Patient", "c0")}},
			{Param: "entity", Kind: search.Reference, Values: []search.Value{ref("CarePlan", "cp-c1")}}}}, []string{"grant"}},
		{"subtype with system", one("AuditEvent", "subtype", search.Token, tok(subtype, "emergency-access")), []string{"grant"}},
		{"subtype wrong system", one("AuditEvent", "subtype", search.Token, tok("urn:other", "emergency-access")), nil},
		{"subtype system only", func() search.Query {
			q := one("AuditEvent", "subtype", search.Token, tok(subtype, ""))
			q.Count = 100
			return q
		}(), append(idRange(0, 30), "grant")},
		{"subtype :not", search.Query{Type: "AuditEvent", Count: 100, Clauses: []search.Clause{{Param: "subtype", Kind: search.Token,
			Not: true, Values: []search.Value{{AnySystem: true, Code: "read"}}}}}, []string{"grant"}},
		{"action and outcome", search.Query{Type: "AuditEvent", Count: 5, Clauses: []search.Clause{
			{Param: "action", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "R"}}},
			{Param: "outcome", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "0"}}},
			{Param: "type", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "rest"}}}}}, idRange(0, 5)},
		{"outcome refused", one("AuditEvent", "outcome", search.Token, search.Value{AnySystem: true, Code: "4"}), nil},
		{"date ge", one("AuditEvent", "date", search.Date, search.Value{Prefix: search.Ge, Low: at(28), High: at(29)}), []string{"e27", "e28", "e29", "grant"}},
		{"date eq", one("AuditEvent", "date", search.Date, search.Value{Prefix: search.Eq, Low: at(5), High: at(6)}), []string{"e04"}},
		{"patient missing", search.Query{Type: "AuditEvent", Clauses: []search.Clause{{Param: "patient", Kind: search.Reference, Missing: &yes}}}, nil},
		{"agent not missing", search.Query{Type: "AuditEvent", Count: 3, Clauses: []search.Clause{{Param: "agent", Kind: search.Reference, Missing: &no}}}, idRange(0, 3)},
		{"_id", search.Query{Type: "AuditEvent", IDs: []string{"e07", "grant", "none"}}, []string{"e07", "grant"}},
		{"_lastUpdated", search.Query{Type: "AuditEvent", LastUpdated: []search.Value{{Prefix: search.Lt, Low: at(3), High: at(4)}}}, []string{"e00", "e01"}},
		{"sort -_lastUpdated, page 2", search.Query{Type: "AuditEvent", Sort: search.SortLastUpdatedDesc, Count: 3, Offset: 3},
			[]string{"e27", "e26", "e25"}},
		{"sort _lastUpdated", search.Query{Type: "AuditEvent", Sort: search.SortLastUpdatedAsc, Count: 2}, []string{"e00", "e01"}},
	}
	for _, tc := range cases {
		got := ids(t, st, tc.q)
		if tc.want == nil {
			tc.want = []string{}
		}
		if tc.q.Sort == search.SortDefault {
			slices.Sort(got)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	p, err := st.Search(ctx, search.Query{Type: "AuditEvent", Count: 30})
	if err != nil || len(p.Records) != 30 || !p.HasMore {
		t.Errorf("first page of 31: %d records, more %v, %v", len(p.Records), p.HasMore, err)
	}
	for name, q := range map[string]search.Query{
		"not kept":   one("AuditEvent", "address", search.String, search.Value{Text: "127"}),
		"wrong kind": one("AuditEvent", "agent", search.Token, search.Value{AnySystem: true, Code: "x"}),
		"include":    {Type: "AuditEvent", Include: []search.Include{{SourceType: "AuditEvent", Param: "patient"}}},
		":not on a reference": {Type: "AuditEvent", Clauses: []search.Clause{{Param: "patient", Kind: search.Reference, Not: true,
			Values: []search.Value{ref("Patient", "c0")}}}},
	} {
		if _, err := st.Search(ctx, q); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: %v, want Invalid", name, err)
		}
	}
}

func idRange(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("e%02d", i))
	}
	return out
}

// testAuditIngest: store.IngestAudit, the access log journal's way in, skips an entry whose id is
// stored already (ingested again after a crash) instead of failing, stores the rest, and leaves
// every entry found exactly once by its references; Append still refuses an existing id.
func testAuditIngest(t *testing.T, st store.Store) {
	ctx := context.Background()
	ingest := func(ns ...store.New) (int, error) {
		var n int
		err := st.Write(ctx, func(tx store.Tx) error {
			var err error
			n, err = store.IngestAudit(ctx, tx, ns)
			return err
		})
		return n, err
	}
	first := []store.New{audit("i1", "p1", "read", 1, "x"), audit("i2", "p1", "read", 2, "x", "y")}
	for _, tc := range []struct {
		name string
		ns   []store.New
		want int
	}{
		{"new", first, 2},
		{"the same again", first, 0},
		{"again with one more", append(slices.Clone(first), audit("i3", "p2", "search-type", 3, "y")), 1},
		{"none", nil, 0},
	} {
		if n, err := ingest(tc.ns...); err != nil || n != tc.want {
			t.Errorf("%s: %d new, %v; want %d", tc.name, n, err, tc.want)
		}
	}
	patient := func(id string) search.Query {
		return one("AuditEvent", "patient", search.Reference, search.Value{RefType: "Patient", RefID: id})
	}
	sameIDs(t, "patient x", ids(t, st, patient("x")), []string{"i1", "i2"})
	sameIDs(t, "patient y", ids(t, st, patient("y")), []string{"i2", "i3"})
	sameIDs(t, "entity cp-y", ids(t, st, one("AuditEvent", "entity", search.Reference,
		search.Value{RefType: "CarePlan", RefID: "cp-y"})), []string{"i2", "i3"})
	if err := appendAudit(ctx, st, audit("i1", "p1", "read", 1, "x")); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("Append of an ingested id: %v, want Conflict", err)
	}
	for name, n := range map[string]store.New{
		"another type": {Record: rec("CarePlan", "i9", 1, at(1))},
		"version 2":    {Record: rec("AuditEvent", "i9", 2, at(1))},
	} {
		if _, err := ingest(n); !apperr.Is(err, apperr.Invalid) && !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("%s: %v, want refused", name, err)
		}
	}
}

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
