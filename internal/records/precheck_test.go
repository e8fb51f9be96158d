package records_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestWriteValidatedBeforeItsTransaction: Create and Update validate and index the resource before
// the write's transaction, yet answer as if they did so inside it: an invalid resource is refused
// and stores nothing, a conditional create that matches is answered whatever the body, a stale
// If-Match is a 412 before the body's faults, and what is stored carries the version and time
// the transaction gave it and is found by its entries.
func TestWriteValidatedBeforeItsTransaction(t *testing.T) {
	const (
		valid   = `{"resourceType":"Patient","name":[{"family":"Nordmann"}],"birthDate":"1980-01-02"}`
		invalid = `{"resourceType":"Patient","name":[{"family":"Nordmann"}],"birthDate":"the second of January"}`
	)
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		svc, clock := newService(t, st)
		if _, _, err := svc.Create(ctx, mustParse(t, invalid), ""); !apperr.Is(err, apperr.Unprocessable) {
			t.Fatalf("create of an invalid Patient: %v, want Unprocessable", err)
		}
		first, _, err := svc.Create(ctx, mustParse(t, valid), "")
		if err != nil || first.ID != "id-2" {
			t.Fatalf("create: %+v, %v (the refused create took id-1)", first, err)
		}
		rec, created, err := svc.Create(ctx, mustParse(t, invalid), "family=Nordmann")
		if err != nil || created || rec.ID != first.ID {
			t.Errorf("conditional create of an invalid body that matches: %s created=%v, %v; want the match", rec.ID, created, err)
		}
		body := strings.Replace(invalid, `{"resourceType":"Patient",`, `{"resourceType":"Patient","id":"id-2",`, 1)
		if _, _, err := svc.Update(ctx, "Patient", "id-2", mustParse(t, body), `W/"7"`); !apperr.Is(err, apperr.PreconditionFailed) {
			t.Errorf("update with a stale If-Match and an invalid body: %v, want PreconditionFailed", err)
		}
		if _, _, err := svc.Update(ctx, "Patient", "id-2", mustParse(t, body), `W/"1"`); !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("update with an invalid body: %v, want Unprocessable", err)
		}
		clock.Advance(time.Minute)
		body = strings.NewReplacer(`{"resourceType":"Patient",`, `{"resourceType":"Patient","id":"id-2",`,
			"Nordmann", "Hansen").Replace(valid)
		rec, _, err = svc.Update(ctx, "Patient", "id-2", mustParse(t, body), `W/"1"`)
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.Read(ctx, "Patient", "id-2")
		if err != nil {
			t.Fatal(err)
		}
		wantMeta := `"meta":{"versionId":"2","lastUpdated":"2026-03-02T09:01:00.123Z"}`
		if rec.VersionID != 2 || !strings.Contains(string(got.Body), wantMeta) {
			t.Errorf("stored v%d %s, want %s", rec.VersionID, got.Body, wantMeta)
		}
		for family, want := range map[string]int{"Hansen": 1, "Nordmann": 0} {
			b, err := svc.Search(ctx, "Patient", url.Values{"family": {family}})
			if err != nil || len(b.Page.Records) != want {
				t.Errorf("family=%s: %d matches, %v; want %d", family, len(b.Page.Records), err, want)
			}
		}
	})
}
