package accesslog

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"syscall"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
)

// The journal makes a read's access-log entry durable with one append to a file instead of a
// database commit: the entries of concurrent requests are written with one write and one
// fdatasync per batch, each request answered after the fsync that covers its entry, and the
// next batch forms while one syncs (no fixed delay). The ingester (ingest.go) then moves them
// into the store in large transactions, off every request's path.

// errJournalClosed answers a Record after Close began or after the journal failed.
var errJournalClosed = errors.New("the access log's journal is closed")

// jentry is one entry on its way through the journal.
type jentry struct {
	enc  []byte // encodeEntry(n)
	n    store.New
	seq  uint64
	done chan error // the fsync's outcome; buffered
}

// journal is the writing side: one goroutine (run) owns the open segment.
type journal struct {
	dir      string
	segBytes int64
	in       *ingester
	slots    chan struct{} // one per entry not yet in the store: the memory bound

	mu      sync.Mutex
	pending []*jentry
	closing bool
	failed  error
	wake    chan struct{} // capacity 1: there is something pending, or closing
	done    chan struct{} // run returned

	// the writer goroutine's own
	f       *os.File
	segNo   uint64
	size    int64 // bytes of header and records
	alloc   int64 // the file's size: records, then zeros written ahead (preallocate)
	nextSeq uint64
	buf     []byte

	synced atomic.Uint64 // the last entry durable in the journal
	syncs  atomic.Uint64 // fdatasyncs of batches, for tests and figures
}

// enqueue hands es to the writer, in one batch.
func (j *journal) enqueue(es ...*jentry) error {
	j.mu.Lock()
	if j.closing || j.failed != nil {
		err := j.failed
		j.mu.Unlock()
		if err != nil {
			return fmt.Errorf("%w: %v", errJournalClosed, err)
		}
		return errJournalClosed
	}
	j.pending = append(j.pending, es...)
	j.mu.Unlock()
	j.signal()
	return nil
}

func (j *journal) signal() {
	select {
	case j.wake <- struct{}{}:
	default:
	}
}

// run writes what is pending, batch after batch, until closing and nothing is left.
func (j *journal) run() {
	defer close(j.done)
	for {
		j.mu.Lock()
		batch, closing := j.pending, j.closing
		j.pending = nil
		j.mu.Unlock()
		if len(batch) == 0 {
			if closing {
				return
			}
			<-j.wake
			continue
		}
		err := j.write(batch)
		if errors.Is(err, ErrDiskFull) {
			// the write did not get room: this batch's reads are refused, and the next batch tries
			// again at the same place (a record of this one that did land there is overwritten,
			// or, after a crash, read back as an entry of a read that was refused: logged, not lost)
			for _, e := range batch {
				e.done <- err
				<-j.slots
			}
			continue
		}
		if err != nil {
			// fail-stop: after a failed fsync (or another write error) the file's state is
			// unknown, so no later batch may follow it; recovery drops this one as a torn tail
			j.mu.Lock()
			j.failed = err
			rest := j.pending
			j.pending = nil
			j.mu.Unlock()
			for _, e := range append(batch, rest...) {
				e.done <- fmt.Errorf("access log journal: %w", err)
				<-j.slots
			}
			return
		}
		for _, e := range batch {
			e.done <- nil
		}
	}
}

// write appends batch to the segment with one write and one fdatasync, rotating first when the
// segment is full, and hands the entries to the ingester once they are durable.
func (j *journal) write(batch []*jentry) error {
	if j.size >= j.segBytes {
		if err := j.rotate(); err != nil {
			return err
		}
	}
	first := j.nextSeq
	last := first + uint64(len(batch)) - 1
	j.buf = j.buf[:0]
	for i, e := range batch {
		e.seq = first + uint64(i)
		j.buf = appendRecord(j.buf, e.seq, first, last, e.enc)
	}
	if err := j.writeBatch(); err != nil {
		return err
	}
	if err := datasync(j.f); err != nil {
		return fmt.Errorf("syncing %s: %w", j.f.Name(), err)
	}
	j.syncs.Add(1)
	j.size += int64(len(j.buf))
	j.nextSeq = last + 1
	if cap(j.buf) > 4<<20 {
		j.buf = nil // one burst's buffer is not kept for ever
	}
	j.in.add(batch)
	j.synced.Store(last)
	return nil
}

// preallocChunk is how far ahead of the records a segment's zeros are written.
const preallocChunk = 1 << 20

// ErrDiskFull is a journal write that found no room on the disk (and no zeros written ahead of
// it left to hold the batch): the reads of the batch are refused, and the journal goes on.
var ErrDiskFull = errors.New("the access log's disk is full")

// writeBatch writes j.buf at j.size with zeros written ahead of it (preallocate). When the disk
// has no room for the zeros but the batch fits in those written before, it writes the batch
// alone: the zeros ahead are a reserve that keeps reads answered for a while on a full disk.
func (j *journal) writeBatch() error {
	data, alloc := j.preallocate()
	_, err := j.f.WriteAt(data, j.size)
	if err == nil {
		j.alloc = alloc
		return nil
	}
	if !errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("writing %s: %w", j.f.Name(), err)
	}
	if len(data) > len(j.buf) && j.size+int64(len(j.buf)) <= j.alloc {
		if _, err := j.f.WriteAt(j.buf, j.size); err == nil {
			return nil
		} else if !errors.Is(err, syscall.ENOSPC) {
			return fmt.Errorf("writing %s: %w", j.f.Name(), err)
		}
	}
	return fmt.Errorf("%w: writing %s: %v", ErrDiskFull, j.f.Name(), err)
}

// preallocate returns what to write at j.size and the file's size after it: the batch and, when
// it leaves less than half a chunk of the zeros written before, zeros to a chunk boundary at
// least half a chunk past it. Only a write with zeros changes the file's size; the fdatasync of
// every other batch then writes data alone, with no journal commit of the file system's
// metadata, which halves its cost and keeps it from waiting on the database's own fsyncs (ext4
// orders a metadata commit after other files' data). Recovery reads zeros after the last record
// as the end (journalfile.go).
func (j *journal) preallocate() ([]byte, int64) {
	end := j.size + int64(len(j.buf))
	if end+preallocChunk/2 <= j.alloc {
		return j.buf, j.alloc
	}
	alloc := (end + preallocChunk/2 + preallocChunk - 1) / preallocChunk * preallocChunk
	return append(j.buf, make([]byte, alloc-end)...), alloc
}

// rotate closes the full segment (every byte of it is synced already) and starts the next.
func (j *journal) rotate() error {
	if err := j.f.Close(); err != nil {
		return fmt.Errorf("closing %s: %w", j.f.Name(), err)
	}
	j.in.segmentFull(j.segNo, j.nextSeq-1)
	return j.create(j.segNo + 1)
}

// create starts segment no, whose first entry is j.nextSeq; its header and its name are
// durable before any entry goes into it.
func (j *journal) create(no uint64) error {
	path := segmentPath(j.dir, no)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("creating %s: %w", path, err)
	}
	hdr := segmentHeaderBytes(j.nextSeq)
	if _, err := f.Write(hdr); err != nil {
		_ = f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// zeros ahead from the start, so a segment has room for reads' entries even when the disk
	// fills before its first one (a disk already full leaves the segment without: not an error)
	alloc := int64(len(hdr))
	if _, err := f.WriteAt(make([]byte, preallocChunk-len(hdr)), alloc); err == nil {
		alloc = preallocChunk
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return fmt.Errorf("syncing %s: %w", path, err)
	}
	if err := syncDir(j.dir); err != nil {
		_ = f.Close()
		return err
	}
	j.f, j.segNo, j.size, j.alloc = f, no, int64(len(hdr)), alloc
	return nil
}

// stop makes later Records fail and lets run finish what is pending.
func (j *journal) stop() {
	j.mu.Lock()
	j.closing = true
	j.mu.Unlock()
	j.signal()
}

// syncDir makes the creation or removal of a file in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("opening %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("syncing %s: %w", dir, err)
	}
	return nil
}

// Unwritten is the answer to give for a read whose entry could not be written: Unavailable when
// the disk is full (the read is refused; try again once there is room), else Internal.
func Unwritten(err error) error {
	if errors.Is(err, ErrDiskFull) {
		return &apperr.Error{Code: apperr.Unavailable, Err: err,
			Message: "Disken er full, så tilgangsloggen kan ikke føre lesingen, og den blir ikke gjort; prøv igjen senere. / The disk is full, so the access log cannot record the read: it is refused; try again later."}
	}
	return apperr.New(apperr.Internal, "the access log could not be written: %v", err)
}
