package records_test

import (
	"context"
	"errors"
	"net/url"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/testutil"
)

// TestBeforeAuditRead: every read, search and history that can return AuditEvents (and the GET
// entries of a batch or transaction Bundle) asks BeforeAuditRead first and fails with its
// error; reads of other types never ask.
func TestBeforeAuditRead(t *testing.T) {
	st := testutil.NewSQLite(t)
	asked := 0
	refuse := errors.New("journal not drained")
	svc := records.New(st, records.Options{BeforeAuditRead: func(context.Context) error { asked++; return refuse }})
	ctx := context.Background()
	bundle := func(kind, url string) func() error {
		return func() error {
			b, err := fhir.Parse([]byte(`{"resourceType":"Bundle","type":"` + kind + `","entry":[{"request":{"method":"GET","url":"` + url + `"}}]}`))
			if err != nil {
				return err
			}
			res, err := svc.Bundle(ctx, b)
			if err == nil && len(res.Entries) == 1 {
				err = res.Entries[0].Err
			}
			return err
		}
	}
	for _, tc := range []struct {
		name  string
		call  func() error
		audit bool
	}{
		{"read", func() error { _, err := svc.Read(ctx, "AuditEvent", "a1"); return err }, true},
		{"vread", func() error { _, err := svc.VRead(ctx, "AuditEvent", "a1", 1); return err }, true},
		{"search", func() error { _, err := svc.Search(ctx, "AuditEvent", url.Values{}); return err }, true},
		{"search narrowed", func() error { _, err := svc.SearchNarrowed(ctx, "AuditEvent", url.Values{}, nil); return err }, true},
		{"history of the type", func() error { _, err := svc.History(ctx, "AuditEvent", "", url.Values{}); return err }, true},
		{"history of everything", func() error { _, err := svc.History(ctx, "", "", url.Values{}); return err }, true},
		{"batch", bundle("batch", "AuditEvent?patient=Patient/p1"), true},
		{"transaction", bundle("transaction", "AuditEvent?patient=Patient/p1"), true},
		{"read of a Goal", func() error { _, err := svc.Read(ctx, "Goal", "g1"); return err }, false},
		{"search of Goals", func() error { _, err := svc.Search(ctx, "Goal", url.Values{}); return err }, false},
		{"history of a type", func() error { _, err := svc.History(ctx, "Goal", "", url.Values{}); return err }, false},
		{"transaction of Goals", bundle("transaction", "Goal?subject=Patient/p1"), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked = 0
			err := tc.call()
			if tc.audit && (asked != 1 || !errors.Is(err, refuse)) {
				t.Errorf("asked %d times, err %v; want once and its error", asked, err)
			}
			if !tc.audit && (asked != 0 || errors.Is(err, refuse)) {
				t.Errorf("asked %d times, err %v; want not asked", asked, err)
			}
		})
	}
}
