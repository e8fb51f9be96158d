package accesslog_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

var logTime = time.Date(2026, 5, 6, 7, 8, 9, 0, time.UTC)

// eventShapes are the shapes of entry the server builds, each recorded at logTime.
func eventShapes() []struct {
	name string
	e    accesslog.Event
} {
	staff := &access.Principal{UserID: "u1", Name: "Kari Testesen", PractitionerID: "pr1", Roles: []access.Role{access.Coordinator}}
	return []struct {
		name string
		e    accesslog.Event
	}{
		{"system read", accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{ClientID: "c1", Name: "Fagsystem"}, Address: "127.0.0.1",
			What: []string{"CarePlan/a"}, Patients: []string{"p1"}}},
		{"staff search with reason", accesslog.Event{Interaction: "search-type", Action: "E", Outcome: accesslog.OutcomeSuccess,
			Principal: staff, Reason: "oppfølging", What: []string{"Goal/a", "Goal/b"}, Patients: []string{"p1", "p2"}}},
		{"refused", accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeRefused,
			Principal: &access.Principal{UserID: "u2", PatientID: "p9"}, Patients: []string{"p1"}}},
		{"relative", accesslog.Event{Interaction: "vread", Action: "R", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{UserID: "u3", RelatedPersonIDs: []string{"rp1"}}, Patients: []string{"p1"}}},
		{"user without record", accesslog.Event{Interaction: "update", Action: "U", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{UserID: "u4"}, Patients: []string{"p1"}}},
		{"unknown caller", accesslog.Event{Interaction: "delete", Action: "D", Outcome: accesslog.OutcomeSuccess, Patients: []string{"p1"}}},
		{"emergency grant", accesslog.Event{Interaction: access.EmergencyAccess, Action: "E", Outcome: accesslog.OutcomeSuccess,
			Principal: staff, Reason: "akutt", Patients: []string{"p1"}, Until: logTime.Add(access.EmergencyDuration)}},
		{"odd text", accesslog.Event{Interaction: "search-type", Action: "E", Outcome: accesslog.OutcomeSuccess,
			Principal: &access.Principal{UserID: "u\"5<", Name: "Ærlig \u2028 Øyvind\n", PractitionerID: "pr/2"},
			Reason:    "å \"sitere\" & <teste>\t", What: []string{"Goal/x", "Patient/p1", "Weird"}, Patients: []string{"p1"}}},
	}
}

// TestEventResource: every shape of entry the server builds is a valid R4 AuditEvent.
func TestEventResource(t *testing.T) {
	for _, tc := range eventShapes() {
		t.Run(tc.name, func(t *testing.T) {
			tc.e.When = logTime
			r, err := tc.e.Resource()
			if err != nil {
				t.Fatal(err)
			}
			r.SetID("a1")
			r.SetMeta(1, logTime)
			if err := fhir.Validate(r); err != nil {
				t.Fatalf("not a valid AuditEvent: %v\n%s", err, r.Bytes())
			}
			// the access log's table keeps one value of each of these (store/audit.go)
			count := map[string]int{}
			for _, e := range fhir.Index(r) {
				count[e.Param]++
			}
			for _, p := range []string{"agent", "type", "subtype", "action", "outcome", "date"} {
				if count[p] > 1 {
					t.Errorf("%d values of %s; the access log keeps one", count[p], p)
				}
			}
			for _, p := range []string{"type", "subtype", "action", "outcome", "date", "patient"} {
				if count[p] == 0 {
					t.Errorf("no value of %s", p)
				}
			}
		})
	}
}

// TestLogGroupCommit: entries recorded at once by many requests are all stored, each request
// answered only after its entry is, and every entry is found by the search parameters.
func TestLogGroupCommit(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		svc := records.New(st, records.Options{Clock: testutil.Clock(logTime)})
		log := accesslog.NewLog(svc)
		const n = 300
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Go(func() {
				err := log.Record(context.Background(), accesslog.Event{Interaction: "read", Action: "R",
					Outcome: accesslog.OutcomeSuccess, Principal: &access.Principal{ClientID: "c1"},
					What: []string{fmt.Sprintf("CarePlan/x%d", i)}, Patients: []string{fmt.Sprintf("p%d", i%3)}, When: logTime})
				if err == nil && count(t, st, "entity", "CarePlan", fmt.Sprintf("x%d", i)) != 1 {
					err = fmt.Errorf("entry %d: answered before it was stored", i)
				}
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if got := count(t, st, "patient", "Patient", "p0") + count(t, st, "patient", "Patient", "p1") +
			count(t, st, "patient", "Patient", "p2"); got != n {
			t.Errorf("%d entries stored, want %d", got, n)
		}
	})
}

// count counts the AuditEvents whose param refers to typ/id.
func count(t *testing.T, st store.Store, param, typ, id string) int {
	t.Helper()
	page, err := st.Search(context.Background(), search.Query{Type: "AuditEvent", Count: store.MaxCount,
		Clauses: []search.Clause{{Param: param, Kind: search.Reference, Values: []search.Value{{RefType: typ, RefID: id}}}}})
	if err != nil {
		t.Error(err)
		return -1
	}
	return len(page.Records)
}
