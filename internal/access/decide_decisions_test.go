package access_test

import (
	"context"
	"maps"
	"slices"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestReachThroughDecisions (issue 13, point 3): the allocation office keeps the citizens of
// the decisions it made (requester the office), whatever their status, for appeals, change
// requests and reviews; an application it is no longer the performer of does not keep them; a
// service provider reaches the citizens whose decisions in force their unit carries out
// (performer), not those of a replaced decision, and not through a proposal.
func TestReachThroughDecisions(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		svc := records.New(st, records.Options{})
		put := func(js string) {
			t.Helper()
			r, err := fhir.Parse([]byte(js))
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := svc.Update(ctx, r.Type(), r.ID(), r, ""); err != nil {
				t.Fatal(err)
			}
		}
		for _, id := range []string{"refused", "granted", "replaced", "applied-done", "proposal-to-home"} {
			put(`{"resourceType":"Patient","id":"` + id + `"}`)
		}
		for _, id := range []string{"tk", "home"} {
			put(`{"resourceType":"Organization","id":"` + id + `"}`)
		}
		order := func(id, patient, status, performer string) string {
			js := `{"resourceType":"ServiceRequest","id":"` + id + `","status":"` + status + `","intent":"order","subject":{"reference":"Patient/` + patient + `"},"requester":{"reference":"Organization/tk"}`
			if performer != "" {
				js += `,"performer":[{"reference":"Organization/` + performer + `"}]`
			}
			return js + "}"
		}
		put(order("d1", "refused", "completed", ""))
		put(order("d2", "granted", "active", "home"))
		put(order("d3", "replaced", "revoked", "home"))
		put(`{"resourceType":"ServiceRequest","id":"a1","status":"completed","intent":"proposal","subject":{"reference":"Patient/applied-done"},"requester":{"reference":"Patient/applied-done"},"performer":[{"reference":"Organization/tk"}]}`)
		put(`{"resourceType":"ServiceRequest","id":"a2","status":"active","intent":"proposal","subject":{"reference":"Patient/proposal-to-home"},"requester":{"reference":"Patient/proposal-to-home"},"performer":[{"reference":"Organization/home"}]}`)

		for _, tc := range []struct {
			name string
			p    *access.Principal
			want []string
		}{
			{"the office's case officer", &access.Principal{Roles: []access.Role{access.CaseOfficer}, Units: []string{"tk"}}, []string{"granted", "refused", "replaced"}},
			{"a provider of the unit giving the service", &access.Principal{Roles: []access.Role{access.ServiceProvider}, PractitionerID: "h", Units: []string{"home"}}, []string{"granted"}},
			{"a provider of another unit", &access.Principal{Roles: []access.Role{access.ServiceProvider}, PractitionerID: "h", Units: []string{"tk-not"}}, nil},
			{"a coordinator in the unit", &access.Principal{Roles: []access.Role{access.Coordinator}, PractitionerID: "k", Units: []string{"home"}}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r, err := access.NewDecider(st, nil).Reach(ctx, tc.p)
				if err != nil {
					t.Fatal(err)
				}
				got := slices.Sorted(maps.Keys(r.Citizens))
				if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
					t.Errorf("reach %v, want %v", got, tc.want)
				}
			})
		}
	})
}
