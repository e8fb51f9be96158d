package storetest

import (
	"context"
	"fmt"
	"maps"
	"testing"

	"veiviser/internal/store"
)

// testStates: States answers for many keys at once (more than one statement binds), tells a
// deleted resource from a live one, leaves out what never existed or exists under another type,
// sees the transaction's own writes, and takes duplicates and AuditEvents.
func testStates(t *testing.T, st store.Store) {
	ctx := context.Background()
	var keys []store.Key
	want := map[store.Key]bool{}
	if err := st.Write(ctx, func(tx store.Tx) error {
		for i := range 700 {
			id := fmt.Sprintf("g%03d", i)
			keys = append(keys, store.Key{Type: "Goal", ID: id})
			want[store.Key{Type: "Goal", ID: id}] = false
			if err := tx.Put(ctx, rec("Goal", id, 1, at(i)), nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	put(t, st, store.Record{Type: "Goal", ID: "g001", VersionID: 2, LastUpdated: at(800), Deleted: true})
	want[store.Key{Type: "Goal", ID: "g001"}] = true
	if err := st.Write(ctx, func(tx store.Tx) error {
		return tx.Append(ctx, []store.New{{Record: rec("AuditEvent", "ae1", 1, at(1))}})
	}); err != nil {
		t.Fatal(err)
	}
	want[store.Key{Type: "AuditEvent", ID: "ae1"}] = false
	want[store.Key{Type: "Patient", ID: "new"}] = false
	keys = append(keys, store.Key{Type: "Goal", ID: "g002"}, // twice
		store.Key{Type: "Patient", ID: "g003"}, store.Key{Type: "Goal", ID: "nope"},
		store.Key{Type: "AuditEvent", ID: "ae1"}, store.Key{Type: "AuditEvent", ID: "nope"},
		store.Key{Type: "Patient", ID: "new"})
	var got map[store.Key]bool
	if err := st.Write(ctx, func(tx store.Tx) error {
		if err := tx.Put(ctx, rec("Patient", "new", 1, at(900)), nil); err != nil {
			return err
		}
		var err error
		got, err = tx.States(ctx, keys)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, want) {
		for k, v := range want {
			if g, ok := got[k]; !ok || g != v {
				t.Errorf("%v: got %v (present %v), want %v", k, g, ok, v)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("%v is in the answer but does not exist", k)
			}
		}
	}
}
