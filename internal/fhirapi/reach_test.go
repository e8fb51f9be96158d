package fhirapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// largeReach is more citizens than SQLite allows one SQL term each for (500 SELECTs in a UNION
// ALL, an expression depth of 1000), as the need-to-know narrowing adds one value per citizen.
const largeReach = 600

// seedUnitCases gives the unit the cases of n new citizens (a Patient and an active
// EpisodeOfCare each, in one transaction) and returns the Patients' ids.
func seedUnitCases(t *testing.T, c *client, unit string, n int) []string {
	t.Helper()
	entries := make([]string, 0, 2*n)
	for i := range n {
		p := fmt.Sprintf("urn:uuid:6d0c7e1a-0000-4000-8000-%012d", i)
		entries = append(entries,
			bundleEntry(p, "POST", "Patient", fmt.Sprintf(`{"resourceType":"Patient","name":[{"family":"Innbygger","given":["N%d"]}]}`, i)),
			bundleEntry("", "POST", "EpisodeOfCare", sub(`{"resourceType":"EpisodeOfCare","status":"active",
				"patient":{"reference":"{{p}}"},"managingOrganization":{"reference":"Organization/{{o}}"}}`, "p", p, "o", unit)))
	}
	r := c.do("POST", "/", bundleOf("transaction", entries...)).must(t, http.StatusOK)
	var ids []string
	list, _ := r.obj.Array("entry")
	for i := 0; i < len(list); i += 2 {
		res, _ := list[i].(*fhir.Object).Object("resource")
		id, _ := res.String("id")
		ids = append(ids, id)
	}
	return ids
}

// TestLargeReachSearches: a unit lead whose unit has the cases of more citizens than one SQL
// term each allows searches every way the narrowing reaches the store (an _id set for Patient,
// a reference clause driving or following another, the access log), on both stores.
func TestLargeReachSearches(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		unit := c.create("Organization", `{"resourceType":"Organization","name":"Koordinerende enhet"}`)
		citizens := seedUnitCases(t, c, unit, largeReach)
		outside := c.create("Patient", patientJSON(fnrOla, "Hansen", "Ola", "1999-12-31"))
		c.create("EpisodeOfCare", episodeJSON(outside, c.create("Practitioner", practitionerJSON)))
		lead := &access.Principal{UserID: "u5", Roles: []access.Role{access.UnitLead}, Units: []string{unit}}
		h := fhirapi.New(c.svc, fhirapi.Options{})
		for _, tc := range []struct {
			path string
			want int // matches; -1: any number
		}{
			{"/Patient?_count=1000", largeReach},
			{"/Patient?name=innbygger&_count=1000", largeReach},
			{"/Patient?_id=" + citizens[0] + "," + outside, 1},
			{"/EpisodeOfCare?_count=1000", largeReach},
			{"/EpisodeOfCare?status=active&_count=1000", largeReach},
			{"/EpisodeOfCare?patient=Patient/" + citizens[largeReach-1], 1},
			{"/EpisodeOfCare?patient=Patient/" + outside, 0},
			{"/AuditEvent?_count=1000", -1},
		} {
			t.Run(tc.path[1:], func(t *testing.T) {
				code, body := as(h, lead, "GET", tc.path, "")
				if code != http.StatusOK {
					t.Fatalf("%d %.300s", code, body)
				}
				obj, err := fhir.ParseObject(body)
				if err != nil {
					t.Fatal(err)
				}
				if got := len(ids(t, obj, "match")); tc.want >= 0 && got != tc.want {
					t.Errorf("%d matches, want %d", got, tc.want)
				}
			})
		}
	})
}
