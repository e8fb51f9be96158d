package fhirapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// Every refusal is an OperationOutcome with the right status, and writes nothing.
func TestErrors(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		p := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		pr := c.create("Practitioner", practitionerJSON)
		big := `{"resourceType":"Practitioner","text":{"div":"` + strings.Repeat("x", 10<<20) + `"}}`
		tests := []struct {
			name, method, path, body string
			hdr                      []string
			status                   int
		}{
			{"malformed JSON", "POST", "/Patient", `{"resourceType":"Patient",`, nil, 400},
			{"duplicate member", "POST", "/Patient", `{"resourceType":"Patient","active":true,"active":false}`, nil, 400},
			{"not an object", "POST", "/Patient", `[1]`, nil, 400},
			{"no resourceType", "POST", "/Patient", `{"active":true}`, nil, 400},
			{"wrong resourceType", "POST", "/Patient", practitionerJSON, nil, 400},
			{"unknown resourceType", "POST", "/Patient", `{"resourceType":"Foo"}`, nil, 400},
			{"unknown type in URL (read)", "GET", "/Foo/1", "", nil, 404},
			{"unknown type in URL (create)", "POST", "/Foo", `{"resourceType":"Foo"}`, nil, 404},
			{"unknown type in URL (search)", "GET", "/Foo?name=x", "", nil, 404},
			{"bad id (read)", "GET", "/Patient/bad_id", "", nil, 400},
			{"bad id (update)", "PUT", "/Patient/bad_id", `{"resourceType":"Patient","id":"bad_id"}`, nil, 400},
			{"id mismatch", "PUT", "/Patient/" + p, `{"resourceType":"Patient","id":"other"}`, nil, 400},
			{"no id on update", "PUT", "/Patient/" + p, `{"resourceType":"Patient"}`, nil, 400},
			{"type mismatch on update", "PUT", "/Patient/" + p, `{"resourceType":"Practitioner","id":"` + p + `"}`, nil, 400},
			{"malformed If-Match", "PUT", "/Practitioner/" + pr, `{"resourceType":"Practitioner","id":"` + pr + `"}`, []string{"If-Match", "soon"}, 400},
			{"stale If-Match", "PUT", "/Practitioner/" + pr, `{"resourceType":"Practitioner","id":"` + pr + `"}`, []string{"If-Match", `W/"7"`}, 412},
			{"missing", "GET", "/Patient/nobody", "", nil, 404},
			{"missing version", "GET", "/Patient/" + p + "/_history/2", "", nil, 404},
			{"history of nothing", "GET", "/Patient/nobody/_history", "", nil, 404},
			{"reference to nothing", "POST", "/Goal", goalJSON("nobody", "active"), nil, 422},
			{"reference to a type not allowed", "POST", "/Goal", strings.Replace(goalJSON(p, "active"), "Patient/", "Practitioner/", 1), nil, 422},
			{"reference to a type we do not hold", "POST", "/Goal", strings.Replace(goalJSON(p, "active"), "Patient/", "Group/", 1), nil, 422},
			{"unresolved urn:uuid", "POST", "/Goal", strings.Replace(goalJSON(p, "active"), "Patient/"+p, "urn:uuid:0b5c2a9e-3f0e-4d5e-9a61-6e0f7c1d2b3a", 1), nil, 422},
			{"failed validation (no status)", "POST", "/CarePlan", `{"resourceType":"CarePlan","intent":"plan","subject":{"reference":"Patient/` + p + `"}}`, nil, 422},
			{"failed validation (bad code)", "POST", "/Goal", goalJSON(p, "nearly-done"), nil, 422},
			{"wrong national identity number", "POST", "/Patient", patientJSON("12094812345", "Feil", "Nummer", "1948-09-12"), nil, 422},
			{"AuditEvent create", "POST", "/AuditEvent", auditEventJSON(p, pr, "2026-03-02T09:00:00Z"), nil, 405},
			{"AuditEvent delete", "DELETE", "/AuditEvent/x", "", nil, 405},
			{"unsupported method", "PATCH", "/Patient/" + p, `{}`, nil, 405},
			{"unknown search parameter", "GET", "/Patient?shoe-size=42", "", nil, 400},
			{"malformed search value", "GET", "/Patient?birthdate=yesterday", "", nil, 400},
			{"unknown history parameter", "GET", "/Patient/_history?colour=red", "", nil, 400},
			{"wrong media type", "POST", "/Patient", patientJSON(fnrOla, "A", "B", "1999-12-31"), []string{"Content-Type", "text/plain"}, 415},
			{"form body for search must be a form", "POST", "/Patient/_search", `{"name":"x"}`, nil, 415},
			{"body too large", "POST", "/Practitioner", big, nil, 413},
			{"not a Bundle", "POST", "/", practitionerJSON, nil, 400},
			{"Bundle of the wrong type", "POST", "/", `{"resourceType":"Bundle","type":"collection"}`, nil, 400},
		}
		before := c.versions()
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				r := c.do(tt.method, tt.path, tt.body, tt.hdr...).must(t, tt.status)
				if msg := issue(t, r); msg == "" {
					t.Errorf("the OperationOutcome says nothing: %s", r.body)
				}
				if ct := r.header.Get("Content-Type"); ct != "application/fhir+json; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
			})
		}
		if n := c.versions(); n != before {
			t.Errorf("refused requests wrote: %d versions, want %d", n, before)
		}
	})
}

func TestGzip(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		p := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		for range 5 {
			c.create("Goal", goalJSON(p, "active"))
		}
		// A gzip request body is accepted.
		req, err := http.NewRequest("POST", c.base+"/Practitioner", gzipped(t, practitionerJSON))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/fhir+json")
		req.Header.Set("Content-Encoding", "gzip")
		c.send(req).must(t, http.StatusCreated)
		// A response is compressed when asked for, and decodes to the same bytes.
		plain := c.do("GET", "/Goal?subject=Patient/"+p, "").must(t, http.StatusOK)
		if plain.header.Get("Content-Encoding") != "" || plain.header.Get("Content-Length") == "" {
			t.Errorf("identity response headers %v", plain.header)
		}
		zipped := c.do("GET", "/Goal?subject=Patient/"+p, "", "Accept-Encoding", "gzip").must(t, http.StatusOK)
		if zipped.header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("no gzip: %v", zipped.header)
		}
		if !bytes.Equal(plain.body, zipped.body) {
			t.Errorf("gzip body differs")
		}
		r := c.do("GET", "/Goal?subject=Patient/"+p, "", "Accept-Encoding", "gzip;q=0").must(t, http.StatusOK)
		if r.header.Get("Content-Encoding") != "" {
			t.Errorf("gzip;q=0 still compressed")
		}
		// Reads are compressed too (from a cache of gzipped versions): twice the same, and an
		// update is never answered with the old version's bytes.
		long := func(id, text string) string {
			return `{"resourceType":"Practitioner","id":"` + id + `","name":[{"family":"Berg","text":"` +
				text + strings.Repeat(" Anne Berg", 80) + `"}]}`
		}
		c.do("PUT", "/Practitioner/big", long("big", "Kari")).must(t, http.StatusCreated)
		p = "big"
		plainRead := c.do("GET", "/Practitioner/"+p, "").must(t, http.StatusOK)
		for range 2 {
			z := c.do("GET", "/Practitioner/"+p, "", "Accept-Encoding", "gzip").must(t, http.StatusOK)
			if z.header.Get("Content-Encoding") != "gzip" || !bytes.Equal(z.body, plainRead.body) {
				t.Errorf("gzip read: %v %s", z.header, z.body)
			}
		}
		c.do("PUT", "/Practitioner/"+p, long(p, "Kari Endret")).must(t, http.StatusOK)
		z := c.do("GET", "/Practitioner/"+p, "", "Accept-Encoding", "gzip").must(t, http.StatusOK)
		if !strings.Contains(string(z.body), "Kari Endret") || z.header.Get("ETag") != `W/"2"` {
			t.Errorf("gzip read after update: %s", z.body)
		}
		old := c.do("GET", "/Practitioner/"+p+"/_history/1", "", "Accept-Encoding", "gzip").must(t, http.StatusOK)
		if !bytes.Equal(old.body, plainRead.body) {
			t.Errorf("gzip vread of version 1: %s", old.body)
		}
		// A gzip body that unpacks beyond the limit is refused.
		bomb := `{"resourceType":"Practitioner","text":{"div":"` + strings.Repeat("x", 11<<20) + `"}}`
		req, _ = http.NewRequest("POST", c.base+"/Practitioner", gzipped(t, bomb))
		req.Header.Set("Content-Type", "application/fhir+json")
		req.Header.Set("Content-Encoding", "gzip")
		c.send(req).must(t, http.StatusRequestEntityTooLarge)
	})
}

func TestPreferReturn(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		r := c.do("POST", "/Practitioner", practitionerJSON, "Prefer", "return=minimal").must(t, http.StatusCreated)
		if len(r.body) != 0 || r.header.Get("Location") == "" || r.header.Get("ETag") != `W/"1"` {
			t.Errorf("return=minimal: body %q, headers %v", r.body, r.header)
		}
		r = c.do("POST", "/Practitioner", practitionerJSON, "Prefer", "return=OperationOutcome").must(t, http.StatusCreated)
		if !strings.Contains(issue(t, r), "created") {
			t.Errorf("return=OperationOutcome: %s", r.body)
		}
	})
}
