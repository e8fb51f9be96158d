package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

func testCreateGet(t *testing.T, st store.Store) {
	// The body is stored byte for byte: odd spacing, escapes, non-ASCII, a long decimal.
	body := []byte("{ \"resourceType\" : \"Patient\",\"id\":\"p1\", \"name\":[{\"family\":\"Ødegård\\u00e5\"}],\"x\":1.000000000000000000001 }\n")
	want := store.Record{Type: "Patient", ID: "p1", VersionID: 1, LastUpdated: at(0), Body: body}
	put(t, st, want)
	sameRecord(t, get(t, st, "Patient", "p1"), want)
	got, err := st.GetVersion(context.Background(), "Patient", "p1", 1)
	if err != nil {
		t.Fatalf("GetVersion: %v", err)
	}
	sameRecord(t, got, want)
}

func testGetNotFound(t *testing.T, st store.Store) {
	ctx := context.Background()
	create(t, st, "Patient", "p1", 0)
	_, err := st.Get(ctx, "Patient", "nope")
	wantCode(t, "Get unknown id", err, apperr.NotFound)
	_, err = st.Get(ctx, "Goal", "p1")
	wantCode(t, "Get same id, other type", err, apperr.NotFound)
	_, err = st.GetVersion(ctx, "Patient", "p1", 2)
	wantCode(t, "GetVersion unknown version", err, apperr.NotFound)
	_, err = st.GetVersion(ctx, "Patient", "nope", 1)
	wantCode(t, "GetVersion unknown id", err, apperr.NotFound)
}

func testVersions(t *testing.T, st store.Store) {
	v1 := create(t, st, "CarePlan", "c1", 0)
	v2 := put(t, st, rec("CarePlan", "c1", 2, at(1)))
	v3 := put(t, st, rec("CarePlan", "c1", 3, at(2)))
	sameRecord(t, get(t, st, "CarePlan", "c1"), v3)
	for _, want := range []store.Record{v1, v2, v3} {
		got, err := st.GetVersion(context.Background(), "CarePlan", "c1", want.VersionID)
		if err != nil {
			t.Fatalf("GetVersion %d: %v", want.VersionID, err)
		}
		sameRecord(t, got, want)
	}
}

func testStaleVersionConflicts(t *testing.T, st store.Store) {
	create(t, st, "Goal", "g1", 0)
	put(t, st, rec("Goal", "g1", 2, at(1)))
	for _, tc := range []struct {
		name string
		r    store.Record
	}{
		{"create an existing resource", rec("Goal", "g1", 1, at(2))},
		{"rewrite the current version", rec("Goal", "g1", 2, at(2))},
		{"skip a version", rec("Goal", "g1", 4, at(2))},
		{"version 2 of a resource that does not exist", rec("Goal", "g9", 2, at(2))},
	} {
		err := st.Write(context.Background(), func(tx store.Tx) error {
			return tx.Put(context.Background(), tc.r, nil)
		})
		wantCode(t, tc.name, err, apperr.Conflict)
	}
	if got := get(t, st, "Goal", "g1"); got.VersionID != 2 {
		t.Errorf("after conflicts: version %d, want 2", got.VersionID)
	}
}

func testInvalidRecord(t *testing.T, st store.Store) {
	noBody := rec("Goal", "g1", 1, at(0))
	noBody.Body = nil
	noTime := rec("Goal", "g1", 1, at(0))
	noTime.LastUpdated = time.Time{}
	for _, tc := range []struct {
		name  string
		r     store.Record
		index []search.Entry
	}{
		{"no id", rec("Goal", "", 1, at(0)), nil},
		{"version 0", rec("Goal", "g1", 0, at(0)), nil},
		{"no body", noBody, nil},
		{"no time", noTime, nil},
		{"unknown index kind", rec("Goal", "g1", 1, at(0)), []search.Entry{{Param: "x", Kind: "weird"}}},
	} {
		err := st.Write(context.Background(), func(tx store.Tx) error {
			return tx.Put(context.Background(), tc.r, tc.index)
		})
		wantCode(t, tc.name, err, apperr.Invalid)
	}
	_, err := st.Get(context.Background(), "Goal", "g1")
	wantCode(t, "nothing written", err, apperr.NotFound)
}

func testDelete(t *testing.T, st store.Store) {
	create(t, st, "Goal", "g1", 0, token("lifecycle-status", "", "active"))
	create(t, st, "Goal", "g2", 1, token("lifecycle-status", "", "active"))
	del := store.Record{Type: "Goal", ID: "g1", VersionID: 2, LastUpdated: at(2), Deleted: true}
	put(t, st, del)
	got := get(t, st, "Goal", "g1")
	sameRecord(t, got, del)
	if got.Body != nil {
		t.Errorf("deleted record has body %q", got.Body)
	}
	q := search.Query{Type: "Goal", Clauses: []search.Clause{{Param: "lifecycle-status", Kind: search.Token,
		Values: []search.Value{{AnySystem: true, Code: "active"}}}}}
	sameIDs(t, "search after delete", ids(t, st, q), []string{"g2"})
	sameIDs(t, "search all after delete", ids(t, st, search.Query{Type: "Goal"}), []string{"g2"})
	// The deletion is a version; the resource can come back as the next one.
	v, err := st.GetVersion(context.Background(), "Goal", "g1", 2)
	if err != nil || !v.Deleted {
		t.Fatalf("GetVersion of the deletion: %+v, %v", v, err)
	}
	put(t, st, rec("Goal", "g1", 3, at(3)), token("lifecycle-status", "", "active"))
	sameIDs(t, "search after re-create", ids(t, st, q), []string{"g1", "g2"})
}

func testConcurrentWritersOneResource(t *testing.T, st store.Store) {
	create(t, st, "CarePlan", "c1", 0, token("status", "", "draft"))
	const writers = 8
	errs := make([]error, writers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range writers {
		wg.Go(func() {
			<-start
			errs[i] = st.Write(context.Background(), func(tx store.Tx) error {
				// Every writer reads version 1 and writes version 2: the store must let exactly one win.
				if _, err := tx.Get(context.Background(), "CarePlan", "c1"); err != nil {
					return err
				}
				r := rec("CarePlan", "c1", 2, at(1+i))
				r.Body = fmt.Appendf(nil, `{"writer":%d}`, i)
				return tx.Put(context.Background(), r, []search.Entry{token("status", "", fmt.Sprint("w", i))})
			})
		})
	}
	close(start)
	wg.Wait()
	winners := 0
	for i, err := range errs {
		switch {
		case err == nil:
			winners++
		case apperr.Is(err, apperr.Conflict):
		default:
			t.Errorf("writer %d: %v, want nil or Conflict", i, err)
		}
	}
	if winners != 1 {
		t.Fatalf("%d writers won, want exactly 1", winners)
	}
	got := get(t, st, "CarePlan", "c1")
	if got.VersionID != 2 {
		t.Errorf("version %d, want 2", got.VersionID)
	}
	h, _, err := st.History(context.Background(), store.HistoryQuery{Type: "CarePlan", ID: "c1"})
	if err != nil || len(h) != 2 {
		t.Errorf("history: %d versions, %v; want 2", len(h), err)
	}
	all := ids(t, st, search.Query{Type: "CarePlan", Clauses: []search.Clause{{Param: "status", Kind: search.Token,
		Values: []search.Value{{AnySystem: true, Code: "draft"}}}}})
	sameIDs(t, "old index rows replaced", all, nil)
}

func testConcurrentWritersManyResources(t *testing.T, st store.Store) {
	const writers = 8
	const each = 5
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				id := fmt.Sprintf("p%d-%d", w, i)
				errs <- st.Write(context.Background(), func(tx store.Tx) error {
					return tx.Put(context.Background(), rec("Patient", id, 1, at(i)),
						[]search.Entry{token("identifier", "urn:x", id), ref("general-practitioner", "Practitioner", "pr1")})
				})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("writer: %v", err)
		}
	}
	q := search.Query{Type: "Patient", Count: 1000}
	if got := ids(t, st, q); len(got) != writers*each {
		t.Errorf("%d patients, want %d", len(got), writers*each)
	}
}

func testFailedTransactionWritesNothing(t *testing.T, st store.Store) {
	ctx := context.Background()
	create(t, st, "Goal", "g1", 0, token("lifecycle-status", "", "active"))
	boom := errors.New("boom")
	err := st.Write(ctx, func(tx store.Tx) error {
		if err := tx.Put(ctx, rec("Goal", "g2", 1, at(1)), []search.Entry{token("lifecycle-status", "", "active")}); err != nil {
			return err
		}
		if err := tx.Put(ctx, rec("Goal", "g1", 2, at(1)), nil); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Write: %v, want boom", err)
	}
	// A conflict in the middle of a transaction undoes the Puts before it.
	err = st.Write(ctx, func(tx store.Tx) error {
		if err := tx.Put(ctx, rec("Goal", "g3", 1, at(1)), nil); err != nil {
			return err
		}
		return tx.Put(ctx, rec("Goal", "g1", 5, at(1)), nil)
	})
	wantCode(t, "conflict in a transaction", err, apperr.Conflict)
	for _, id := range []string{"g2", "g3"} {
		_, err := st.Get(ctx, "Goal", id)
		wantCode(t, "Get "+id+" after rollback", err, apperr.NotFound)
	}
	if got := get(t, st, "Goal", "g1"); got.VersionID != 1 {
		t.Errorf("g1 version %d after rollback, want 1", got.VersionID)
	}
	h, _, err := st.History(ctx, store.HistoryQuery{})
	if err != nil || len(h) != 1 {
		t.Errorf("history after rollback: %d versions, %v; want 1", len(h), err)
	}
	sameIDs(t, "index after rollback", ids(t, st, search.Query{Type: "Goal", Clauses: []search.Clause{{
		Param: "lifecycle-status", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "active"}}}}}),
		[]string{"g1"})
}

func testReadYourWrites(t *testing.T, st store.Store) {
	ctx := context.Background()
	err := st.Write(ctx, func(tx store.Tx) error {
		if _, err := tx.Get(ctx, "Goal", "g1"); !apperr.Is(err, apperr.NotFound) {
			return fmt.Errorf("before Put: %v, want NotFound", err)
		}
		if err := tx.Put(ctx, rec("Goal", "g1", 1, at(0)), []search.Entry{ref("subject", "Patient", "p1")}); err != nil {
			return err
		}
		got, err := tx.Get(ctx, "Goal", "g1")
		if err != nil || got.VersionID != 1 {
			return fmt.Errorf("get inside the transaction: %+v, %v", got, err)
		}
		p, err := tx.Search(ctx, search.Query{Type: "Goal", Clauses: []search.Clause{{Param: "subject",
			Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p1"}}}}})
		if err != nil || len(p.Records) != 1 {
			return fmt.Errorf("search inside the transaction: %d records, %v", len(p.Records), err)
		}
		return tx.Put(ctx, rec("Goal", "g1", 2, at(1)), nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, st, "Goal", "g1"); got.VersionID != 2 {
		t.Errorf("after commit: version %d, want 2", got.VersionID)
	}
}

func testPingAndStats(t *testing.T, st store.Store) {
	if err := st.Ping(context.Background()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	s := st.Stats()
	if s.Dialect != "sqlite" && s.Dialect != "postgres" {
		t.Errorf("Stats.Dialect = %q", s.Dialect)
	}
	if s.OpenConnections < 1 {
		t.Errorf("Stats.OpenConnections = %d after a ping, want at least 1", s.OpenConnections)
	}
}

// testReadsDoNotWaitForWriter reads through the store while a write transaction is open: the read
// must not wait for the writer and must not see the uncommitted version.
func testReadsDoNotWaitForWriter(t *testing.T, st store.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	create(t, st, "Goal", "g1", 0, token("lifecycle-status", "", "proposed"))
	err := st.Write(ctx, func(tx store.Tx) error {
		if err := tx.Put(ctx, rec("Goal", "g1", 2, at(1)), []search.Entry{token("lifecycle-status", "", "active")}); err != nil {
			return err
		}
		got, err := st.Get(ctx, "Goal", "g1")
		if err != nil {
			return fmt.Errorf("read outside the open transaction: %w", err)
		}
		if got.VersionID != 1 {
			return fmt.Errorf("read outside the transaction saw version %d before commit", got.VersionID)
		}
		p, err := st.Search(ctx, search.Query{Type: "Goal", Clauses: []search.Clause{{Param: "lifecycle-status",
			Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "active"}}}}})
		if err != nil || len(p.Records) != 0 {
			return fmt.Errorf("search outside the transaction: %d records, %v; want 0", len(p.Records), err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := get(t, st, "Goal", "g1"); got.VersionID != 2 {
		t.Errorf("after commit: version %d, want 2", got.VersionID)
	}
}
