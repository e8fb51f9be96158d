package storetest

import (
	"context"
	"fmt"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
)

func testHistory(t *testing.T, st store.Store) {
	ctx := context.Background()
	create(t, st, "Goal", "g1", 0)
	create(t, st, "CarePlan", "c1", 1)
	put(t, st, rec("Goal", "g1", 2, at(2)))
	create(t, st, "Goal", "g2", 3)
	put(t, st, store.Record{Type: "Goal", ID: "g1", VersionID: 3, LastUpdated: at(4), Deleted: true})
	put(t, st, rec("CarePlan", "c1", 2, at(5)))

	label := func(rs []store.Record) []string {
		out := []string{}
		for _, r := range rs {
			s := fmt.Sprintf("%s/%s/%d", r.Type, r.ID, r.VersionID)
			if r.Deleted {
				s += "(deleted)"
			}
			out = append(out, s)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		q    store.HistoryQuery
		want []string
		more bool
	}{
		{"instance", store.HistoryQuery{Type: "Goal", ID: "g1"}, []string{"Goal/g1/3(deleted)", "Goal/g1/2", "Goal/g1/1"}, false},
		{"type", store.HistoryQuery{Type: "Goal"}, []string{"Goal/g1/3(deleted)", "Goal/g2/1", "Goal/g1/2", "Goal/g1/1"}, false},
		{"system", store.HistoryQuery{}, []string{"CarePlan/c1/2", "Goal/g1/3(deleted)", "Goal/g2/1", "Goal/g1/2", "CarePlan/c1/1", "Goal/g1/1"}, false},
		{"since (inclusive)", store.HistoryQuery{Since: at(3)}, []string{"CarePlan/c1/2", "Goal/g1/3(deleted)", "Goal/g2/1"}, false},
		{"page 1", store.HistoryQuery{Count: 2}, []string{"CarePlan/c1/2", "Goal/g1/3(deleted)"}, true},
		{"page 2", store.HistoryQuery{Count: 2, Offset: 2}, []string{"Goal/g2/1", "Goal/g1/2"}, true},
		{"page 3", store.HistoryQuery{Count: 2, Offset: 4}, []string{"CarePlan/c1/1", "Goal/g1/1"}, false},
		{"instance page", store.HistoryQuery{Type: "Goal", ID: "g1", Count: 1, Offset: 1}, []string{"Goal/g1/2"}, true},
		{"unknown resource", store.HistoryQuery{Type: "Goal", ID: "nope"}, []string{}, false},
	} {
		got, more, err := st.History(ctx, tc.q)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		sameIDs(t, tc.name, label(got), tc.want)
		if more != tc.more {
			t.Errorf("%s: more = %v, want %v", tc.name, more, tc.more)
		}
	}
	got, _, err := st.History(ctx, store.HistoryQuery{Type: "Goal", ID: "g1", Count: 1})
	if err != nil || len(got) != 1 {
		t.Fatalf("history: %v", err)
	}
	sameRecord(t, got[0], store.Record{Type: "Goal", ID: "g1", VersionID: 3, LastUpdated: at(4), Deleted: true})
	_, _, err = st.History(ctx, store.HistoryQuery{ID: "g1"})
	wantCode(t, "id without type", err, apperr.Invalid)
}
