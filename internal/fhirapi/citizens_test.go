package fhirapi_test

import (
	"context"
	"net/http"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// A version written before the store kept its citizens (store.Record.PatientsKnown false) is
// decided and logged from its body, exactly as one that keeps them: a coordinator reads the
// CarePlan about P1 and not the one about P2, and each read, the refused one too, is in that
// citizen's access log.
func TestVersionsWithoutKeptCitizens(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		coord := principals(w)[access.Coordinator]
		for _, id := range w.records["CarePlan"] {
			rewriteWithoutCitizens(t, st, "CarePlan", id)
		}
		for i, want := range []int{http.StatusOK, http.StatusNotFound} {
			patient := []string{w.p1, w.p2}[i]
			before := logCount(t, st, patient)
			if code, body := as(h, coord, "GET", "/CarePlan/"+w.records["CarePlan"][i], ""); code != want {
				t.Errorf("CarePlan about patient %d: %d, want %d: %s", i+1, code, want, body)
			}
			if after := logCount(t, st, patient); after != before+1 {
				t.Errorf("CarePlan about patient %d: %d entries in the log after the read, want %d", i+1, after, before+1)
			}
		}
	})
}

// rewriteWithoutCitizens writes the current version again as the next one, without its citizens,
// as a store of an earlier release holds it.
func rewriteWithoutCitizens(t *testing.T, st store.Store, typ, id string) {
	t.Helper()
	ctx := context.Background()
	err := st.Write(ctx, func(tx store.Tx) error {
		cur, err := tx.Get(ctx, typ, id)
		if err != nil {
			return err
		}
		res, err := fhir.Parse(cur.Body)
		if err != nil {
			return err
		}
		next := store.Record{Type: typ, ID: id, VersionID: cur.VersionID + 1, LastUpdated: cur.LastUpdated, Body: cur.Body}
		return tx.Put(ctx, next, fhir.Index(res))
	})
	if err != nil {
		t.Fatal(err)
	}
	if rec, _ := st.Get(ctx, typ, id); rec.PatientsKnown {
		t.Fatalf("%s/%s still keeps its citizens", typ, id)
	}
}

// logCount counts the access-log entries naming the patient.
func logCount(t *testing.T, st store.Store, patient string) int {
	t.Helper()
	page, err := st.Search(context.Background(), search.Query{Type: "AuditEvent", Count: 1000, Clauses: []search.Clause{
		{Param: "patient", Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: patient}}}}})
	if err != nil {
		t.Fatal(err)
	}
	return len(page.Records)
}
