package fhirapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestEmergencyAccess(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		nurse := &access.Principal{UserID: "u9", Name: "Sykepleier", Roles: []access.Role{access.ServiceProvider},
			PractitionerID: w.prov, Units: []string{w.unit}}
		hidden := "/Goal/" + w.records["Goal"][1] // about P2, outside the nurse's reach
		ask := func(p *access.Principal, reason string) (int, []byte) {
			req := newReq("POST", "/Patient/"+w.p2+"/$emergency-access", url.Values{"reason": {reason}}.Encode())
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return serveAs(h, p, req)
		}
		if code, _ := as(h, nurse, "GET", hidden, ""); code != http.StatusNotFound {
			t.Fatalf("before: %d", code)
		}
		for name, tc := range map[string]struct {
			p      *access.Principal
			reason string
			want   int
		}{
			"no reason":     {nurse, "  ", http.StatusBadRequest},
			"administrator": {principals(w)[access.Administrator], "test", http.StatusForbidden},
			"citizen":       {principals(w)[access.Citizen], "test", http.StatusForbidden},
		} {
			if code, b := ask(tc.p, tc.reason); code != tc.want {
				t.Errorf("%s: %d, want %d: %s", name, code, tc.want, b)
			}
		}
		code, body := ask(nurse, "Akutt innleggelse, fastlege utilgjengelig")
		if code != http.StatusCreated {
			t.Fatalf("grant: %d %s", code, body)
		}
		if code, b := as(h, nurse, "GET", hidden, ""); code != http.StatusOK {
			t.Fatalf("with the grant: %d %s", code, b)
		}
		// shown to the citizen: P2 finds the grant, with the reason, in their own log
		p2 := &access.Principal{UserID: "u10", Roles: []access.Role{access.Citizen}, PatientID: w.p2}
		code, b := as(h, p2, "GET", "/AuditEvent?subtype="+access.EmergencyAccess, "")
		obj, _ := fhir.ParseObject(b)
		if code != http.StatusOK || len(ids(t, obj, "match")) != 1 || !strings.Contains(string(b), "Akutt innleggelse") {
			t.Errorf("the citizen's view of the grant: %d %s", code, b)
		}
		// the flag's Task is in P2's log as the nurse's write, as the web path logs it
		flagLogged := false
		for _, e := range logged(t, c, w.p2, "create") {
			b := string(e.Bytes())
			flagLogged = flagLogged || strings.Contains(b, `"reference":"Task/`) && strings.Contains(b, `"reference":"Practitioner/`+w.prov+`"`)
		}
		if !flagLogged {
			t.Error("the flag's Task is not in the citizen's log as the nurse's create")
		}
		// flagged to the unit lead: a Task owned by the unit, which the lead can read
		code, b = as(h, principals(w)[access.UnitLead], "GET", "/Task?owner=Organization/"+w.unit, "")
		if code != http.StatusOK || !strings.Contains(string(b), "Review emergency access") {
			t.Errorf("the unit lead's flag: %d %s", code, b)
		}
		// the grant ends
		c.clock.Advance(access.EmergencyDuration + time.Second)
		if code, _ := as(h, nurse, "GET", hidden, ""); code != http.StatusNotFound {
			t.Errorf("after the grant: %d", code)
		}
	})
}
