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

// TestCitizenReachByRelationship: a citizen reaches their own records and, through a
// RelatedPerson link, a child only as its guardian or parent; a link of any other relationship
// (a spouse, a sibling, a friend, none at all) reaches nobody.
func TestCitizenReachByRelationship(t *testing.T) {
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
		for _, id := range []string{"me", "child", "spouse", "sibling", "friend", "bare"} {
			put(`{"resourceType":"Patient","id":"` + id + `"}`)
		}
		link := func(id, patient, code string) {
			rel := ""
			if code != "" {
				rel = `,"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"` + code + `"}]}]`
			}
			put(`{"resourceType":"RelatedPerson","id":"` + id + `","patient":{"reference":"Patient/` + patient + `"}` + rel + `}`)
		}
		link("rp-child", "child", "MTH")
		link("rp-spouse", "spouse", "SPS")
		link("rp-sibling", "sibling", "SIB")
		link("rp-friend", "friend", "FRND")
		link("rp-bare", "bare", "")
		d := access.NewDecider(st, nil)
		for _, tc := range []struct {
			name  string
			links []string
			want  []string
		}{
			{"no links", nil, []string{"me"}},
			{"a mother's link to her child", []string{"rp-child"}, []string{"child", "me"}},
			{"a spouse's link", []string{"rp-spouse"}, []string{"me"}},
			{"a sibling's link", []string{"rp-sibling"}, []string{"me"}},
			{"a friend's link", []string{"rp-friend"}, []string{"me"}},
			{"a link without a relationship", []string{"rp-bare"}, []string{"me"}},
			{"all of them", []string{"rp-spouse", "rp-child", "rp-friend", "rp-sibling", "rp-bare"}, []string{"child", "me"}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := &access.Principal{UserID: "u", Roles: []access.Role{access.Citizen}, PatientID: "me", RelatedPersonIDs: tc.links}
				r, err := d.Reach(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				if got := slices.Sorted(maps.Keys(r.Citizens)); !slices.Equal(got, tc.want) || r.All {
					t.Errorf("reach %v (all %v), want %v", got, r.All, tc.want)
				}
			})
		}
	})
}
