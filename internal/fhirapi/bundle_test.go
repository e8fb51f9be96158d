package fhirapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// bundleEntry writes one request entry; resource may be "".
func bundleEntry(fullURL, method, url, resource string, extra ...string) string {
	req := fmt.Sprintf(`{"method":%q,"url":%q`, method, url)
	for i := 0; i+1 < len(extra); i += 2 {
		req += fmt.Sprintf(`,%q:%q`, extra[i], extra[i+1])
	}
	e := `{"request":` + req + `}`
	if fullURL != "" {
		e += `,"fullUrl":"` + fullURL + `"`
	}
	if resource != "" {
		e += `,"resource":` + resource
	}
	return e + `}`
}

func bundleOf(typ string, entries ...string) string {
	return `{"resourceType":"Bundle","type":"` + typ + `","entry":[` + strings.Join(entries, ",") + `]}`
}

func responseStatuses(t *testing.T, b *fhir.Object) []string {
	t.Helper()
	var out []string
	entries, _ := b.Array("entry")
	for _, e := range entries {
		r, _ := e.(*fhir.Object).Object("response")
		s, _ := r.String("status")
		out = append(out, s)
	}
	return out
}

// transactionEntries follows the R4 example transaction: POSTs with urn:uuid fullUrls pointing at
// each other (and at a PUT), a conditional create, a PUT with a client id, a DELETE and a search.
func transactionEntries(olaCond, doomed string) []string {
	const p, g, tm, pr = "urn:uuid:61ebe359-bfdc-4613-8bf2-c5e300945f0a", "urn:uuid:88f151c0-a954-468a-88bd-5ae15c08e059",
		"urn:uuid:2b2dc4bb-6bd5-4a84-b2d9-2c9b27bbf1a3", "urn:uuid:7f9c4c2e-0d4c-4f8e-9a8b-3c0e1f5d6a7b"
	return []string{
		bundleEntry(p, "POST", "Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13")),
		bundleEntry(g, "POST", "Goal", strings.Replace(goalJSON("X", "active"), "Patient/X", p, 1)),
		bundleEntry(tm, "POST", "CareTeam", strings.NewReplacer("Patient/X", p, "Practitioner/Y", pr).Replace(careTeamJSON("X", "Y"))),
		bundleEntry(pr, "PUT", "Practitioner/dr-berg", `{"resourceType":"Practitioner","id":"dr-berg","name":[{"family":"Berg"}]}`),
		bundleEntry("", "POST", "CarePlan", strings.NewReplacer("Patient/X", p, "CareTeam/T", tm, "Goal/G", g).Replace(carePlanJSON("X", "T", "G", "active"))),
		bundleEntry("", "GET", "Patient?identifier="+fnrKari, ""),
		bundleEntry("", "DELETE", "Practitioner/"+doomed, ""),
		bundleEntry("", "POST", "Patient", patientJSON(fnrOla, "Ås", "Ola", "1999-12-31"), "ifNoneExist", olaCond),
	}
}

func TestTransaction(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		ola := c.create("Patient", patientJSON(fnrOla, "Ås", "Ola", "1999-12-31"))
		doomed := c.create("Practitioner", practitionerJSON)
		olaCond := "identifier=" + fnrSystem + "|" + fnrOla
		r := c.do("POST", "/", bundleOf("transaction", transactionEntries(olaCond, doomed)...)).must(t, http.StatusOK)
		if typ, _ := r.obj.String("type"); typ != "transaction-response" {
			t.Fatalf("type %q", typ)
		}
		want := []string{"201 Created", "201 Created", "201 Created", "201 Created", "201 Created", "200 OK", "204 No Content", "200 OK"}
		if got := responseStatuses(t, r.obj); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("statuses %v, want %v\n%s", got, want, r.body)
		}
		entries, _ := r.obj.Array("entry")
		idOf := func(i int) string {
			res, _ := entries[i].(*fhir.Object).Object("resource")
			id, _ := res.String("id")
			return id
		}
		kari, goal, team, plan := idOf(0), idOf(1), idOf(2), idOf(4)
		if idOf(7) != ola {
			t.Errorf("conditional create gave %q, want the existing %q", idOf(7), ola)
		}
		resp0, _ := entries[0].(*fhir.Object).Object("response")
		if loc, _ := resp0.String("location"); loc != "Patient/"+kari+"/_history/1" {
			t.Errorf("location %q", loc)
		}
		if et, _ := resp0.String("etag"); et != `W/"1"` {
			t.Errorf("etag %q", et)
		}
		if _, ok := resp0.String("lastModified"); !ok {
			t.Errorf("no lastModified")
		}
		searched, _ := entries[5].(*fhir.Object).Object("resource")
		if got := ids(t, searched, "match"); len(got) != 1 || got[0] != kari {
			t.Errorf("the GET inside the transaction found %v, want [%s]", got, kari)
		}
		cp := c.do("GET", "/CarePlan/"+plan, "").must(t, http.StatusOK)
		for _, ref := range []string{"Patient/" + kari, "CareTeam/" + team, "Goal/" + goal} {
			if !strings.Contains(string(cp.body), `"reference":"`+ref+`"`) {
				t.Errorf("CarePlan lacks the rewritten %s: %s", ref, cp.body)
			}
		}
		ct := c.do("GET", "/CareTeam/"+team, "").must(t, http.StatusOK)
		if !strings.Contains(string(ct.body), `"reference":"Practitioner/dr-berg"`) {
			t.Errorf("CareTeam member not rewritten to the PUT's id: %s", ct.body)
		}
		c.do("GET", "/Practitioner/"+doomed, "").must(t, http.StatusGone)
	})
}

// One bad entry and the whole transaction is refused with nothing written, the DELETE included.
func TestTransactionAllOrNothing(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		ola := c.create("Patient", patientJSON(fnrOla, "Ås", "Ola", "1999-12-31"))
		c.create("Patient", patientJSON(fnrOla, "Ås", "Ola", "1999-12-31"))
		doomed := c.create("Practitioner", practitionerJSON)
		good := func() []string { return transactionEntries("identifier="+fnrSystem+"|"+fnrKari+"&name=nobody", doomed) }
		tests := []struct {
			name   string
			change func(e []string) []string
			status int
		}{
			{"failed validation", func(e []string) []string {
				e[4] = strings.Replace(e[4], `"status":"active",`, "", 1)
				return e
			}, 422},
			{"reference to nothing", func(e []string) []string {
				return append(e, bundleEntry("", "POST", "Goal", goalJSON("nobody", "active")))
			}, 422},
			{"stale ifMatch", func(e []string) []string {
				return append(e, bundleEntry("", "PUT", "Patient/"+ola,
					`{"resourceType":"Patient","id":"`+ola+`"}`, "ifMatch", `W/"5"`))
			}, 412},
			{"conditional create with two matches", func(e []string) []string {
				e[7] = strings.Replace(e[7], `&name=nobody`, "", 1)
				return append(e, bundleEntry("", "POST", "Patient", patientJSON(fnrOla, "Ås", "Ola", "1999-12-31"),
					"ifNoneExist", "identifier="+fnrOla))
			}, 412},
			{"GET of something missing", func(e []string) []string {
				return append(e, bundleEntry("", "GET", "Patient/nobody", ""))
			}, 404},
			{"unknown type", func(e []string) []string {
				return append(e, bundleEntry("", "POST", "Foo", `{"resourceType":"Foo"}`))
			}, 404},
			{"type mismatch", func(e []string) []string {
				return append(e, bundleEntry("", "POST", "Goal", practitionerJSON))
			}, 400},
			{"two entries on one resource", func(e []string) []string {
				return append(e, bundleEntry("", "DELETE", "Practitioner/dr-berg", ""))
			}, 400},
			{"AuditEvent write", func(e []string) []string {
				return append(e, bundleEntry("", "POST", "AuditEvent", auditEventJSON(ola, doomed, "2026-03-02T09:00:00Z")))
			}, 405},
		}
		before := c.versions()
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := c.do("POST", "/", bundleOf("transaction", tt.change(good())...)).must(t, tt.status)
				if msg := issue(t, r); !strings.Contains(msg, "Bundle.entry[") {
					t.Errorf("the outcome does not name the entry: %q", msg)
				}
				if n := c.versions(); n != before {
					t.Errorf("a refused transaction wrote: %d versions, want %d", n, before)
				}
				c.do("GET", "/Practitioner/"+doomed, "").must(t, http.StatusOK)
			})
		}
	})
}

func TestBatch(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		p := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		doomed := c.create("Practitioner", practitionerJSON)
		r := c.do("POST", "/", bundleOf("batch",
			bundleEntry("", "POST", "Goal", goalJSON(p, "active")),
			bundleEntry("", "POST", "Goal", goalJSON(p, "nearly-done")),
			bundleEntry("", "GET", "Patient/nobody", ""),
			bundleEntry("", "PUT", "Practitioner/batch-1", `{"resourceType":"Practitioner","id":"batch-1"}`),
			bundleEntry("", "DELETE", "Practitioner/"+doomed, ""),
			bundleEntry("", "GET", "Goal?subject=Patient/"+p, ""),
			bundleEntry("urn:uuid:5e0b7c9a-1d2e-4f3a-8b4c-6d7e8f9a0b1c", "POST", "Patient", patientJSON(fnrOla, "Ås", "Ola", "1999-12-31")),
			bundleEntry("", "POST", "Goal", strings.Replace(goalJSON("X", "active"), "Patient/X", "urn:uuid:5e0b7c9a-1d2e-4f3a-8b4c-6d7e8f9a0b1c", 1)),
			bundleEntry("", "GET", "Patient/"+p+"/_history/1", ""),
			bundleEntry("", "GET", "Patient/"+p+"/_history", ""),
			bundleEntry("", "PATCH", "Patient/"+p, ""),
		)).must(t, http.StatusOK)
		if typ, _ := r.obj.String("type"); typ != "batch-response" {
			t.Fatalf("type %q", typ)
		}
		want := []string{"201 Created", "422 Unprocessable Entity", "404 Not Found", "201 Created", "204 No Content",
			"200 OK", "201 Created", "422 Unprocessable Entity", "200 OK", "200 OK", "501 Not Implemented"}
		if got := responseStatuses(t, r.obj); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("statuses %v, want %v\n%s", got, want, r.body)
		}
		entries, _ := r.obj.Array("entry")
		for _, i := range []int{1, 2, 7, 10} {
			resp, _ := entries[i].(*fhir.Object).Object("response")
			oo, ok := resp.Object("outcome")
			if rt, _ := oo.String("resourceType"); !ok || rt != "OperationOutcome" {
				t.Errorf("entry %d has no OperationOutcome", i)
			}
		}
		found, _ := entries[5].(*fhir.Object).Object("resource")
		if got := ids(t, found, "match"); len(got) != 1 {
			t.Errorf("batch search found %v, want the one goal created in the batch", got)
		}
		c.do("GET", "/Practitioner/batch-1", "").must(t, http.StatusOK)
		c.do("GET", "/Practitioner/"+doomed, "").must(t, http.StatusGone)
	})
}
