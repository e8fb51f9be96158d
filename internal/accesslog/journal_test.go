package accesslog_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// openJournal opens a journaled Log over st in dir, closed when the test ends.
func openJournal(t *testing.T, st store.Store, dir string, opts accesslog.JournalOptions) *accesslog.Log {
	t.Helper()
	l, err := accesslog.OpenJournal(context.Background(), records.New(st, records.Options{Clock: testutil.Clock(logTime)}), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close(context.Background()) })
	return l
}

// readEvent is the i-th read of a test: CarePlan/c<i> about patient.
func readEvent(i int, patient string) accesslog.Event {
	return accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess,
		Principal: &access.Principal{ClientID: "c1"}, What: []string{fmt.Sprintf("CarePlan/c%d", i)},
		Patients: []string{patient}, When: logTime}
}

// recordAll records n reads about patient from n requests at once.
func recordAll(t *testing.T, l *accesslog.Log, n int, patient string) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() { errs <- l.Record(context.Background(), readEvent(i, patient)) })
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

func segments(t *testing.T, dir string) []string {
	t.Helper()
	s, err := accesslog.JournalSegments(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestJournalGroupCommit: concurrent Records are written in batches, one fdatasync each (far
// fewer than entries), each answered only once its entry is in the journal file; then every
// entry reaches the store, once.
func TestJournalGroupCommit(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		dir := t.TempDir()
		l := openJournal(t, st, dir, accesslog.JournalOptions{})
		l.HoldIngest(true)
		const n = 200
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Go(func() {
				e := readEvent(i, "p1")
				if err := l.Record(context.Background(), e); err != nil {
					errs <- err
					return
				}
				errs <- inJournal(dir, e.What[0])
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		syncs := l.JournalSyncs()
		if syncs == 0 || syncs > n/4 {
			t.Errorf("%d fdatasyncs for %d entries from %d requests at once: not grouped", syncs, n, n)
		}
		if got := count(t, st, "patient", "Patient", "p1"); got != 0 {
			t.Errorf("%d entries in the store while ingestion is held", got)
		}
		l.HoldIngest(false)
		if err := l.Barrier(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := count(t, st, "patient", "Patient", "p1"); got != n {
			t.Errorf("%d entries stored, want %d", got, n)
		}
		t.Logf("%d entries in %d batches", n, syncs)
	})
}

// inJournal reports an error unless the entry about what is in a segment of dir (bodies are
// kept as they are, so its reference is found in the file's bytes).
func inJournal(dir, what string) error {
	paths, err := accesslog.JournalSegments(dir)
	if err != nil {
		return err
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(`{"what":{"reference":"`+what+`"}}`)) {
			return nil
		}
	}
	return fmt.Errorf("%s: answered before its entry was in the journal", what)
}

// TestJournalBarrier: a reader waits until what was journaled before it is stored; with
// BeforeAuditRead a search of AuditEvent through the record layer right after a read sees its
// entry; an emergency grant is stored before Record returns, never only journaled.
func TestJournalBarrier(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		// batches would gather for an hour: the barrier must cut that short
		l := openJournal(t, st, t.TempDir(), accesslog.JournalOptions{IngestDelay: time.Hour})
		l.HoldIngest(true)
		if err := l.Record(context.Background(), readEvent(1, "p1")); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		if err := l.Barrier(ctx); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("barrier with an entry held back: %v, want to wait until the deadline", err)
		}
		grant := accesslog.Event{Interaction: access.EmergencyAccess, Action: "E", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{UserID: "u1", PractitionerID: "pr1"}, Reason: "akutt", Patients: []string{"p2"},
			When: logTime, Until: logTime.Add(access.EmergencyDuration)}
		if err := l.Record(context.Background(), grant); err != nil {
			t.Fatal(err)
		}
		if got := count(t, st, "patient", "Patient", "p2"); got != 1 {
			t.Errorf("the emergency grant: %d in the store, want 1 before Record returned", got)
		}
		l.HoldIngest(false)
		svc := records.New(st, records.Options{BeforeAuditRead: l.Barrier})
		for i := 2; i < 40; i++ {
			if err := l.Record(context.Background(), readEvent(i, "p1")); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			res, err := svc.Search(ctx, "AuditEvent", url.Values{"patient": {"Patient/p1"}, "_count": {"100"}})
			cancel()
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Page.Records) != i {
				t.Fatalf("search right after read %d: %d entries, want %d", i, len(res.Page.Records), i)
			}
		}
	})
}

// TestJournalIngestGathers: entries journaled one after another within the ingest delay reach
// the store together, in one or two transactions rather than one each (what makes ingesting
// cheap), and without any barrier asking for them.
func TestJournalIngestGathers(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		l := openJournal(t, st, t.TempDir(), accesslog.JournalOptions{IngestDelay: 300 * time.Millisecond})
		const n = 20
		for i := range n {
			if err := l.Record(context.Background(), readEvent(i, "p1")); err != nil {
				t.Fatal(err)
			}
		}
		deadline := time.Now().Add(10 * time.Second)
		txs, stored := l.JournalIngests()
		for stored < n && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			txs, stored = l.JournalIngests()
		}
		if stored != n || txs < 1 || txs > 2 {
			t.Fatalf("%d entries stored in %d transactions, want %d in one or two", stored, txs, n)
		}
		if got := count(t, st, "patient", "Patient", "p1"); got != n {
			t.Errorf("%d entries in the store, want %d", got, n)
		}
	})
}

// TestJournalRotation: a full segment is closed and a new one begun; segments are removed once
// their entries are stored, and Close stores everything and leaves no segment.
func TestJournalRotation(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		dir := t.TempDir()
		l := openJournal(t, st, dir, accesslog.JournalOptions{SegmentBytes: 4096, IngestBatch: 7})
		l.HoldIngest(true)
		for i := range 40 { // one batch each: one entry is about 900 bytes
			if err := l.Record(context.Background(), readEvent(i, "p1")); err != nil {
				t.Fatal(err)
			}
		}
		if n := len(segments(t, dir)); n < 5 {
			t.Fatalf("%d segments for 40 entries of 4 kB segments, want at least 5", n)
		}
		l.HoldIngest(false)
		if err := l.Barrier(context.Background()); err != nil {
			t.Fatal(err)
		}
		if got := count(t, st, "patient", "Patient", "p1"); got != 40 {
			t.Errorf("%d entries stored, want 40", got)
		}
		if s := segments(t, dir); len(s) != 1 {
			t.Errorf("segments after everything was stored: %v, want only the open one", s)
		}
		if err := l.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if s := segments(t, dir); len(s) != 0 {
			t.Errorf("segments after Close: %v", s)
		}
		if err := l.Record(context.Background(), readEvent(99, "p1")); err == nil {
			t.Error("Record after Close succeeded")
		}
	})
}

// TestJournalRecovery: entries journaled but not stored when the process stopped (kill -9) are
// in the store after the journal is opened again, exactly once, also when some had been
// stored before the crash; the segments are then gone.
func TestJournalRecovery(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stored bool // the ingester stored everything before the crash, the segment was kept
	}{{"none stored", false}, {"all stored, segment kept", true}} {
		t.Run(tc.name, func(t *testing.T) {
			testutil.EachStore(t, func(t *testing.T, st store.Store) {
				dir := t.TempDir()
				l := openJournal(t, st, dir, accesslog.JournalOptions{SegmentBytes: 64 << 10})
				l.HoldIngest(!tc.stored)
				recordAll(t, l, 150, "p1")
				if tc.stored {
					if err := l.Barrier(context.Background()); err != nil {
						t.Fatal(err)
					}
				}
				l.Crash()
				if len(segments(t, dir)) == 0 {
					t.Fatal("no segment left by the crash")
				}
				want := 0
				if tc.stored {
					want = 150
				}
				if got := count(t, st, "patient", "Patient", "p1"); got != want {
					t.Fatalf("%d entries stored before reopening, want %d", got, want)
				}
				openJournal(t, st, dir, accesslog.JournalOptions{})
				if got := count(t, st, "patient", "Patient", "p1"); got != 150 {
					t.Errorf("%d entries after recovery, want 150", got)
				}
				for i := range 150 {
					if got := count(t, st, "entity", "CarePlan", fmt.Sprintf("c%d", i)); got != 1 {
						t.Errorf("CarePlan/c%d: %d entries, want 1", i, got)
					}
				}
				if s := segments(t, dir); len(s) != 1 {
					t.Errorf("segments after recovery: %v, want only the new one", s)
				}
			})
		})
	}
}

// TestJournalDamageStopsTheStart: a record that does not read in the middle of the journal
// (acknowledged entries follow it) makes OpenJournal fail and stores nothing; the journal is
// left as it was.
func TestJournalDamageStopsTheStart(t *testing.T) {
	st := testutil.NewSQLite(t)
	dir := t.TempDir()
	l := openJournal(t, st, dir, accesslog.JournalOptions{})
	l.HoldIngest(true)
	for i := range 5 {
		if err := l.Record(context.Background(), readEvent(i, "p1")); err != nil {
			t.Fatal(err)
		}
	}
	l.Crash()
	path := segments(t, dir)[0]
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[40] ^= 0xff // inside the first record's payload
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = accesslog.OpenJournal(context.Background(), records.New(st, records.Options{}), dir, accesslog.JournalOptions{})
	if err == nil {
		t.Fatal("opened a journal damaged in the middle")
	}
	t.Log(err)
	if got := count(t, st, "patient", "Patient", "p1"); got != 0 {
		t.Errorf("%d entries stored from a damaged journal", got)
	}
	if s := segments(t, dir); len(s) != 1 || s[0] != path {
		t.Errorf("segments after the refused start: %v", s)
	}
}

// TestJournalOneProcess: a second Log on the same folder is refused while the first is open.
func TestJournalOneProcess(t *testing.T) {
	st := testutil.NewSQLite(t)
	dir := t.TempDir()
	openJournal(t, st, dir, accesslog.JournalOptions{})
	if _, err := accesslog.OpenJournal(context.Background(), records.New(st, records.Options{}), dir, accesslog.JournalOptions{}); err == nil {
		t.Error("two Logs opened one journal folder")
	}
}

// TestJournalRoundTrip: every shape of entry, as Prepared builds it or (an emergency grant)
// as Resource and the record layer do, and an index with every kind of entry, reads back from
// its journal record exactly as it was written.
func TestJournalRoundTrip(t *testing.T) {
	svc := records.New(testutil.NewSQLite(t), records.Options{Clock: testutil.Clock(logTime)})
	type shape struct {
		name string
		n    store.New
	}
	var shapes []shape
	for _, tc := range eventShapes() {
		tc.e.When = logTime
		id, now := svc.Stamp()
		n, ok := tc.e.Prepared(id, now)
		if !ok {
			r, err := tc.e.Resource()
			if err != nil {
				t.Fatal(err)
			}
			if n, err = svc.PrepareAuditEvent(r); err != nil {
				t.Fatal(err)
			}
		}
		shapes = append(shapes, shape{tc.name, n})
	}
	every := store.New{Record: store.Record{Type: "AuditEvent", ID: "x", VersionID: 1, LastUpdated: logTime.Add(123456789),
		Body: []byte(`{"resourceType":"AuditEvent"}`), Patients: []string{"p1", "p2"}, PatientsKnown: true},
		Index: []search.Entry{
			{Param: "t", Kind: search.Token, System: "s", Code: "c"}, {Param: "t", Kind: search.Token, Code: "no system"},
			{Param: "s", Kind: search.String, Text: "tekst æøå"}, {Param: "r", Kind: search.Reference, RefType: "Patient", RefID: "p1"},
			{Param: "d", Kind: search.Date, Low: logTime.Add(-time.Hour * 24 * 365 * 60), High: logTime.Add(time.Nanosecond)},
			{Param: "open", Kind: search.Date, High: logTime}, {Param: "n", Kind: search.Number, Number: -1.25e-3}}}
	shapes = append(shapes, shape{"every index kind", every}, shape{"empty", store.New{Record: store.Record{Type: "AuditEvent"}}})
	for _, tc := range shapes {
		t.Run(tc.name, func(t *testing.T) {
			got, err := accesslog.RoundTrip(tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if !sameNew(got, tc.n) {
				t.Errorf("read back\n%+v\nwritten\n%+v", got, tc.n)
			}
		})
	}
}

// sameNew compares two entries field by field, times by the instant.
func sameNew(a, b store.New) bool {
	ra, rb := a.Record, b.Record
	if ra.Type != rb.Type || ra.ID != rb.ID || ra.VersionID != rb.VersionID || !ra.LastUpdated.Equal(rb.LastUpdated) ||
		!bytes.Equal(ra.Body, rb.Body) || !slices.Equal(ra.Patients, rb.Patients) || ra.PatientsKnown != rb.PatientsKnown ||
		len(a.Index) != len(b.Index) {
		return false
	}
	for i, x := range a.Index {
		y := b.Index[i]
		if !x.Low.Equal(y.Low) || !x.High.Equal(y.High) || x.Low.IsZero() != y.Low.IsZero() || x.High.IsZero() != y.High.IsZero() {
			return false
		}
		x.Low, x.High, y.Low, y.High = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		if x != y {
			return false
		}
	}
	return true
}
