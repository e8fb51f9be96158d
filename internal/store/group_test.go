package store

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"
)

// TestGroupCommitShares: on SQLite, writers that arrive while another's fn runs share its
// commit: eleven writes, at most two commits, each write durable when its Write returns.
func TestGroupCommitShares(t *testing.T) {
	ctx := context.Background()
	s := openInternal(t, Config{DataDir: t.TempDir()})
	before := s.g.commits.Load()
	const others = 10
	release, started := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, others+1)
	put := func(id string, wait bool) {
		defer wg.Done()
		errs <- s.Write(ctx, func(tx Tx) error {
			if wait {
				close(started)
				<-release
			}
			return tx.Put(ctx, Record{Type: "Goal", ID: id, VersionID: 1, LastUpdated: jt0, Body: []byte(`{}`)}, nil)
		})
	}
	wg.Add(1)
	go put("first", true)
	<-started // the first writer holds the transaction
	for i := range others {
		wg.Add(1)
		go put(fmt.Sprintf("o%d", i), false)
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.g.waiting.Load() < others && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := s.g.commits.Load() - before; n < 1 || n > 2 {
		t.Errorf("%d commits for %d writes, want 1 or 2", n, others+1)
	}
	for i := range others {
		if _, err := s.Get(ctx, "Goal", fmt.Sprintf("o%d", i)); err != nil {
			t.Errorf("o%d: %v", i, err)
		}
	}
}

// TestGroupFirstWriteFails: the first write of a shared transaction runs without a savepoint, so
// when it fails the transaction is rolled back whole; writers queued behind it then begin a
// fresh one, and only the failed write is missing.
func TestGroupFirstWriteFails(t *testing.T) {
	ctx := context.Background()
	s := openInternal(t, Config{DataDir: t.TempDir()})
	const others = 5
	release, started := make(chan struct{}), make(chan struct{})
	failed := make(chan error, 1)
	go func() {
		failed <- s.Write(ctx, func(tx Tx) error {
			if err := tx.Put(ctx, Record{Type: "Goal", ID: "first", VersionID: 1, LastUpdated: jt0, Body: []byte(`{}`)}, nil); err != nil {
				return err
			}
			close(started)
			<-release
			return fmt.Errorf("the first write gives up")
		})
	}()
	<-started
	var wg sync.WaitGroup
	errs := make(chan error, others)
	for i := range others {
		wg.Go(func() {
			errs <- s.Write(ctx, func(tx Tx) error {
				return tx.Put(ctx, Record{Type: "Goal", ID: fmt.Sprintf("o%d", i), VersionID: 1, LastUpdated: jt0, Body: []byte(`{}`)}, nil)
			})
		})
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.g.waiting.Load() < others && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	close(release)
	if err := <-failed; err == nil {
		t.Fatal("the failing write reported success")
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Get(ctx, "Goal", "first"); err == nil {
		t.Error("the failed first write is stored")
	}
	for i := range others {
		if _, err := s.Get(ctx, "Goal", fmt.Sprintf("o%d", i)); err != nil {
			t.Errorf("o%d: %v", i, err)
		}
	}
}
