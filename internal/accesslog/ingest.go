package accesslog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"veiviser/internal/store"
)

// The ingester moves journaled entries into the store in large transactions
// (records.Service.IngestAuditEvents, up to batchMax each, whatever is pending), in journal
// order, and removes a segment once every entry in it is stored. A failed transaction is tried
// again after a pause: the entries stay in memory and in the journal meanwhile.
//
// It lets a batch gather for up to delay before storing it, unless the batch is full, a barrier
// waits or the log closes: the entries are durable in the journal already, and a transaction's
// cost per entry falls steeply with its size (its commit, and the b-tree pages it writes, are
// shared by every entry in it). Storing each fdatasync's few entries at once took 40 % of the
// server's CPU during reads, on the core the requests need.

// ingestFunc stores entries idempotently (an entry stored already is skipped) and durably.
type ingestFunc func(ctx context.Context, events []store.New) (int, error)

type ingester struct {
	ingest   ingestFunc
	dir      string
	batchMax int
	delay    time.Duration // how long a batch may gather
	log      *slog.Logger
	release  func(n int) // frees memory-bound slots

	mu       sync.Mutex
	queue    []*jentry
	segments []fullSegment // segments the writer has left, oldest first
	progress chan struct{} // closed and replaced after every stored batch
	held     bool          // tests: hold ingestion (export_test.go)
	draining bool          // Close: store what is queued, then return
	wake     chan struct{} // capacity 1
	hurry    chan struct{} // capacity 1: store what is queued without gathering more
	waiters  atomic.Int32  // barriers waiting
	abort    chan struct{} // closed: return at once, leaving the journal to recovery
	done     chan struct{}

	ingested atomic.Uint64 // the last entry in the store
	stored   atomic.Uint64 // entries stored, for tests and figures
	batches  atomic.Uint64 // store transactions, for tests
}

// fullSegment is a segment the writer has rotated away from, and its last entry.
type fullSegment struct{ no, last uint64 }

func newIngester(fn ingestFunc, dir string, batchMax int, delay time.Duration, log *slog.Logger, release func(int), ingested uint64) *ingester {
	in := &ingester{ingest: fn, dir: dir, batchMax: batchMax, delay: delay, log: log, release: release,
		progress: make(chan struct{}), wake: make(chan struct{}, 1), hurry: make(chan struct{}, 1),
		abort: make(chan struct{}), done: make(chan struct{})}
	in.ingested.Store(ingested)
	return in
}

// add queues a durable batch (called by the journal's writer, in order).
func (in *ingester) add(batch []*jentry) {
	in.mu.Lock()
	in.queue = append(in.queue, batch...)
	full := len(in.queue) >= in.batchMax
	in.mu.Unlock()
	in.signal()
	if full {
		in.hurryUp()
	}
}

// segmentFull records that segment no ends with entry last.
func (in *ingester) segmentFull(no, last uint64) {
	in.mu.Lock()
	in.segments = append(in.segments, fullSegment{no, last})
	in.mu.Unlock()
	in.signal()
}

func (in *ingester) signal() {
	select {
	case in.wake <- struct{}{}:
	default:
	}
}

func (in *ingester) hurryUp() {
	select {
	case in.hurry <- struct{}{}:
	default:
	}
}

// gather waits up to delay for more entries; false when the ingester must return.
func (in *ingester) gather() bool {
	t := time.NewTimer(in.delay)
	defer t.Stop()
	select {
	case <-t.C:
	case <-in.hurry:
	case <-in.abort:
		return false
	}
	return true
}

// run stores queued entries until drained (after drain) or aborted.
func (in *ingester) run() {
	defer close(in.done)
	pause := time.Duration(0)
	gathered := false
	for {
		select {
		case <-in.abort:
			return
		default:
		}
		in.mu.Lock()
		n := min(len(in.queue), in.batchMax)
		if in.held {
			n = 0
		}
		batch := in.queue[:n:n]
		finished := in.draining && len(in.queue) == 0
		urgent := in.draining || in.waiters.Load() > 0
		in.mu.Unlock()
		if finished {
			return
		}
		if n == 0 {
			select {
			case <-in.wake:
			case <-in.abort:
				return
			}
			continue
		}
		if n < in.batchMax && !urgent && !gathered && in.delay > 0 {
			gathered = true
			if !in.gather() {
				return
			}
			continue
		}
		gathered = false
		if err := in.store(batch); err != nil {
			pause = min(max(2*pause, 10*time.Millisecond), time.Second)
			in.log.Error("access log: storing journaled entries failed; trying again", "entries", len(batch), "pause", pause, "err", err)
			select {
			case <-time.After(pause):
			case <-in.abort:
				return
			}
			continue
		}
		pause = 0
	}
}

// store writes batch (the head of the queue) to the store and, once it is committed, takes it
// off the queue, frees its slots, wakes the barriers and removes the segments it completed.
func (in *ingester) store(batch []*jentry) error {
	events := make([]store.New, len(batch))
	for i, e := range batch {
		events[i] = e.n
	}
	// not a request's context: the entries are durable and must reach the store whoever waits
	if _, err := in.ingest(context.Background(), events); err != nil {
		return err
	}
	last := batch[len(batch)-1].seq
	in.mu.Lock()
	clear(in.queue[:len(batch)]) // the entries' memory goes with them
	in.queue = in.queue[len(batch):]
	if len(in.queue) == 0 {
		in.queue = nil
	}
	in.ingested.Store(last)
	in.stored.Add(uint64(len(batch)))
	in.batches.Add(1)
	close(in.progress)
	in.progress = make(chan struct{})
	var done []fullSegment
	for len(in.segments) > 0 && in.segments[0].last <= last {
		done = append(done, in.segments[0])
		in.segments = in.segments[1:]
	}
	in.mu.Unlock()
	in.release(len(batch))
	for _, s := range done {
		if err := os.Remove(segmentPath(in.dir, s.no)); err != nil {
			// harmless: recovery ingests it again and skips what is stored
			in.log.Warn("access log: removing an ingested journal segment failed", "segment", s.no, "err", err)
		}
	}
	return nil
}

// waitFor returns once entry seq and every one before it is in the store.
func (in *ingester) waitFor(ctx context.Context, seq uint64) error {
	if in.ingested.Load() >= seq {
		return nil
	}
	in.waiters.Add(1)
	defer in.waiters.Add(-1)
	in.hurryUp()
	for {
		if in.ingested.Load() >= seq {
			return nil
		}
		in.mu.Lock()
		ch := in.progress
		in.mu.Unlock()
		if in.ingested.Load() >= seq {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("access log: waiting for journaled entries to be stored: %w", ctx.Err())
		case <-in.done:
			if in.ingested.Load() >= seq {
				return nil
			}
			return errors.New("access log: the journal's ingester stopped before storing every entry")
		}
	}
}

// drain lets run return once the queue is empty.
func (in *ingester) drain() {
	in.mu.Lock()
	in.draining = true
	in.mu.Unlock()
	in.signal()
	in.hurryUp()
}
