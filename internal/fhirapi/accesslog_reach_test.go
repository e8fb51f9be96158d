package fhirapi_test

import (
	"net/http"
	"regexp"
	"slices"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// patientRef finds every reference to a Patient in a body.
var patientRef = regexp.MustCompile(`Patient/([A-Za-z0-9.-]+)`)

// TestAccessLogNamesOnlyItsCitizen (issue 10, item 1): the citizen's access log, as the citizen,
// their guardian and the unit lead read it, names no other citizen and tells no owner of a hidden
// record. A staff search that returned two citizens is logged as one entry per citizen, each
// naming that citizen and their records only; a citizen's refused read of another's record is
// not in any log the citizen reads and names no owner (systems, the audit clients, see it); a
// staff member's refused read is in the owner's log, which that staff member cannot read.
func TestAccessLogNamesOnlyItsCitizen(t *testing.T) {
	eachLog(t, func(t *testing.T, st store.Store, opts ...clientOption) {
		c := newClient(t, st, opts...)
		w := buildWorld(c)
		h := c.api()
		p3 := c.create("Patient", patientJSON(fnrOla, "Eksempel", "Gro", "1950-01-01"))
		c.create("CareTeam", careTeamJSON(p3, w.coord))
		link := c.create("RelatedPerson", sub(`{"resourceType":"RelatedPerson","patient":{"reference":"Patient/{{p}}"},
			"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"MTH"}]}]}`, "p", w.p1))
		who := principals(w)
		parent := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Mor", "1980-01-01"))
		guardian := &access.Principal{UserID: "u8", Roles: []access.Role{access.Citizen}, PatientID: parent, RelatedPersonIDs: []string{link}}

		// the coordinator reaches P1 and P3 and finds both in one search
		if code, b := as(h, who[access.Coordinator], "GET", "/Patient?_count=100", ""); code != http.StatusOK ||
			!slices.Contains(ids(t, mustObject(t, b), "match"), p3) {
			t.Fatalf("the coordinator's search: %d %s", code, b)
		}
		// the citizen asks for P2's goal (hidden), the coordinator for P2's task (hidden)
		p2Goal, p2Task := w.records["Goal"][1], w.records["Task"][1]
		for _, r := range []struct {
			p    *access.Principal
			path string
		}{{who[access.Citizen], "/Goal/" + p2Goal}, {who[access.Coordinator], "/Task/" + p2Task}} {
			if code, _ := as(h, r.p, "GET", r.path, ""); code != http.StatusNotFound {
				t.Fatalf("GET %s: %d, want 404", r.path, code)
			}
		}

		for name, p := range map[string]*access.Principal{"citizen": who[access.Citizen], "guardian": guardian, "unit lead": who[access.UnitLead]} {
			for _, q := range []string{"patient=Patient/" + w.p1, "agent=Practitioner/" + w.coord, "agent=Patient/" + w.p1,
				"entity=Goal/" + p2Goal, "entity=Patient/" + p3, "_count=1000"} {
				code, b := as(h, p, "GET", "/AuditEvent?"+q, "")
				if code != http.StatusOK {
					t.Fatalf("%s: AuditEvent?%s: %d %s", name, q, code, b)
				}
				for _, m := range patientRef.FindAllStringSubmatch(string(b), -1) {
					if m[1] != w.p1 && m[1] != parent { // the guardian is named as who read the child's log
						t.Errorf("%s reads AuditEvent?%s naming Patient/%s: %s", name, q, m[1], b)
					}
				}
				if slices.Contains(refs(t, b), "Goal/"+p2Goal) || slices.Contains(refs(t, b), "Task/"+p2Task) {
					t.Errorf("%s reads AuditEvent?%s naming a hidden record: %s", name, q, b)
				}
			}
		}
		// the search is in P1's log as an entry of P1's own Patient only
		searches := c.do("GET", "/AuditEvent?patient=Patient/"+w.p1+"&agent=Practitioner/"+w.coord+"&subtype=search-type", "").must(t, 200)
		if n := len(ids(t, searches.obj, "match")); n != 1 {
			t.Fatalf("the coordinator's search is %d entries in P1's log, want 1", n)
		}
		if got := refs(t, searches.body); !slices.Equal(got, []string{"Patient/" + w.p1, "Patient/" + w.p1}) && !slices.Equal(got, []string{"Patient/" + w.p1}) {
			t.Errorf("P1's entry of the search names %v", got)
		}
		// the citizen's refusal: for the audit clients, naming what was asked for and no citizen
		refusal := c.do("GET", "/AuditEvent?entity=Goal/"+p2Goal+"&agent=Patient/"+w.p1, "").must(t, 200)
		if n := len(ids(t, refusal.obj, "match")); n != 1 || patientRef.MatchString(stripAgent(refusal.body)) {
			t.Errorf("the citizen's refusal as the system sees it (%d entries): %s", n, refusal.body)
		}
		// the coordinator's refusal is in P2's log; the coordinator does not read it
		inP2 := c.do("GET", "/AuditEvent?patient=Patient/"+w.p2+"&entity=Task/"+p2Task+"&outcome=4", "").must(t, 200)
		if n := len(ids(t, inP2.obj, "match")); n != 1 {
			t.Errorf("the coordinator's refusal is %d entries in P2's log, want 1", n)
		}
		if code, b := as(h, who[access.Coordinator], "GET", "/AuditEvent?entity=Task/"+p2Task, ""); code != http.StatusOK || len(ids(t, mustObject(t, b), "match")) != 0 {
			t.Errorf("the coordinator reads their own refusal: %d %s", code, b)
		}
	})
}

func mustObject(t *testing.T, b []byte) *fhir.Object {
	t.Helper()
	o, err := fhir.ParseObject(b)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// refs lists the entity references of every AuditEvent in a searchset.
func refs(t *testing.T, body []byte) []string {
	t.Helper()
	var out []string
	entries, _ := mustObject(t, body).Array("entry")
	for _, e := range entries {
		res, _ := e.(*fhir.Object).Object("resource")
		ents, _ := res.Array("entity")
		for _, en := range ents {
			what, _ := en.(*fhir.Object).Object("what")
			if s, _ := what.String("reference"); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// stripAgent leaves out the agent's own reference, which names the citizen who asked.
func stripAgent(body []byte) string {
	return regexp.MustCompile(`"who":\{"reference":"Patient/[^"]+"\}`).ReplaceAllString(string(body), "")
}
