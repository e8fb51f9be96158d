package fhirapi_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// world is a municipality in small: P1 is inside every role's reach (but the administrator's),
// P2 outside everyone's.
type world struct {
	p1, p2, coord, prov, unit, rel string
	records                        map[string][2]string // type → ids about P1 and P2
}

func buildWorld(c *client) world {
	w := world{records: map[string][2]string{}}
	w.p1 = c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
	w.p2 = c.create("Patient", patientJSON(fnrOla, "Hansen", "Ola", "1999-12-31"))
	w.coord = c.create("Practitioner", practitionerJSON)
	w.prov = c.create("Practitioner", practitionerJSON)
	w.unit = c.create("Organization", `{"resourceType":"Organization","name":"Koordinerende enhet"}`)
	other := c.create("Organization", `{"resourceType":"Organization","name":"Hjemmesykepleien"}`)
	stranger := c.create("Practitioner", practitionerJSON)
	c.create("CareTeam", careTeamJSON(w.p1, w.coord))
	c.create("EpisodeOfCare", sub(`{"resourceType":"EpisodeOfCare","status":"active","patient":{"reference":"Patient/{{p}}"},
		"managingOrganization":{"reference":"Organization/{{o}}"}}`, "p", w.p1, "o", w.unit))
	c.create("EpisodeOfCare", sub(`{"resourceType":"EpisodeOfCare","status":"active","patient":{"reference":"Patient/{{p}}"},
		"managingOrganization":{"reference":"Organization/{{o}}"}}`, "p", w.p2, "o", other))
	sr := c.create("ServiceRequest", serviceRequestJSON(w.p1, w.coord))
	c.create("Task", taskJSON(w.p1, w.prov, sr))
	w.rel = c.create("RelatedPerson", sub(`{"resourceType":"RelatedPerson","patient":{"reference":"Patient/{{p}}"},
		"relationship":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-RoleCode","code":"SIGOTHR"}]}]}`, "p", w.p1))
	c.create("Consent", grantJSON(w.p1, w.rel))
	w.records["Patient"] = [2]string{w.p1, w.p2}
	for _, p := range []string{w.p1, w.p2} {
		g := c.create("Goal", goalJSON(p, "active"))
		team := c.create("CareTeam", careTeamJSON(p, stranger))
		pair := w.records["Goal"]
		pair[btoi(p == w.p2)] = g
		w.records["Goal"] = pair
		cp := w.records["CarePlan"]
		cp[btoi(p == w.p2)] = c.create("CarePlan", carePlanJSON(p, team, g, "active"))
		w.records["CarePlan"] = cp
		tk := w.records["Task"]
		tk[btoi(p == w.p2)] = c.create("Task", sub(`{"resourceType":"Task","status":"requested","intent":"order",
			"for":{"reference":"Patient/{{p}}"}}`, "p", p))
		w.records["Task"] = tk
	}
	return w
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// grantJSON is a consent of patient letting the RelatedPerson rel see their plan from 2026.
func grantJSON(patient, rel string) string {
	return sub(`{"resourceType":"Consent","status":"active",
		"scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
		"category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
		"patient":{"reference":"Patient/{{p}}"},
		"policyRule":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"OPTIN"}]},
		"provision":{"type":"permit","period":{"start":"2026-01-01"},"actor":[{"role":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ParticipationType","code":"IRCP"}]},
			"reference":{"reference":"RelatedPerson/{{r}}"}}]}}`, "p", patient, "r", rel)
}

// as serves one request through the real API as the principal, as the session middleware hands
// a signed-in person over (access.WithPrincipal).
func as(h http.Handler, p *access.Principal, method, path, body string) (int, []byte) {
	return serveAs(h, p, newReq(method, path, body))
}

func newReq(method, path, body string) *http.Request {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/fhir+json")
	}
	return req
}

func serveAs(h http.Handler, p *access.Principal, req *http.Request) (int, []byte) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req.WithContext(access.WithPrincipal(req.Context(), p)))
	return rec.Code, rec.Body.Bytes()
}

func principals(w world) map[access.Role]*access.Principal {
	return map[access.Role]*access.Principal{
		access.Citizen:         {UserID: "u1", Roles: []access.Role{access.Citizen}, PatientID: w.p1},
		access.Relative:        {UserID: "u2", Roles: []access.Role{access.Relative}, RelatedPersonIDs: []string{w.rel}},
		access.Coordinator:     {UserID: "u3", Roles: []access.Role{access.Coordinator}, PractitionerID: w.coord},
		access.ServiceProvider: {UserID: "u4", Roles: []access.Role{access.ServiceProvider}, PractitionerID: w.prov},
		access.UnitLead:        {UserID: "u5", Roles: []access.Role{access.UnitLead}, Units: []string{w.unit}},
		access.CaseOfficer:     {UserID: "u6", Roles: []access.Role{access.CaseOfficer}, Units: []string{w.unit}},
		access.Administrator:   {UserID: "u7", Roles: []access.Role{access.Administrator}},
	}
}

func TestNeedToKnowMatrix(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		bodies := map[string]func(p string) string{
			"Goal": func(p string) string { return goalJSON(p, "active") },
			"CarePlan": func(p string) string {
				return sub(`{"resourceType":"CarePlan","status":"draft","intent":"plan","subject":{"reference":"Patient/{{p}}"}}`, "p", p)
			},
			"Task": func(p string) string {
				return sub(`{"resourceType":"Task","status":"requested","intent":"order","for":{"reference":"Patient/{{p}}"}}`, "p", p)
			},
			"Patient": func(string) string { return patientJSON("", "Ny", "Person", "2000-01-01") },
		}
		_, missing := as(h, principals(w)[access.Citizen], "GET", "/Goal/doesnotexist", "")
		for role, p := range principals(w) {
			for typ, ids := range w.records {
				for side, id := range ids {
					inside := side == 0 && role != access.Administrator
					patient := []string{w.p1, w.p2}[side]
					name := string(role) + "/" + typ + "/" + []string{"inside", "outside"}[side]
					t.Run(name, func(t *testing.T) {
						checkRead(t, h, p, typ, id, inside, missing)
						checkSearch(t, h, p, typ, id, inside)
						body := bodies[typ](patient)
						wantCreate := http.StatusCreated
						if !inside || typ == "Patient" { // a new Patient is nobody's yet: systems create them
							wantCreate = http.StatusForbidden
						}
						if code, b := as(h, p, "POST", "/"+typ, body); code != wantCreate {
							t.Errorf("create: %d, want %d: %s", code, wantCreate, b)
						}
						current := c.do("GET", "/"+typ+"/"+id, "").must(t, 200).body
						wantUpdate := http.StatusOK
						if !inside {
							wantUpdate = http.StatusNotFound
						}
						if code, b := as(h, p, "PUT", "/"+typ+"/"+id, string(current)); code != wantUpdate {
							t.Errorf("update: %d, want %d: %s", code, wantUpdate, b)
						}
					})
				}
			}
		}
	})
}

func checkRead(t *testing.T, h http.Handler, p *access.Principal, typ, id string, inside bool, missing []byte) {
	t.Helper()
	code, body := as(h, p, "GET", "/"+typ+"/"+id, "")
	switch {
	case inside && code != http.StatusOK:
		t.Errorf("read: %d, want 200: %s", code, body)
	case !inside && code != http.StatusNotFound:
		t.Errorf("read: %d, want 404: %s", code, body)
	case !inside:
		want := bytes.ReplaceAll(missing, []byte("Goal/doesnotexist"), []byte(typ+"/"+id))
		if !bytes.Equal(body, want) {
			t.Errorf("a hidden record answers unlike a missing one:\n%s\n%s", body, want)
		}
	}
}

func checkSearch(t *testing.T, h http.Handler, p *access.Principal, typ, id string, inside bool) {
	t.Helper()
	code, body := as(h, p, "GET", "/"+typ+"?_count=1000", "")
	if code != http.StatusOK {
		t.Fatalf("search: %d %s", code, body)
	}
	obj, err := fhir.ParseObject(body)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, got := range ids(t, obj, "match") {
		found = found || got == id
	}
	if found != inside {
		t.Errorf("search: found %v, want %v", found, inside)
	}
}

func TestWithdrawnConsentCountsAtOnce(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		rel := principals(w)[access.Relative]
		goal := "/Goal/" + w.records["Goal"][0]
		if code, b := as(h, rel, "GET", goal, ""); code != http.StatusOK {
			t.Fatalf("with consent: %d %s", code, b)
		}
		// the citizen withdraws the consent: the next request is refused
		found := c.do("GET", "/Consent?patient=Patient/"+w.p1, "").must(t, 200)
		consent := ids(t, found.obj, "match")[0]
		withdrawn := strings.Replace(grantJSON(w.p1, w.rel), `"status":"active"`, `"id":"`+consent+`","status":"inactive"`, 1)
		c.do("PUT", "/Consent/"+consent, withdrawn).must(t, http.StatusOK)
		if code, b := as(h, rel, "GET", goal, ""); code != http.StatusNotFound {
			t.Fatalf("after withdrawal: %d %s", code, b)
		}
	})
}
