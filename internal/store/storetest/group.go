package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// testConcurrentWritesIsolated: many writers at once (on SQLite they share commits, group.go):
// every writer whose fn succeeded finds its write durable and readable outside any transaction
// as soon as Write returns, and reads its own writes inside fn; a writer whose fn fails, loses a
// version race, panics or whose context ends gets its own error and keeps nothing, and the
// writers beside it are not affected.
func testConcurrentWritesIsolated(t *testing.T, st store.Store) {
	ctx := context.Background()
	create(t, st, "Goal", "shared", 0)
	const n = 48
	errBoom := errors.New("boom")
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			errs[i] = concurrentWriter(ctx, st, i, errBoom)
		}()
	}
	close(start)
	wg.Wait()
	winners := 0
	for i, err := range errs {
		id := fmt.Sprintf("w%02d", i)
		switch i % 4 {
		case 0, 1: // succeeded: durable and readable at once
			if err != nil {
				t.Errorf("writer %d: %v", i, err)
				continue
			}
			if got := get(t, st, "Goal", id); got.VersionID != 2 {
				t.Errorf("%s: version %d after Write returned, want 2", id, got.VersionID)
			}
		case 2: // failed after writing: nothing kept
			if !errors.Is(err, errBoom) {
				t.Errorf("writer %d: %v, want its own error", i, err)
			}
			if _, gerr := st.Get(ctx, "Goal", id); !apperr.Is(gerr, apperr.NotFound) {
				t.Errorf("%s of a failed writer was kept: %v", id, gerr)
			}
		case 3: // raced on one resource: exactly one wins, the others get Conflict
			switch {
			case err == nil:
				winners++
			case !apperr.Is(err, apperr.Conflict):
				t.Errorf("writer %d on the shared resource: %v, want nil or Conflict", i, err)
			}
		}
	}
	if got := get(t, st, "Goal", "shared"); winners != 1 || got.VersionID != 2 {
		t.Errorf("shared resource: %d winners, version %d; want 1 and 2", winners, got.VersionID)
	}
	q := search.Query{Type: "Goal", Count: 100, Clauses: []search.Clause{{Param: "subject", Kind: search.Reference,
		Values: []search.Value{{RefType: "Patient", RefID: "group"}}}}}
	if got := len(ids(t, st, q)); got != n/2 {
		t.Errorf("index: %d writes found, want %d", got, n/2)
	}
	testWriteAfterPanicAndCancel(t, st)
}

// concurrentWriter is writer i of testConcurrentWritesIsolated.
func concurrentWriter(ctx context.Context, st store.Store, i int, errBoom error) error {
	id := fmt.Sprintf("w%02d", i)
	return st.Write(ctx, func(tx store.Tx) error {
		if i%4 == 3 {
			return tx.Put(ctx, rec("Goal", "shared", 2, at(i)), nil)
		}
		if err := tx.Put(ctx, rec("Goal", id, 1, at(i)), nil); err != nil {
			return err
		}
		// read your writes inside fn
		got, err := tx.Get(ctx, "Goal", id)
		if err != nil || got.VersionID != 1 {
			return fmt.Errorf("own write not read back: %+v, %v", got, err)
		}
		if err := tx.Put(ctx, rec("Goal", id, 2, at(i)), []search.Entry{ref("subject", "Patient", "group")}); err != nil {
			return err
		}
		if i%4 == 2 {
			return errBoom
		}
		return nil
	})
}

// testWriteAfterPanicAndCancel: a panic in fn reaches the caller and a context ended during fn
// fails that write only; the store writes on afterwards.
func testWriteAfterPanicAndCancel(t *testing.T, st store.Store) {
	ctx := context.Background()
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a panic in fn did not reach the caller")
			}
		}()
		_ = st.Write(ctx, func(tx store.Tx) error {
			if err := tx.Put(ctx, rec("Goal", "panicked", 1, at(0)), nil); err != nil {
				return err
			}
			panic("in fn")
		})
	}()
	cctx, cancel := context.WithCancel(ctx)
	err := st.Write(cctx, func(tx store.Tx) error {
		err := tx.Put(cctx, rec("Goal", "cancelled", 1, at(0)), nil)
		cancel()
		return err
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("write whose context ended: %v, want context.Canceled", err)
	}
	for _, id := range []string{"panicked", "cancelled"} {
		if _, err := st.Get(ctx, "Goal", id); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s was kept: %v", id, err)
		}
	}
	create(t, st, "Goal", "after", 1)
}
