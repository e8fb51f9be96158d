package store

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

var jt0 = time.Date(2026, 3, 4, 5, 6, 7, 0, time.UTC)

func auditNew(id, agent string) New {
	return New{
		Record: Record{Type: "AuditEvent", ID: id, VersionID: 1, LastUpdated: jt0,
			Body: fmt.Appendf(nil, `{"resourceType":"AuditEvent","id":%q}`, id)},
		Index: []search.Entry{
			{Param: "agent", Kind: search.Reference, RefType: "Practitioner", RefID: agent},
			{Param: "subtype", Kind: search.Token, System: "s", Code: "read"},
			{Param: "date", Kind: search.Date, Low: jt0, High: jt0.Add(time.Millisecond)},
		},
	}
}

func byAgent(agent string) search.Query {
	return search.Query{Type: "AuditEvent", Clauses: []search.Clause{{Param: "agent", Kind: search.Reference,
		Values: []search.Value{{RefType: "Practitioner", RefID: agent}}}}}
}

func pageIDs(p Page) []string {
	var out []string
	for _, r := range p.Records {
		out = append(out, r.ID)
	}
	slices.Sort(out)
	return out
}

// openJournaled opens a SQLite store whose background mover is stopped, so only reads move the
// journal and the test sees what waits in it.
func openJournaled(t *testing.T, dir string) *sqlStore {
	t.Helper()
	st, err := Open(context.Background(), Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	s := st.(*sqlStore)
	s.stopJournal()
	return s
}

func waiting(t *testing.T, s *sqlStore) []string {
	t.Helper()
	ids, err := journalIDs(context.Background(), s.p.read)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(ids)) != s.j.pending.Load() {
		t.Errorf("journal holds %d rows, the count says %d", len(ids), s.j.pending.Load())
	}
	return ids
}

// TestJournal: on SQLite, logged AuditEvents commit to the journal, every read of AuditEvent
// (outside and inside a transaction) first moves them so nothing is missing, an id is unique
// across the journal and the resources, and a restart moves what an earlier run left.
func TestJournal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openJournaled(t, dir)
	write := func(fn func(tx Tx) error) error { return s.Write(ctx, fn) }

	if err := write(func(tx Tx) error { return tx.Append(ctx, []New{auditNew("a1", "p"), auditNew("a2", "p")}) }); err != nil {
		t.Fatal(err)
	}
	n := auditNew("a3", "q")
	if err := write(func(tx Tx) error { return tx.Put(ctx, n.Record, n.Index) }); err != nil {
		t.Fatal(err)
	}
	if got := waiting(t, s); !slices.Equal(got, []string{"a1", "a2", "a3"}) {
		t.Fatalf("journal = %v, want a1 a2 a3", got)
	}
	// inside a transaction: its own append and the earlier ones are found
	err := write(func(tx Tx) error {
		if err := tx.Append(ctx, []New{auditNew("a4", "p")}); err != nil {
			return err
		}
		p, err := tx.Search(ctx, byAgent("p"))
		if got := pageIDs(p); err != nil || !slices.Equal(got, []string{"a1", "a2", "a4"}) {
			t.Errorf("Tx.Search agent=p = %v, %v", got, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := waiting(t, s); len(got) != 0 {
		t.Errorf("journal after a reading transaction = %v", got)
	}
	for _, tc := range []struct {
		name string
		fn   func(tx Tx) error
	}{
		{"moved id appended", func(tx Tx) error { return tx.Append(ctx, []New{auditNew("a1", "p")}) }},
		{"moved id put", func(tx Tx) error { n := auditNew("a2", "p"); return tx.Put(ctx, n.Record, n.Index) }},
		{"twice in a batch", func(tx Tx) error { return tx.Append(ctx, []New{auditNew("b1", "p"), auditNew("b1", "p")}) }},
	} {
		if err := write(tc.fn); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("%s: %v, want Conflict", tc.name, err)
		}
	}
	if err := write(func(tx Tx) error { return tx.Append(ctx, []New{auditNew("c1", "r")}) }); err != nil {
		t.Fatal(err)
	}
	if err := write(func(tx Tx) error { return tx.Append(ctx, []New{auditNew("c1", "r")}) }); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("an id waiting in the journal appended again: %v, want Conflict", err)
	}
	// outside a transaction: Get, Search, GetVersion and History each see waiting entries
	reads := map[string]func() error{
		"Get":        func() error { _, err := s.Get(ctx, "AuditEvent", "c1"); return err },
		"GetVersion": func() error { _, err := s.GetVersion(ctx, "AuditEvent", "c1", 1); return err },
		"History": func() error {
			h, _, err := s.History(ctx, HistoryQuery{})
			if err == nil && !slices.ContainsFunc(h, func(r Record) bool { return r.ID == "c1History" }) {
				err = fmt.Errorf("system history lacks c1History: %d versions", len(h))
			}
			return err
		},
		"Search": func() error {
			p, err := s.Search(ctx, byAgent("r"))
			if got := pageIDs(p); err == nil && !slices.Equal(got, []string{"c1"}) {
				err = fmt.Errorf("agent=r found %v", got)
			}
			return err
		},
	}
	for name, read := range reads {
		if err := s.Write(ctx, func(tx Tx) error { return tx.Append(ctx, []New{auditNew("c1"+name, "x")}) }); err != nil {
			t.Fatal(err)
		}
		if err := read(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if got := waiting(t, s); len(got) != 0 {
			t.Errorf("journal after %s = %v", name, got)
		}
	}

	// a restart counts and moves what is left
	if err := write(func(tx Tx) error { return tx.Append(ctx, []New{auditNew("d1", "s"), auditNew("d2", "s")}) }); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	deadline := time.Now().Add(10 * time.Second)
	for st.(*sqlStore).j.pending.Load() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if got := waiting(t, st.(*sqlStore)); len(got) != 0 {
		t.Errorf("journal after a restart = %v; the background mover should have moved it", got)
	}
	p, err := st.Search(ctx, byAgent("s"))
	if got := pageIDs(p); err != nil || !slices.Equal(got, []string{"d1", "d2"}) {
		t.Errorf("after a restart agent=s = %v, %v", got, err)
	}
}

func TestJournalCodec(t *testing.T) {
	for _, tc := range []struct {
		name  string
		index []search.Entry
	}{
		{"none", nil},
		{"every kind", []search.Entry{
			{Param: "code", Kind: search.Token, System: "http://snomed.info/sct", Code: "734163000"},
			{Param: "active", Kind: search.Token, Code: "true"},
			{Param: "name", Kind: search.String, Text: "ærlig østby åse"},
			{Param: "subject", Kind: search.Reference, RefType: "Patient", RefID: "p1"},
			{Param: "date", Kind: search.Date, Low: jt0, High: jt0.Add(time.Hour)},
			{Param: "open", Kind: search.Date},
			{Param: "n", Kind: search.Number, Number: -1.5},
			{Param: "big", Kind: search.Number, Number: math.MaxFloat64},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := rowsOf(tc.index)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decodeRows(encodeRows(rows))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 && len(got) == 0 {
				return
			}
			if !reflect.DeepEqual(got, rows) {
				t.Errorf("round trip:\n got %+v\nwant %+v", got, rows)
			}
		})
	}
	for _, bad := range [][]byte{{}, {2, 0}, {1, 9, 1, 'x'}, {1, 0, 5, 'a'}} {
		if _, err := decodeRows(bad); err == nil {
			t.Errorf("decodeRows(%v) accepted a broken form", bad)
		}
	}
	if _, err := rowsOf([]search.Entry{{Param: "x", Kind: "uri"}}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("unknown kind: %v, want Invalid", err)
	}
}
