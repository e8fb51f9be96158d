package access_test

import (
	"context"
	"errors"
	"maps"
	"slices"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestReachFollowsOnlyWhatIsInForce: a coordinator reaches a citizen through an active care
// team they take part in and an active episode they manage, not through an inactive team or a
// finished episode; a relative reaches a citizen through an active consent whose period covers
// the decider's own clock (not the machine's); the unit through its active episodes and
// requests and its open tasks. Staff is set for staff roles only.
func TestReachFollowsOnlyWhatIsInForce(t *testing.T) {
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
		for _, id := range []string{"team-on", "team-off", "ep-on", "ep-done", "consent-2020", "consent-off", "unit-ep", "unit-sr", "unit-task", "unit-task-done"} {
			put(`{"resourceType":"Patient","id":"` + id + `"}`)
		}
		put(`{"resourceType":"Practitioner","id":"k"}`)
		put(`{"resourceType":"Organization","id":"ke"}`)
		put(`{"resourceType":"RelatedPerson","id":"r","patient":{"reference":"Patient/consent-2020"}}`)
		put(`{"resourceType":"CareTeam","id":"t1","status":"active","subject":{"reference":"Patient/team-on"},"participant":[{"member":{"reference":"Practitioner/k"}}]}`)
		put(`{"resourceType":"CareTeam","id":"t2","status":"inactive","subject":{"reference":"Patient/team-off"},"participant":[{"member":{"reference":"Practitioner/k"}}]}`)
		put(`{"resourceType":"EpisodeOfCare","id":"e1","status":"active","patient":{"reference":"Patient/ep-on"},"careManager":{"reference":"Practitioner/k"}}`)
		put(`{"resourceType":"EpisodeOfCare","id":"e2","status":"finished","patient":{"reference":"Patient/ep-done"},"careManager":{"reference":"Practitioner/k"}}`)
		put(`{"resourceType":"Consent","id":"c1","status":"active","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},` +
			`"category":[{"text":"x"}],"patient":{"reference":"Patient/consent-2020"},"provision":{"period":{"start":"2020-01-01","end":"2020-12-31"},"actor":[{"role":{"text":"x"},"reference":{"reference":"RelatedPerson/r"}}]}}`)
		put(`{"resourceType":"Consent","id":"c2","status":"inactive","scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},` +
			`"category":[{"text":"x"}],"patient":{"reference":"Patient/consent-off"},"provision":{"actor":[{"role":{"text":"x"},"reference":{"reference":"RelatedPerson/r"}}]}}`)
		put(`{"resourceType":"EpisodeOfCare","id":"e3","status":"active","patient":{"reference":"Patient/unit-ep"},"managingOrganization":{"reference":"Organization/ke"}}`)
		put(`{"resourceType":"ServiceRequest","id":"s1","status":"active","intent":"order","subject":{"reference":"Patient/unit-sr"},"performer":[{"reference":"Organization/ke"}]}`)
		put(`{"resourceType":"Task","id":"k1","status":"requested","intent":"order","for":{"reference":"Patient/unit-task"},"owner":{"reference":"Organization/ke"}}`)
		put(`{"resourceType":"Task","id":"k2","status":"completed","intent":"order","for":{"reference":"Patient/unit-task-done"},"owner":{"reference":"Organization/ke"}}`)

		in2020 := func() time.Time { return time.Date(2020, 6, 1, 12, 0, 0, 0, time.UTC) }
		for _, tc := range []struct {
			name      string
			clock     func() time.Time
			p         *access.Principal
			want      []string
			wantStaff bool
		}{
			{"coordinator", nil, &access.Principal{Roles: []access.Role{access.Coordinator}, PractitionerID: "k"}, []string{"ep-on", "team-on"}, true},
			{"relative in 2020", in2020, &access.Principal{Roles: []access.Role{access.Relative}, RelatedPersonIDs: []string{"r"}}, []string{"consent-2020"}, false},
			{"relative now", nil, &access.Principal{Roles: []access.Role{access.Relative}, RelatedPersonIDs: []string{"r"}}, nil, false},
			{"citizen", nil, &access.Principal{Roles: []access.Role{access.Citizen}, PatientID: "team-on"}, []string{"team-on"}, false},
			{"unit lead", nil, &access.Principal{Roles: []access.Role{access.UnitLead}, Units: []string{"ke"}}, []string{"unit-ep", "unit-sr", "unit-task"}, true},
		} {
			t.Run(tc.name, func(t *testing.T) {
				r, err := access.NewDecider(st, tc.clock).Reach(ctx, tc.p)
				if err != nil {
					t.Fatal(err)
				}
				got := slices.Sorted(maps.Keys(r.Citizens))
				if !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
					t.Errorf("reach %v, want %v", got, tc.want)
				}
				if r.Staff != tc.wantStaff {
					t.Errorf("staff %v, want %v", r.Staff, tc.wantStaff)
				}
			})
		}
	})
}

// failingReader answers every search with an error, as a store that has gone away does.
type failingReader struct{ store.Reader }

var errGone = errors.New("the store has gone away")

func (failingReader) Search(context.Context, search.Query) (store.Page, error) {
	return store.Page{}, errGone
}

// TestReachFailsWithTheStore: when the records cannot be searched, reach is an error, never an
// empty or partial reach taken for an answer, for each way reach is followed.
func TestReachFailsWithTheStore(t *testing.T) {
	st := testutil.NewSQLite(t)
	d := access.NewDecider(failingReader{st}, nil)
	for _, p := range []*access.Principal{
		{Roles: []access.Role{access.Relative}, RelatedPersonIDs: []string{"r"}},
		{Roles: []access.Role{access.Coordinator}, PractitionerID: "k"},
		{Roles: []access.Role{access.UnitLead}, Units: []string{"ke"}},
	} {
		if _, err := d.Reach(context.Background(), p); !errors.Is(err, errGone) {
			t.Errorf("%v: %v, want the store's error", p.Roles, err)
		}
	}
}

// TestMayAskEmergencyAccessNeedsAStaffRecord: staff roles may ask for emergency access only with
// a Practitioner record of their own; an administrator and a system client never may.
func TestMayAskEmergencyAccessNeedsAStaffRecord(t *testing.T) {
	for _, tc := range []struct {
		p    *access.Principal
		want bool
	}{
		{&access.Principal{Roles: []access.Role{access.Coordinator}, PractitionerID: "k"}, true},
		{&access.Principal{Roles: []access.Role{access.Coordinator}}, false},
		{&access.Principal{Roles: []access.Role{access.Administrator}, PractitionerID: "a"}, false},
		{&access.Principal{ClientID: "sys", Scopes: []string{"system/*.read"}, PractitionerID: "k"}, false},
	} {
		if got := access.MayAskEmergencyAccess(tc.p); got != tc.want {
			t.Errorf("%+v: %v, want %v", tc.p, got, tc.want)
		}
	}
}
