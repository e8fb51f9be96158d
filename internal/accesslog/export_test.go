package accesslog

import (
	"fmt"
	"os"

	"veiviser/internal/store"
)

// Hooks for the journal's tests (package access_test).

// JournalSyncs is how many batches the journal has fdatasynced.
func (l *Log) JournalSyncs() uint64 { return l.j.syncs.Load() }

// JournalIngests is how many store transactions the ingester has committed, and the entries in them.
func (l *Log) JournalIngests() (transactions, entries uint64) {
	return l.j.in.batches.Load(), l.j.in.stored.Load()
}

// HoldIngest stops (true) or lets go on (false) the moving of journaled entries to the store.
func (l *Log) HoldIngest(hold bool) {
	l.j.in.mu.Lock()
	l.j.in.held = hold
	l.j.in.mu.Unlock()
	l.j.in.signal()
}

// Crash stops the journal as kill -9 would leave it: what Record acknowledged is in the
// segments, nothing more is stored and nothing is removed.
func (l *Log) Crash() {
	l.closeOnce.Do(func() {
		l.j.stop()
		<-l.j.done
		close(l.j.in.abort)
		<-l.j.in.done
		_ = l.j.f.Close()
		_ = l.lock.Close()
		l.closeErr = errJournalClosed
	})
}

// JournalSegments lists the segment files in dir.
func JournalSegments(dir string) ([]string, error) {
	nos, err := listSegments(dir)
	var out []string
	for _, no := range nos {
		out = append(out, segmentPath(dir, no))
	}
	return out, err
}

// JournaledIDs reads the ids of the entries in the segment at path as recovery would.
func JournaledIDs(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sr, err := readSegment(b, true)
	var ids []string
	for _, r := range sr.records {
		ids = append(ids, r.n.Record.ID)
	}
	return ids, err
}

// RoundTrip frames n as the journal writes it and reads it back as recovery does.
func RoundTrip(n store.New) (store.New, error) {
	b := appendRecord(nil, 7, 5, 9, encodeEntry(n))
	j, size, err := readRecord(b)
	if err == nil && (size != len(b) || j.seq != 7 || j.first != 5 || j.last != 9) {
		err = fmt.Errorf("read %d of %d bytes, entry %d of %d..%d", size, len(b), j.seq, j.first, j.last)
	}
	return j.n, err
}
