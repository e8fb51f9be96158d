package fhirapi_test

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
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
	stranger                       string               // a practitioner on P1's and P2's other care teams, signed in as nobody
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
	w.stranger = c.create("Practitioner", practitionerJSON)
	stranger := w.stranger
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

// TestNeedToKnowMatrix is issue 4's matrix on the API: every role and two API clients × every
// type we hold × read, search, create and update, for a record about a citizen inside and one
// outside the principal's reach; the answer each should get is the table expected, with the
// write policy's refusals (writers) and the access log's narrower audience (logReaders).
func TestNeedToKnowMatrix(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		recs := addEveryType(t, c, w)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		_, missing := as(h, principals(w)[access.Citizen], "GET", "/Goal/doesnotexist", "")
		for who, p := range matrixPrincipals(w) {
			for _, tc := range everyType() {
				for side, id := range recs[tc.typ] {
					if tc.kind == aboutNobody && side == 1 {
						continue // one record: the side is the principal's, not the record's
					}
					want := wantFor(who, tc, side)
					t.Run(who+"/"+tc.typ+"/"+[]string{"P1", "P2"}[side], func(t *testing.T) {
						checkRead(t, h, p, tc.typ, id, want.read, missing)
						checkSearch(t, h, p, tc.typ, id, want.found)
						body := tc.body(w, []string{w.p1, w.p2}[side])
						if code, b := as(h, p, "POST", "/"+tc.typ, body); code != want.create {
							t.Errorf("create: %d, want %d: %s", code, want.create, b)
						}
						current := c.do("GET", "/"+tc.typ+"/"+id, "").must(t, 200).body
						if code, b := as(h, p, "PUT", "/"+tc.typ+"/"+id, string(current)); code != want.update {
							t.Errorf("update: %d, want %d: %s", code, want.update, b)
						}
					})
				}
			}
		}
	})
}

// TestWriteAboutHiddenCitizen: a write about a citizen outside reach answers word for word as
// one about a citizen who does not exist, so neither tells whether the citizen is known.
func TestWriteAboutHiddenCitizen(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		for role, p := range principals(w) {
			hiddenCode, hidden := as(h, p, "POST", "/Goal", goalJSON(w.p2, "active"))
			madeUpCode, madeUp := as(h, p, "POST", "/Goal", goalJSON("doesnotexist", "active"))
			if hiddenCode != http.StatusForbidden || hiddenCode != madeUpCode || !bytes.Equal(hidden, madeUp) {
				t.Errorf("%s: about a hidden citizen %d %s; about a made-up one %d %s", role, hiddenCode, hidden, madeUpCode, madeUp)
			}
		}
	})
}

func checkRead(t *testing.T, h http.Handler, p *access.Principal, typ, id string, want int, missing []byte) {
	t.Helper()
	code, body := as(h, p, "GET", "/"+typ+"/"+id, "")
	if code != want {
		t.Errorf("read: %d, want %d: %s", code, want, body)
		return
	}
	if code == http.StatusNotFound {
		want := bytes.ReplaceAll(missing, []byte("Goal/doesnotexist"), []byte(typ+"/"+id))
		if !bytes.Equal(body, want) {
			t.Errorf("a hidden record answers unlike a missing one:\n%s\n%s", body, want)
		}
	}
}

// checkSearch searches typ by the record's id: the bundle holds it when the principal may see
// it, else nothing at all.
func checkSearch(t *testing.T, h http.Handler, p *access.Principal, typ, id string, want bool) {
	t.Helper()
	code, body := as(h, p, "GET", "/"+typ+"?_id="+id, "")
	if code != http.StatusOK {
		t.Fatalf("search: %d %s", code, body)
	}
	obj, err := fhir.ParseObject(body)
	if err != nil {
		t.Fatal(err)
	}
	entries, _ := obj.Array("entry")
	found := slices.Contains(ids(t, obj, "match"), id)
	if found != want || (!want && len(entries) > 0) {
		t.Errorf("search: found %v, want %v: %s", found, want, body)
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
