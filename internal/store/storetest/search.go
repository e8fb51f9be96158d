package storetest

import (
	"testing"
	"time"

	"veiviser/internal/search"
	"veiviser/internal/store"
)

// one is a query of typ with one clause.
func one(typ, param string, kind search.Kind, values ...search.Value) search.Query {
	return search.Query{Type: typ, Clauses: []search.Clause{{Param: param, Kind: kind, Values: values}}}
}

type searchCase struct {
	name string
	q    search.Query
	want []string
}

func runCases(t *testing.T, st store.Store, cases []searchCase) {
	t.Helper()
	for _, tc := range cases {
		sameIDs(t, tc.name, ids(t, st, tc.q), tc.want)
	}
}

func testSearchToken(t *testing.T, st store.Store) {
	const fnr = "urn:oid:2.16.578.1.12.4.1.4.1"
	create(t, st, "Patient", "a", 0, token("identifier", fnr, "01010112345"), token("active", "", "true"))
	create(t, st, "Patient", "b", 1, token("identifier", "urn:other", "01010112345"), token("active", "", "false"))
	create(t, st, "Patient", "c", 2, token("identifier", "", "01010112345"))
	create(t, st, "Patient", "d", 3, token("identifier", fnr, "99"), token("identifier", "urn:other", "77"))
	create(t, st, "Goal", "a", 4, token("identifier", fnr, "01010112345")) // another type
	tok := func(vs ...search.Value) search.Query { return one("Patient", "identifier", search.Token, vs...) }
	runCases(t, st, []searchCase{
		{"code in any system", tok(search.Value{AnySystem: true, Code: "01010112345"}), []string{"a", "b", "c"}},
		{"system|code", tok(search.Value{System: fnr, Code: "01010112345"}), []string{"a"}},
		{"|code: no system", tok(search.Value{Code: "01010112345"}), []string{"c"}},
		{"system|: any code", tok(search.Value{System: fnr}), []string{"a", "d"}},
		{"values are ORed", tok(search.Value{System: fnr, Code: "99"}, search.Value{System: "urn:other", Code: "01010112345"}), []string{"b", "d"}},
		{"no match", tok(search.Value{AnySystem: true, Code: "0101011234"}), nil},
		{"codes are case sensitive", one("Patient", "active", search.Token, search.Value{AnySystem: true, Code: "TRUE"}), nil},
		{":not", search.Query{Type: "Patient", Clauses: []search.Clause{{Param: "active", Kind: search.Token, Not: true,
			Values: []search.Value{{AnySystem: true, Code: "true"}}}}}, []string{"b", "c", "d"}},
		{":not with two values", search.Query{Type: "Patient", Clauses: []search.Clause{{Param: "identifier", Kind: search.Token, Not: true,
			Values: []search.Value{{System: fnr, Code: "01010112345"}, {AnySystem: true, Code: "77"}}}}}, []string{"b", "c"}},
		{"parameter name matters", one("Patient", "active", search.Token, search.Value{AnySystem: true, Code: "01010112345"}), nil},
	})
}

func testSearchString(t *testing.T, st store.Store) {
	create(t, st, "Patient", "a", 0, str("name", "nordmann"), str("name", "kari"))
	create(t, st, "Patient", "b", 1, str("name", "nord"))
	create(t, st, "Patient", "c", 2, str("name", "ødegård"))
	create(t, st, "Patient", "d", 3, str("name", "100% _sant"))
	s := func(v search.Value) search.Query { return one("Patient", "name", search.String, v) }
	runCases(t, st, []searchCase{
		{"starts with", s(search.Value{Text: "nord"}), []string{"a", "b"}},
		{"starts with, longer", s(search.Value{Text: "nordm"}), []string{"a"}},
		{"starts with, non-ASCII", s(search.Value{Text: "øde"}), []string{"c"}},
		{"exact", s(search.Value{Text: "nord", Exact: true}), []string{"b"}},
		{"exact needs the whole text", s(search.Value{Text: "nordman", Exact: true}), nil},
		{"contains", s(search.Value{Text: "rdma", Contains: true}), []string{"a"}},
		{"contains, non-ASCII", s(search.Value{Text: "gå", Contains: true}), []string{"c"}},
		{"contains treats % literally", s(search.Value{Text: "0%", Contains: true}), []string{"d"}},
		{"contains treats _ literally", s(search.Value{Text: "a_", Contains: true}), nil},
		{"contains _ matching itself", s(search.Value{Text: " _s", Contains: true}), []string{"d"}},
		{"starts with treats % literally", s(search.Value{Text: "%"}), nil},
		{"second name matches", s(search.Value{Text: "ka"}), []string{"a"}},
	})
}

func testSearchReference(t *testing.T, st store.Store) {
	create(t, st, "CarePlan", "c1", 0, ref("subject", "Patient", "p1"))
	create(t, st, "CarePlan", "c2", 1, ref("subject", "Patient", "p2"))
	create(t, st, "CarePlan", "c3", 2, ref("subject", "Group", "p1"))
	create(t, st, "CarePlan", "c4", 3, ref("care-team", "CareTeam", "p1"))
	r := func(vs ...search.Value) search.Query { return one("CarePlan", "subject", search.Reference, vs...) }
	runCases(t, st, []searchCase{
		{"type and id", r(search.Value{RefType: "Patient", RefID: "p1"}), []string{"c1"}},
		{"id of any type", r(search.Value{RefID: "p1"}), []string{"c1", "c3"}},
		{"ORed", r(search.Value{RefType: "Patient", RefID: "p1"}, search.Value{RefType: "Patient", RefID: "p2"}), []string{"c1", "c2"}},
		{"no match", r(search.Value{RefType: "Patient", RefID: "p3"}), nil},
	})
}

func testSearchDate(t *testing.T, st store.Store) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	// stored ranges: a whole day, an instant, a long period, an open-ended period
	create(t, st, "CarePlan", "day", 0, date("date", day(2025, 6, 10), day(2025, 6, 11)))
	instant := time.Date(2025, 6, 20, 12, 0, 0, 0, time.UTC)
	create(t, st, "CarePlan", "instant", 1, date("date", instant, instant.Add(time.Microsecond)))
	create(t, st, "CarePlan", "period", 2, date("date", day(2025, 5, 1), day(2025, 8, 1)))
	create(t, st, "CarePlan", "open", 3, date("date", day(2025, 7, 1), time.Time{}))
	june := search.Value{Low: day(2025, 6, 1), High: day(2025, 7, 1)}
	with := func(p search.Prefix, v search.Value) search.Query {
		v.Prefix = p
		return one("CarePlan", "date", search.Date, v)
	}
	runCases(t, st, []searchCase{
		{"eq June: ranges within June", with(search.Eq, june), []string{"day", "instant"}},
		{"no prefix is eq", with("", june), []string{"day", "instant"}},
		{"eq one day", with(search.Eq, search.Value{Low: day(2025, 6, 10), High: day(2025, 6, 11)}), []string{"day"}},
		{"ne June", with(search.Ne, june), []string{"open", "period"}},
		{"gt June: reaching past its end", with(search.Gt, june), []string{"open", "period"}},
		{"lt June: starting before it", with(search.Lt, june), []string{"period"}},
		{"ge June: gt or eq", with(search.Ge, june), []string{"day", "instant", "open", "period"}},
		{"le June: lt or eq", with(search.Le, june), []string{"day", "instant", "period"}},
		{"sa June: starting after it", with(search.Sa, june), []string{"open"}},
		{"eb June 15: ending before", with(search.Eb, search.Value{Low: day(2025, 6, 15), High: day(2025, 6, 16)}), []string{"day"}},
		{"gt far future matches the open end", with(search.Gt, search.Value{Low: day(2090, 1, 1), High: day(2090, 1, 2)}), []string{"open"}},
		{"ORed days", one("CarePlan", "date", search.Date,
			search.Value{Prefix: search.Eq, Low: day(2025, 6, 10), High: day(2025, 6, 11)},
			search.Value{Prefix: search.Eq, Low: day(2025, 6, 20), High: day(2025, 6, 21)}), []string{"day", "instant"}},
	})
}

// testSearchDateApprox places records around a day 100 days before now: ap widens the query by
// 10% of the distance to now on each side (about 10 days), so 5 days off matches and 20 does not.
// The store's clock is the real one here, so the records are placed relative to time.Now.
func testSearchDateApprox(t *testing.T, st store.Store) {
	q := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -100)
	dayAt := func(offset int) search.Entry { return date("date", q.AddDate(0, 0, offset), q.AddDate(0, 0, offset+1)) }
	create(t, st, "CarePlan", "same", 0, dayAt(0))
	create(t, st, "CarePlan", "before5", 1, dayAt(-5))
	create(t, st, "CarePlan", "after5", 2, dayAt(5))
	create(t, st, "CarePlan", "before20", 3, dayAt(-20))
	create(t, st, "CarePlan", "after20", 4, dayAt(20))
	got := ids(t, st, one("CarePlan", "date", search.Date, search.Value{Prefix: search.Ap, Low: q, High: q.AddDate(0, 0, 1)}))
	sameIDs(t, "ap", got, []string{"after5", "before5", "same"})
}

func testSearchNumber(t *testing.T, st store.Store) {
	create(t, st, "Goal", "n5", 0, number("value", 5))
	create(t, st, "Goal", "n10", 1, number("value", 10))
	create(t, st, "Goal", "n10.5", 2, number("value", 10.5))
	create(t, st, "Goal", "neg", 3, number("value", -3))
	n := func(p search.Prefix, x float64) search.Query {
		return one("Goal", "value", search.Number, search.Value{Prefix: p, Number: x})
	}
	runCases(t, st, []searchCase{
		{"eq", n(search.Eq, 10), []string{"n10"}},
		{"no prefix", n("", 10.5), []string{"n10.5"}},
		{"ne", n(search.Ne, 10), []string{"n10.5", "n5", "neg"}},
		{"lt", n(search.Lt, 10), []string{"n5", "neg"}},
		{"le", n(search.Le, 10), []string{"n10", "n5", "neg"}},
		{"gt", n(search.Gt, 10), []string{"n10.5"}},
		{"ge", n(search.Ge, 10), []string{"n10", "n10.5"}},
		{"sa", n(search.Sa, 5), []string{"n10", "n10.5"}},
		{"eb", n(search.Eb, 5), []string{"neg"}},
		{"ap within 10%", n(search.Ap, 10.2), []string{"n10", "n10.5"}},
		{"ap negative", n(search.Ap, -3.1), []string{"neg"}},
	})
}

func testSearchMissing(t *testing.T, st store.Store) {
	create(t, st, "Task", "owned", 0, ref("owner", "Practitioner", "pr1"), token("status", "", "ready"))
	create(t, st, "Task", "unowned", 1, token("status", "", "ready"))
	yes, no := true, false
	missing := func(m *bool, kind search.Kind, param string) search.Query {
		return search.Query{Type: "Task", Clauses: []search.Clause{{Param: param, Kind: kind, Missing: m}}}
	}
	runCases(t, st, []searchCase{
		{"owner:missing=true", missing(&yes, search.Reference, "owner"), []string{"unowned"}},
		{"owner:missing=false", missing(&no, search.Reference, "owner"), []string{"owned"}},
		{"status:missing=true", missing(&yes, search.Token, "status"), nil},
		{"status:missing=false", missing(&no, search.Token, "status"), []string{"owned", "unowned"}},
	})
}

func testSearchIDAndLastUpdated(t *testing.T, st store.Store) {
	for i, id := range []string{"a", "b", "c", "d"} {
		create(t, st, "Goal", id, i*60) // a at t0, b at t0+1m, ...
	}
	lu := func(vs ...search.Value) search.Query { return search.Query{Type: "Goal", LastUpdated: vs} }
	runCases(t, st, []searchCase{
		{"_id", search.Query{Type: "Goal", IDs: []string{"b", "d", "zz"}}, []string{"b", "d"}},
		{"_lastUpdated ge (second precision, like b's)", lu(search.Value{Prefix: search.Ge, Low: at(60).Truncate(time.Second),
			High: at(60).Truncate(time.Second).Add(time.Second)}), []string{"b", "c", "d"}},
		{"_lastUpdated lt", lu(search.Value{Prefix: search.Lt, Low: at(60), High: at(61)}), []string{"a"}},
		{"_lastUpdated eq to the microsecond", lu(search.Value{Prefix: search.Eq, Low: at(120), High: at(120).Add(time.Microsecond)}), []string{"c"}},
		{"_lastUpdated range (every value must match)", lu(search.Value{Prefix: search.Gt, Low: at(0), High: at(1)},
			search.Value{Prefix: search.Lt, Low: at(180), High: at(181)}), []string{"b", "c"}},
		{"_id and _lastUpdated", search.Query{Type: "Goal", IDs: []string{"a", "c"},
			LastUpdated: []search.Value{{Prefix: search.Gt, Low: at(0), High: at(1)}}}, []string{"c"}},
	})
}

func testSearchAndOr(t *testing.T, st store.Store) {
	create(t, st, "CarePlan", "a", 0, ref("subject", "Patient", "p1"), token("status", "", "active"))
	create(t, st, "CarePlan", "b", 1, ref("subject", "Patient", "p1"), token("status", "", "draft"))
	create(t, st, "CarePlan", "c", 2, ref("subject", "Patient", "p2"), token("status", "", "active"))
	q := search.Query{Type: "CarePlan", Clauses: []search.Clause{
		{Param: "subject", Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p1"}}},
		{Param: "status", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "active"}, {AnySystem: true, Code: "completed"}}},
	}}
	sameIDs(t, "clauses ANDed, values ORed", ids(t, st, q), []string{"a"})
	// the same parameter twice is two clauses: both must match
	q2 := search.Query{Type: "CarePlan", Clauses: []search.Clause{
		{Param: "status", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "active"}}},
		{Param: "status", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "draft"}}},
	}}
	sameIDs(t, "same parameter twice", ids(t, st, q2), nil)
}
