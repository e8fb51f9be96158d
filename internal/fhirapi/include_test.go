package fhirapi_test

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestNeedToKnowMatrixIncludes extends TestNeedToKnowMatrix to every way a record leaves beside
// the one asked for (issue 10, item 2): for each role, each API client of the matrix and a client
// holding only system/CarePlan.read, a record included by _include, in a search of its own, a
// batch and a transaction, and the instance history, is in the answer only when a direct read of
// it by the same caller answers 200. The included records are P1's Patient and a Goal and a
// CareTeam of P2 that P1's plan names.
func TestNeedToKnowMatrixIncludes(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		w := buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		// a plan of P1 (not an individual plan) that names P2's goal and team
		p2Team := c.create("CareTeam", careTeamJSON(w.p2, w.stranger))
		plan := c.create("CarePlan", carePlanJSON(w.p1, p2Team, w.records["Goal"][1], "active"))
		callers := matrixPrincipals(w)
		callers["system-careplan"] = &access.Principal{ClientID: "c3", Scopes: []string{"system/CarePlan.read"}}
		const include = "_include=CarePlan:subject&_include=CarePlan:goal&_include=CarePlan:care-team"
		query := "CarePlan?_id=" + plan + "&" + include
		for who, p := range callers {
			t.Run(who, func(t *testing.T) {
				readable := func(ref string) bool {
					code, _ := as(h, p, "GET", "/"+ref, "")
					return code == http.StatusOK
				}
				check := func(door string, bundle *fhir.Object) {
					t.Helper()
					for _, ref := range entryRefs(bundle) {
						if !readable(ref) {
							t.Errorf("%s returns %s, which a read refuses", door, ref)
						}
					}
				}
				code, b := as(h, p, "GET", "/"+query, "")
				if code != http.StatusOK {
					t.Fatalf("search: %d %s", code, b)
				}
				check("the search", mustObject(t, b))
				if code, _ := as(h, p, "GET", "/CarePlan/"+plan+"/_history", ""); (code == http.StatusOK) != readable("CarePlan/"+plan) {
					t.Errorf("history answers %d; a read answers otherwise", code)
				}
				for _, typ := range []string{"batch", "transaction"} {
					body := `{"resourceType":"Bundle","type":"` + typ + `","entry":[{"request":{"method":"GET","url":"` + query + `"}}]}`
					code, b := as(h, p, "POST", "/", body)
					if !p.IsSystem() {
						if code != http.StatusForbidden {
							t.Errorf("a person's %s: %d, want 403", typ, code)
						}
						continue
					}
					if code != http.StatusOK {
						t.Fatalf("%s: %d %s", typ, code, b)
					}
					entries, _ := mustObject(t, b).Array("entry")
					for _, e := range entries {
						if res, ok := e.(*fhir.Object).Object("resource"); ok {
							check("a "+typ+" entry", res)
						}
					}
				}
			})
		}
		// only the plan's own type is the narrow client's: no Patient comes with it
		narrow := callers["system-careplan"]
		if code, b := as(h, narrow, "GET", "/"+query, ""); code != http.StatusOK || strings.Contains(string(b), `"resourceType":"Patient"`) {
			t.Errorf("system/CarePlan.read with _include: %d %s", code, b)
		}
	})
}

// TestConditionalCreateIsASearch: a system client whose scope lets it create but not search a
// type may not make a conditional create of it (its answer would tell what exists), alone or in
// a bundle; with search in its scope it may.
func TestConditionalCreateIsASearch(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		buildWorld(c)
		h := fhirapi.New(c.svc, fhirapi.Options{})
		criteria := "identifier=urn:oid:2.16.578.1.12.4.1.4.1|" + fnrKari
		for _, tc := range []struct {
			scopes []string
			want   int
		}{
			{[]string{"system/Patient.c"}, http.StatusForbidden},
			{[]string{"system/Patient.cs", "system/Patient.r"}, http.StatusOK}, // the match: Kari
		} {
			p := &access.Principal{ClientID: "c9", Scopes: tc.scopes}
			req := newReq("POST", "/Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
			req.Header.Set("If-None-Exist", criteria)
			if code, b := serveAs(h, p, req); code != tc.want {
				t.Errorf("%v: %d %s, want %d", tc.scopes, code, b, tc.want)
			}
			bundle := `{"resourceType":"Bundle","type":"batch","entry":[{"resource":` + patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13") +
				`,"request":{"method":"POST","url":"Patient","ifNoneExist":"` + criteria + `"}}]}`
			if code, b := as(h, p, "POST", "/", bundle); code != tc.want { // 403 for the whole batch, else 200
				t.Errorf("%v in a batch: %d %s, want %d", tc.scopes, code, b, tc.want)
			}
		}
	})
}

// entryRefs lists Type/id of every resource in a searchset.
func entryRefs(bundle *fhir.Object) []string {
	var out []string
	entries, _ := bundle.Array("entry")
	for _, e := range entries {
		res, _ := e.(*fhir.Object).Object("resource")
		typ, _ := res.String("resourceType")
		id, _ := res.String("id")
		out = append(out, typ+"/"+id)
	}
	return out
}
