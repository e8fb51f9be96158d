package accesslog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"veiviser/internal/records"
	"veiviser/internal/store"
)

// JournalOptions configures OpenJournal. Zero fields get defaults.
type JournalOptions struct {
	SegmentBytes int64 // a segment is closed past this size; DefaultSegmentBytes when 0
	IngestBatch  int   // the most entries in one store transaction; DefaultIngestBatch when 0
	// IngestDelay is how long a batch may gather before it is stored (DefaultIngestDelay when
	// 0, none when negative); a barrier, a full batch or Close cut it short.
	IngestDelay time.Duration
	Logger      *slog.Logger
}

// Defaults of JournalOptions.
const (
	DefaultSegmentBytes = 16 << 20
	DefaultIngestBatch  = 2000
	DefaultIngestDelay  = 250 * time.Millisecond
)

// OpenJournal returns a Log whose Record makes a read's entry durable in an append-only
// journal in dir (one write and one fdatasync per batch of concurrent requests) and whose
// ingester moves the entries into the store through svc in large transactions. Before it
// returns, the entries a crash left in dir are stored (a torn last batch, never acknowledged,
// is dropped; damage to acknowledged entries is an error that should stop the start). The
// caller must run Barrier before reading AuditEvents (records.Options.BeforeAuditRead) and
// Close at shutdown.
func OpenJournal(ctx context.Context, svc *records.Service, dir string, opts JournalOptions) (*Log, error) {
	if opts.SegmentBytes <= 0 {
		opts.SegmentBytes = DefaultSegmentBytes
	}
	if opts.IngestBatch <= 0 {
		opts.IngestBatch = DefaultIngestBatch
	}
	if opts.IngestDelay == 0 {
		opts.IngestDelay = DefaultIngestDelay
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("access log journal: creating %s: %w", dir, err)
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	rec, err := recoverJournal(ctx, dir, svc.IngestAuditEvents, opts)
	if err != nil {
		_ = lock.Close()
		return nil, err
	}
	l := NewLog(svc)
	j := &journal{dir: dir, segBytes: opts.SegmentBytes, slots: make(chan struct{}, journalSlots(opts.IngestBatch)),
		wake: make(chan struct{}, 1), done: make(chan struct{}), nextSeq: rec.lastSeq + 1}
	j.synced.Store(rec.lastSeq)
	j.in = newIngester(svc.IngestAuditEvents, dir, opts.IngestBatch, max(opts.IngestDelay, 0), opts.Logger,
		func(n int) {
			for range n {
				<-j.slots
			}
		}, rec.lastSeq)
	if err := j.create(rec.lastSegment + 1); err != nil {
		_ = lock.Close()
		return nil, fmt.Errorf("access log journal: %w", err)
	}
	l.j, l.lock = j, lock
	go j.run()
	go j.in.run()
	return l, nil
}

// journalSlots bounds the entries not yet in the store: room for a full batch being stored, one
// gathering behind it, and more, so that storing a batch never makes reads wait for room.
func journalSlots(batch int) int { return max(MaxQueued, 4*batch) }

// recordJournaled appends ns to the journal together and returns once the fsync covering them
// is done.
func (l *Log) recordJournaled(ctx context.Context, ns []store.New) error {
	es := make([]*jentry, len(ns))
	for i, n := range ns {
		select {
		case l.j.slots <- struct{}{}:
		case <-ctx.Done():
			for range i {
				<-l.j.slots
			}
			return ctx.Err()
		}
		es[i] = &jentry{enc: encodeEntry(n), n: n, done: make(chan error, 1)}
	}
	if err := l.j.enqueue(es...); err != nil {
		for range es {
			<-l.j.slots
		}
		return err
	}
	for _, e := range es {
		select {
		case err := <-e.done:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err() // the entries may still be journaled; the read is not answered either way
		}
	}
	return nil
}

// Barrier returns once every entry journaled before the call is in the store, so a read of
// the access log sees every access answered before it (records.Options.BeforeAuditRead). It
// costs two atomic loads when nothing is pending, and nothing for a Log without a journal.
func (l *Log) Barrier(ctx context.Context) error {
	if l.j == nil {
		return nil
	}
	return l.j.in.waitFor(ctx, l.j.synced.Load())
}

// Close ends a journaled Log at shutdown, after the last request: later Records fail, what is
// pending is written, every entry is stored, and the journal's segments are removed. When ctx
// ends first, what is not yet stored stays in the journal for the next start. A Log without a
// journal has nothing to close.
func (l *Log) Close(ctx context.Context) error {
	if l.j == nil {
		return nil
	}
	l.closeOnce.Do(func() { l.closeErr = l.close(ctx) })
	return l.closeErr
}

func (l *Log) close(ctx context.Context) error {
	j := l.j
	j.stop()
	select {
	case <-j.done:
	case <-ctx.Done():
		close(j.in.abort)
		return fmt.Errorf("access log: closing the journal: %w", ctx.Err())
	}
	j.in.drain()
	select {
	case <-j.in.done:
	case <-ctx.Done():
		close(j.in.abort)
		<-j.in.done
		return fmt.Errorf("access log: %d journaled entries not yet stored stay for the next start: %w",
			j.synced.Load()-j.in.ingested.Load(), ctx.Err())
	}
	err := j.f.Close()
	if rmErr := removeSegments(j.dir); rmErr != nil {
		err = errors.Join(err, rmErr)
	}
	return errors.Join(err, l.lock.Close())
}

// removeSegments removes every segment in dir, durably.
func removeSegments(dir string) error {
	nos, err := listSegments(dir)
	if err != nil {
		return err
	}
	for _, no := range nos {
		if err := os.Remove(segmentPath(dir, no)); err != nil {
			return fmt.Errorf("access log journal: %w", err)
		}
	}
	return syncDir(dir)
}

// recovered is where a recovery left the journal.
type recovered struct{ lastSegment, lastSeq uint64 }

// recoverJournal stores the entries of every segment in dir, then removes the segments. All
// are read and checked before anything is stored, so damage stops the start with the journal
// as it was.
func recoverJournal(ctx context.Context, dir string, ingest ingestFunc, opts JournalOptions) (recovered, error) {
	nos, err := listSegments(dir)
	if err != nil || len(nos) == 0 {
		return recovered{}, err
	}
	var rec recovered
	var events []store.New
	for i, no := range nos {
		path := segmentPath(dir, no)
		b, err := os.ReadFile(path)
		if err != nil {
			return rec, fmt.Errorf("access log journal: %w", err)
		}
		sr, err := readSegment(b, i == len(nos)-1)
		if err != nil {
			return rec, fmt.Errorf("access log journal %s: %w; the server does not start, so that no acknowledged entry is lost: "+
				"keep the file for inspection and restore the entries by hand", path, err)
		}
		if sr.dropped > 0 {
			opts.Logger.Warn("access log journal: dropped the torn last batch (never acknowledged)", "segment", path, "bytes", sr.dropped)
		}
		for _, r := range sr.records {
			events = append(events, r.n)
			rec.lastSeq = max(rec.lastSeq, r.seq)
		}
		rec.lastSegment = no
	}
	stored := 0
	for len(events) > 0 {
		chunk := events[:min(len(events), opts.IngestBatch)]
		events = events[len(chunk):]
		n, err := ingest(ctx, chunk)
		if err != nil {
			return rec, fmt.Errorf("access log journal: storing the entries left by the last run: %w", err)
		}
		stored += n
	}
	opts.Logger.Info("access log journal: recovered", "segments", len(nos), "stored", stored)
	return rec, removeSegments(dir)
}
