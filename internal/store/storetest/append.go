package storetest

import (
	"context"
	"fmt"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// testAppend (on Communication; AuditEvents have their own storage, testAuditEvents): a batch of new resources is stored as Put would store each, readable, in the
// history and found through every kind of index entry; a batch with an existing id, or with
// anything but a version 1, writes nothing.
func testAppend(t *testing.T, st store.Store) {
	ctx := context.Background()
	create(t, st, "Communication", "taken", 0)
	batch := func(ids ...string) []store.New {
		var out []store.New
		for i, id := range ids {
			out = append(out, store.New{Record: rec("Communication", id, 1, at(i+1)), Index: []search.Entry{
				token("action", "", "R"), str("text", "entry "+id), ref("agent", "Practitioner", "p"+id),
				date("date", at(i+1), at(i+2)), number("n", float64(i)),
			}})
		}
		return out
	}
	// far more rows than one multi-row statement may bind
	many := make([]string, 2000)
	for i := range many {
		many[i] = fmt.Sprintf("e%04d", i)
	}
	if err := st.Write(ctx, func(tx store.Tx) error { return tx.Append(ctx, batch(many...)) }); err != nil {
		t.Fatalf("append: %v", err)
	}
	if got := get(t, st, "Communication", "e0007"); got.VersionID != 1 || string(got.Body) != string(rec("Communication", "e0007", 1, at(8)).Body) {
		t.Errorf("get e0007 = %+v", got)
	}
	if h, _, err := st.History(ctx, store.HistoryQuery{Type: "Communication", ID: "e0007"}); err != nil || len(h) != 1 {
		t.Errorf("history of e0007 = %d versions, %v", len(h), err)
	}
	for _, q := range []search.Query{
		one("Communication", "agent", search.Reference, search.Value{RefType: "Practitioner", RefID: "pe0042"}),
		one("Communication", "text", search.String, search.Value{Text: "entry e0042", Exact: true}),
		one("Communication", "date", search.Date, search.Value{Prefix: search.Eq, Low: at(43), High: at(44)}),
		one("Communication", "n", search.Number, search.Value{Prefix: search.Eq, Number: 42}),
	} {
		sameIDs(t, fmt.Sprintf("search %s", q.Clauses[0].Param), ids(t, st, q), []string{"e0042"})
	}
	q := one("Communication", "action", search.Token, search.Value{AnySystem: true, Code: "R"})
	q.Count = store.MaxCount
	if got := len(ids(t, st, q)); got != store.MaxCount {
		t.Errorf("search action=R: %d matches on the first page, want %d", got, store.MaxCount)
	}

	for _, tc := range []struct {
		name string
		recs []store.New
		want apperr.Code
	}{
		{"existing id", batch("x1", "taken"), apperr.Conflict},
		{"twice in the batch", batch("x2", "x2"), apperr.Conflict},
		{"not a version 1", []store.New{{Record: rec("Communication", "x3", 2, at(1))}}, apperr.Invalid},
		{"no body", []store.New{{Record: store.Record{Type: "Communication", ID: "x4", VersionID: 1, LastUpdated: at(1)}}}, apperr.Invalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := st.Write(ctx, func(tx store.Tx) error { return tx.Append(ctx, tc.recs) })
			if !apperr.Is(err, tc.want) {
				t.Fatalf("append: %v, want %s", err, tc.want)
			}
			for _, n := range tc.recs {
				if n.Record.ID == "taken" {
					continue
				}
				if _, err := st.Get(ctx, n.Record.Type, n.Record.ID); !apperr.Is(err, apperr.NotFound) {
					t.Errorf("%s was kept: %v", n.Record.ID, err)
				}
			}
		})
	}
}
