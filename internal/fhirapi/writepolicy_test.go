package fhirapi_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestWritePolicyOverAPI: the gaps the write policy closes, through the real handler on both
// stores: a person inside reach is refused with 403 and an OperationOutcome that says who may,
// nothing is written, the refusal is in the citizen's log, and a refused delete or create
// tells a hidden record from a missing one no more than before.
func TestWritePolicyOverAPI(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		who := principals(w)
		guardianRel := strings.Replace(string(c.do("GET", "/RelatedPerson/"+w.rel, "").must(t, 200).body), `"SIGOTHR"`, `"GUARD"`, 1)
		goal, hiddenGoal := "/Goal/"+w.records["Goal"][0], "/Goal/"+w.records["Goal"][1]
		for _, tc := range []struct {
			name         string
			role         access.Role
			method, path string
			body         string
			want         int
			says         string // in the OperationOutcome of a refusal
		}{
			{"a citizen opens a case about themself", access.Citizen, "POST", "/EpisodeOfCare", episodeJSON(w.p1, w.coord), 403, "unit-lead, case-officer"},
			{"a citizen files a document about themself", access.Citizen, "POST", "/DocumentReference", docJSON(w.p1), 403, "DocumentReference"},
			{"a relative makes themself guardian", access.Relative, "PUT", "/RelatedPerson/" + w.rel, guardianRel, 403, "coordinator, unit-lead, case-officer"},
			{"a provider names a RelatedPerson of the citizen", access.ServiceProvider, "POST", "/RelatedPerson", relatedJSON(w.p1), 403, "RelatedPerson"},
			{"a coordinator adds a Practitioner", access.Coordinator, "POST", "/Practitioner", practitionerJSON, 403, "administrator, unit-lead"},
			{"a citizen deletes a goal of their plan", access.Citizen, "DELETE", goal, "", 403, "Goal"},
			{"a citizen deletes a goal that is not there", access.Citizen, "DELETE", "/Goal/doesnotexist", "", 204, ""},
			{"a citizen deletes a hidden goal", access.Citizen, "DELETE", hiddenGoal, "", 204, ""},
			// a person's PUT does not create: an unknown id answers as a hidden one (issue 10)
			{"a citizen creates a case by PUT", access.Citizen, "PUT", "/EpisodeOfCare/new-case", withID(episodeJSON(w.p1, w.coord), "new-case"), 404, ""},
			{"a citizen writes a message", access.Citizen, "POST", "/Communication", communicationJSON(w.p1, w.coord), 201, ""},
			{"a citizen proposes a goal by PUT", access.Citizen, "PUT", "/Goal/proposal-1", withID(goalJSON(w.p1, "proposed"), "proposal-1"), 404, ""},
			{"a citizen proposes a goal", access.Citizen, "POST", "/Goal", goalJSON(w.p1, "proposed"), 201, ""},
			{"a coordinator names a RelatedPerson of the citizen", access.Coordinator, "POST", "/RelatedPerson", relatedJSON(w.p1), 201, ""},
			{"a unit lead opens a case", access.UnitLead, "POST", "/EpisodeOfCare", episodeJSON(w.p1, w.coord), 201, ""},
			{"an administrator adds a Practitioner", access.Administrator, "POST", "/Practitioner", practitionerJSON, 201, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				before := c.versions()
				refusals := refused(t, c, w.p1)
				code, body := as(h, who[tc.role], tc.method, tc.path, tc.body)
				if code != tc.want {
					t.Fatalf("%d, want %d: %s", code, tc.want, body)
				}
				if tc.want != http.StatusForbidden {
					return
				}
				obj, err := fhir.ParseObject(body)
				if err != nil {
					t.Fatal(err)
				}
				if d := issue(t, resp{obj: obj, body: body}); !strings.Contains(d, tc.says) || !strings.Contains(d, "Your role may not") {
					t.Errorf("the refusal says %q; want it to name %q", d, tc.says)
				}
				if n := c.versions(); n != before {
					t.Errorf("a refused write changed the store: %d versions, %d before", n, before)
				}
				if typ := strings.Split(tc.path, "/")[1]; access.Personal(typ) && refused(t, c, w.p1) != refusals+1 {
					t.Errorf("the refusal is not in the citizen's log (%d refusals before)", refusals)
				}
			})
		}
		// the relative is still no guardian, and systems keep their scopes' word
		if b := c.do("GET", "/RelatedPerson/"+w.rel, "").must(t, 200).body; strings.Contains(string(b), "GUARD") {
			t.Errorf("the refused change was stored: %s", b)
		}
		c.do("POST", "/EpisodeOfCare", episodeJSON(w.p1, w.coord)).must(t, http.StatusCreated)
	})
}

// refused counts the entries about patient whose outcome is a refusal.
func refused(t *testing.T, c *client, patient string) int {
	t.Helper()
	n := 0
	for _, sub := range []string{"create", "update", "delete"} {
		for _, e := range logged(t, c, patient, sub) {
			if strings.Contains(string(e.Bytes()), `"outcome":"4"`) {
				n++
			}
		}
	}
	return n
}

func docJSON(patient string) string {
	return sub(`{"resourceType":"DocumentReference","status":"current","subject":{"reference":"Patient/{{p}}"},
		"content":[{"attachment":{"contentType":"text/plain","data":"SGVpIQ=="}}]}`, "p", patient)
}

func relatedJSON(patient string) string {
	return sub(`{"resourceType":"RelatedPerson","patient":{"reference":"Patient/{{p}}"},"name":[{"family":"Lid"}]}`, "p", patient)
}

func withID(body, id string) string {
	return strings.Replace(body, `{"resourceType":`, `{"id":"`+id+`","resourceType":`, 1)
}

// TestAccessLogAudience: a citizen's access log (AuditEvent) is read through the API by the
// citizen, their guardian and the unit lead and case officer of the unit, as on the web; not by
// the coordinator, the provider or the relative who see the citizen's other records, nor by the
// staff member the entry is about, nor by the administrator. Read and search alike.
func TestAccessLogAudience(t *testing.T) {
	eachLog(t, func(t *testing.T, st store.Store, opts ...clientOption) {
		c := newClient(t, st, opts...)
		w := buildWorld(c)
		h := c.api()
		ae, err := fhir.Parse([]byte(auditEventJSON(w.p1, w.stranger, "2026-03-02T09:00:00Z")))
		if err != nil {
			t.Fatal(err)
		}
		rec, err := c.svc.RecordAuditEvent(context.Background(), ae)
		if err != nil {
			t.Fatal(err)
		}
		parent := c.create("Patient", patientJSON(fnrOla, "Nordmann", "Per", "1980-05-05"))
		link := c.create("RelatedPerson", sub(`{"resourceType":"RelatedPerson","patient":{"reference":"Patient/{{p}}"},
			"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"FTH"}]}]}`, "p", w.p1))
		people := map[string]*access.Principal{
			"guardian": {UserID: "u8", Roles: []access.Role{access.Citizen}, PatientID: parent, RelatedPersonIDs: []string{link}},
			"agent":    {UserID: "u9", Roles: []access.Role{access.Coordinator}, PractitionerID: w.stranger},
		}
		for role, p := range principals(w) {
			people[string(role)] = p
		}
		sees := map[string]bool{"citizen": true, "guardian": true, "unit-lead": true, "case-officer": true}
		for name, p := range people {
			t.Run(name, func(t *testing.T) {
				want := http.StatusNotFound
				if sees[name] {
					want = http.StatusOK
				}
				if code, b := as(h, p, "GET", "/AuditEvent/"+rec.ID, ""); code != want {
					t.Errorf("read: %d, want %d: %s", code, want, b)
				}
				code, b := as(h, p, "GET", "/AuditEvent?patient=Patient/"+w.p1+"&_id="+rec.ID, "")
				obj, err := fhir.ParseObject(b)
				if code != http.StatusOK || err != nil {
					t.Fatalf("search: %d %s", code, b)
				}
				if found := len(ids(t, obj, "match")) == 1; found != sees[name] {
					t.Errorf("search found it: %v, want %v: %s", found, sees[name], b)
				}
			})
		}
		// the agent does reach the citizen's other records: only the log is closed to them
		if code, b := as(h, people["agent"], "GET", "/Goal/"+w.records["Goal"][0], ""); code != http.StatusOK {
			t.Errorf("the agent's read of a goal: %d %s", code, b)
		}
	})
}
