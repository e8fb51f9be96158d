package records_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestWriteReadsTheCurrentVersionOnce: inside the write's transaction (SQLite's one writer) a
// Create reads no current version of what it creates and an Update or Delete reads it once; the
// rules see that version parsed, and the audit gets it as the version before.
func TestWriteReadsTheCurrentVersionOnce(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		counted := &countingStore{Store: st}
		rule := &beforeRule{}
		svc := records.New(counted, records.Options{NewID: sequentialIDs(), Rules: []records.Rule{rule}})
		var audited []int64 // the before version each write's audit got
		ctx = records.WithWriteAudit(ctx, func(_, before store.Record, _ func() (string, time.Time)) []store.New {
			audited = append(audited, before.VersionID)
			return nil
		})
		const body = `{"resourceType":"Patient","name":[{"family":"%s"}]}`
		rec, _, err := svc.Create(ctx, mustParse(t, strings.Replace(body, "%s", "Nordmann", 1)), "")
		if err != nil {
			t.Fatal(err)
		}
		key := store.Key{Type: "Patient", ID: rec.ID}
		if n := counted.gets[key]; n != 0 {
			t.Errorf("create read %s %d times, want 0", rec.ID, n)
		}
		updated := `{"resourceType":"Patient","id":"` + rec.ID + `","name":[{"family":"Hansen"}]}`
		if _, _, err := svc.Update(ctx, "Patient", rec.ID, mustParse(t, updated), `W/"1"`); err != nil {
			t.Fatal(err)
		}
		if n := counted.gets[key]; n != 1 {
			t.Errorf("update read %s %d times, want 1", rec.ID, n)
		}
		if _, _, err := svc.Delete(ctx, "Patient", rec.ID); err != nil {
			t.Fatal(err)
		}
		if n := counted.gets[key]; n != 2 {
			t.Errorf("update and delete read %s %d times, want 2", rec.ID, n)
		}
		if want := []string{"", "Nordmann", "Hansen"}; strings.Join(rule.families, ",") != strings.Join(want, ",") {
			t.Errorf("the rule saw before = %q, want %q", rule.families, want)
		}
		if want := []int64{0, 1, 2}; len(audited) != 3 || audited[0] != want[0] || audited[1] != want[1] || audited[2] != want[2] {
			t.Errorf("the audit got before versions %v, want %v", audited, want)
		}
	})
}

// countingStore counts the Gets its transactions make, by key.
type countingStore struct {
	store.Store
	gets map[store.Key]int
}

func (c *countingStore) Write(ctx context.Context, fn func(tx store.Tx) error) error {
	if c.gets == nil {
		c.gets = make(map[store.Key]int)
	}
	return c.Store.Write(ctx, func(tx store.Tx) error { return fn(countingTx{Tx: tx, gets: c.gets}) })
}

type countingTx struct {
	store.Tx
	gets map[store.Key]int
}

func (c countingTx) Get(ctx context.Context, typ, id string) (store.Record, error) {
	c.gets[store.Key{Type: typ, ID: id}]++
	return c.Tx.Get(ctx, typ, id)
}

// beforeRule records the family name (of the two the test writes) of each write's previous
// version, "" for none.
type beforeRule struct{ families []string }

func (b *beforeRule) CheckWrite(_ context.Context, _ store.Reader, before, _ *fhir.Resource) ([]*fhir.Resource, error) {
	family := ""
	if before != nil {
		for _, f := range []string{"Nordmann", "Hansen"} {
			if strings.Contains(string(before.Bytes()), f) {
				family = f
			}
		}
	}
	b.families = append(b.families, family)
	return nil, nil
}

func sequentialIDs() func() string {
	n := 0
	return func() string { n++; return "p-" + string(rune('0'+n)) }
}
