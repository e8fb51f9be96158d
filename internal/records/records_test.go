package records_test

import (
	"context"
	"fmt"
	"net/url"
	"sync"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

var start = time.Date(2026, 3, 2, 9, 0, 0, 123_456_789, time.UTC)

func newService(t *testing.T, st store.Store) (*records.Service, *testutil.ManualClock) {
	t.Helper()
	clock := testutil.NewClock(start)
	n := 0
	var mu sync.Mutex
	newID := func() string {
		mu.Lock()
		defer mu.Unlock()
		n++
		return fmt.Sprintf("id-%d", n)
	}
	return records.New(st, records.Options{Clock: clock.Now, NewID: newID}), clock
}

func mustParse(t *testing.T, s string) *fhir.Resource {
	t.Helper()
	r, err := fhir.Parse([]byte(s))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return r
}

// Create takes its id from NewID and its time from the clock, at millisecond precision.
func TestCreateUsesInjectedIDAndClock(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		svc, _ := newService(t, st)
		rec, created, err := svc.Create(context.Background(), mustParse(t, `{"resourceType":"Practitioner","id":"mine"}`), "")
		if err != nil || !created {
			t.Fatalf("Create: %v, created %v", err, created)
		}
		if rec.ID != "id-1" || rec.VersionID != 1 || !rec.LastUpdated.Equal(start.Truncate(time.Millisecond)) {
			t.Errorf("record %s v%d at %s", rec.ID, rec.VersionID, rec.LastUpdated)
		}
		got, err := svc.Read(context.Background(), "Practitioner", "id-1")
		if err != nil {
			t.Fatal(err)
		}
		want := `{"resourceType":"Practitioner","id":"id-1","meta":{"versionId":"1","lastUpdated":"2026-03-02T09:00:00.123Z"}}`
		if string(got.Body) != want {
			t.Errorf("body %s, want %s", got.Body, want)
		}
	})
}

// Racing updates never lose a write: with If-Match exactly one wins and the rest get 412 or (when
// the store catches the race at Put) 409; without it every success is a version.
func TestConcurrentUpdates(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		svc, _ := newService(t, st)
		ctx := context.Background()
		if _, _, err := svc.Create(ctx, mustParse(t, `{"resourceType":"Practitioner"}`), ""); err != nil {
			t.Fatal(err)
		}
		body := `{"resourceType":"Practitioner","id":"id-1","name":[{"family":"F%d"}]}`
		race := func(ifMatch string) (ok int, codes map[apperr.Code]int) {
			codes = map[apperr.Code]int{}
			var mu sync.Mutex
			var wg sync.WaitGroup
			for i := range 8 {
				wg.Go(func() {
					_, _, err := svc.Update(ctx, "Practitioner", "id-1", mustParse(t, fmt.Sprintf(body, i)), ifMatch)
					mu.Lock()
					defer mu.Unlock()
					if err == nil {
						ok++
					} else {
						codes[apperr.CodeOf(err)]++
					}
				})
			}
			wg.Wait()
			return ok, codes
		}
		ok, codes := race(`W/"1"`)
		if ok != 1 || codes[apperr.PreconditionFailed]+codes[apperr.Conflict] != 7 {
			t.Errorf("If-Match race: %d won, failures %v; want 1 and 7 × 412/409", ok, codes)
		}
		ok2, codes := race("")
		if ok2 < 1 || ok2+codes[apperr.Conflict] != 8 {
			t.Errorf("plain race: %d won, failures %v; want only 409s", ok2, codes)
		}
		cur, err := svc.Read(ctx, "Practitioner", "id-1")
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(1 + ok + ok2); cur.VersionID != want {
			t.Errorf("current version %d, want %d (1 + every acknowledged update)", cur.VersionID, want)
		}
	})
}

// AuditEvent is written only through RecordAuditEvent; the generic doors refuse it.
func TestAuditEventIsServerWritten(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		svc, _ := newService(t, st)
		ctx := context.Background()
		ae := `{"resourceType":"AuditEvent","type":{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110110"},
			"recorded":"2026-03-02T09:00:00Z","agent":[{"who":{"reference":"Practitioner/gone"},"requestor":true}],
			"source":{"observer":{"display":"Veiviser"}}}`
		if _, _, err := svc.Create(ctx, mustParse(t, ae), ""); !apperr.Is(err, apperr.MethodNotAllowed) {
			t.Errorf("Create(AuditEvent) = %v, want method_not_allowed", err)
		}
		rec, err := svc.RecordAuditEvent(ctx, mustParse(t, ae))
		if err != nil {
			t.Fatalf("RecordAuditEvent: %v", err) // its reference to nothing is kept: a log outlives what it names
		}
		if _, _, err := svc.Delete(ctx, "AuditEvent", rec.ID); !apperr.Is(err, apperr.MethodNotAllowed) {
			t.Errorf("Delete(AuditEvent) = %v, want method_not_allowed", err)
		}
		if _, err := svc.Read(ctx, "AuditEvent", rec.ID); err != nil {
			t.Errorf("Read: %v", err)
		}
	})
}

func TestHistoryParams(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		svc, clock := newService(t, st)
		ctx := context.Background()
		for range 3 {
			clock.Advance(time.Minute)
			if _, _, err := svc.Create(ctx, mustParse(t, `{"resourceType":"Practitioner"}`), ""); err != nil {
				t.Fatal(err)
			}
		}
		since := start.Add(90 * time.Second).Format(time.RFC3339Nano)
		tests := []struct {
			params url.Values
			n      int
			more   bool
			code   apperr.Code
		}{
			{url.Values{}, 3, false, ""},
			{url.Values{"_count": {"2"}}, 2, true, ""},
			{url.Values{"_count": {"2"}, "_offset": {"2"}}, 1, false, ""},
			{url.Values{"_since": {since}}, 2, false, ""},
			{url.Values{"_since": {"yesterday"}}, 0, false, apperr.Invalid},
			{url.Values{"_count": {"-1"}}, 0, false, apperr.Invalid},
			{url.Values{"colour": {"red"}}, 0, false, apperr.Invalid},
		}
		for _, tt := range tests {
			res, err := svc.History(ctx, "Practitioner", "", tt.params)
			if tt.code != "" {
				if !apperr.Is(err, tt.code) {
					t.Errorf("%v: err %v, want %s", tt.params, err, tt.code)
				}
				continue
			}
			if err != nil || len(res.Records) != tt.n || res.HasMore != tt.more {
				t.Errorf("%v: %d records, more %v, err %v; want %d, %v", tt.params, len(res.Records), res.HasMore, err, tt.n, tt.more)
			}
		}
	})
}
