package fhirapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// A resource comes back with every element it was sent with, in order: extensions, _field
// primitive extensions, elements we do not know, and decimals as written.
func TestCreateReadRoundTrip(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		sent := `{"resourceType":"Patient","id":"ignored-on-create",
			"extension":[{"url":"http://example.org/weight","valueDecimal":1.50},
				{"url":"http://example.org/big","valueDecimal":12345678901234567890.10}],
			"identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.1","value":"` + fnrKari + `"}],
			"name":[{"family":"Nordmann","given":["Kari"]}],
			"birthDate":"2013-03-13",
			"_birthDate":{"extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":"2013-03-13T08:15:00+01:00"}]},
			"unknownToUs":{"nested":[1,2.0,"x"]}}`
		c.clock.Advance(time.Second)
		r := c.do("POST", "/Patient", sent).must(t, http.StatusCreated)
		id, _ := r.obj.String("id")
		if id == "ignored-on-create" || !fhir.ValidID(id) {
			t.Fatalf("server id %q", id)
		}
		wantLoc := c.base + "/Patient/" + id + "/_history/1"
		if got := r.header.Get("Location"); got != wantLoc {
			t.Errorf("Location %q, want %q", got, wantLoc)
		}
		checkVersionHeaders(t, r, "1", c.clock.Now())
		if ct := r.header.Get("Content-Type"); ct != "application/fhir+json; charset=utf-8" {
			t.Errorf("Content-Type %q", ct)
		}
		got := c.do("GET", "/Patient/"+id, "").must(t, http.StatusOK)
		if string(got.body) != string(r.body) {
			t.Errorf("read differs from the create response:\n%s\n%s", got.body, r.body)
		}
		checkVersionHeaders(t, got, "1", c.clock.Now())
		meta, _ := got.obj.Object("meta")
		if v, _ := meta.String("versionId"); v != "1" {
			t.Errorf("meta.versionId %q", v)
		}
		if lu, _ := meta.String("lastUpdated"); lu != fhir.FormatInstant(c.clock.Now()) {
			t.Errorf("meta.lastUpdated %q, want %q", lu, fhir.FormatInstant(c.clock.Now()))
		}
		// Everything the client sent is there, in its order, numbers as written.
		want, err := fhir.ParseObject([]byte(sent))
		if err != nil {
			t.Fatal(err)
		}
		want.Delete("id")
		got.obj.Delete("id")
		got.obj.Delete("meta")
		if w, g := string(want.AppendJSON(nil)), string(got.obj.AppendJSON(nil)); w != g {
			t.Errorf("round trip changed the resource:\nsent %s\ngot  %s", w, g)
		}
		for _, s := range []string{`"valueDecimal":1.50`, `12345678901234567890.10`, `"nested":[1,2.0,"x"]`} {
			if !strings.Contains(string(got.body), s) {
				t.Errorf("%s missing from %s", s, got.body)
			}
		}
	})
}

func checkVersionHeaders(t *testing.T, r resp, version string, at time.Time) {
	t.Helper()
	if got := r.header.Get("ETag"); got != `W/"`+version+`"` {
		t.Errorf("ETag %q, want W/%q", got, version)
	}
	if got := r.header.Get("Last-Modified"); got != at.UTC().Format(http.TimeFormat) {
		t.Errorf("Last-Modified %q, want %q", got, at.UTC().Format(http.TimeFormat))
	}
}

func TestUpdateIfMatchAndVRead(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		id := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		body := func(given string) string {
			return strings.Replace(patientJSON(fnrKari, "Nordmann", given, "2013-03-13"),
				`"resourceType":"Patient",`, `"resourceType":"Patient","id":"`+id+`",`, 1)
		}
		c.clock.Advance(time.Second)
		r := c.do("PUT", "/Patient/"+id, body("Kari Anne"), "If-Match", `W/"1"`).must(t, http.StatusOK)
		checkVersionHeaders(t, r, "2", c.clock.Now())
		if loc := r.header.Get("Location"); loc != c.base+"/Patient/"+id+"/_history/2" {
			t.Errorf("Location %q", loc)
		}
		before := c.versions()
		r = c.do("PUT", "/Patient/"+id, body("Stale"), "If-Match", `W/"1"`).must(t, http.StatusPreconditionFailed)
		issue(t, r)
		if n := c.versions(); n != before {
			t.Errorf("a stale If-Match wrote something: %d versions, want %d", n, before)
		}
		// Without If-Match the update applies to whatever is current.
		c.do("PUT", "/Patient/"+id, body("Kari"), "Content-Type", "application/json").must(t, http.StatusOK)
		for v, given := range map[string]string{"1": "Kari", "2": "Kari Anne", "3": "Kari"} {
			r := c.do("GET", "/Patient/"+id+"/_history/"+v, "").must(t, http.StatusOK)
			if !strings.Contains(string(r.body), `"given":["`+given+`"]`) {
				t.Errorf("version %s: %s", v, r.body)
			}
			if got := r.header.Get("ETag"); got != `W/"`+v+`"` {
				t.Errorf("version %s ETag %q", v, got)
			}
		}
		c.do("GET", "/Patient/"+id+"/_history/9", "").must(t, http.StatusNotFound)
		h := c.do("GET", "/Patient/"+id+"/_history", "").must(t, http.StatusOK)
		if got := strings.Join(ids(t, h.obj, ""), ","); got != id+","+id+","+id {
			t.Errorf("instance history ids %q", got)
		}
		c.create("Practitioner", practitionerJSON)
		th := c.do("GET", "/Patient/_history?_count=2", "").must(t, http.StatusOK)
		if typ, _ := th.obj.String("type"); typ != "history" || len(ids(t, th.obj, "")) != 2 || link(th.obj, "next") == "" {
			t.Errorf("type history page: %s", th.body)
		}
		th = c.do("GET", strings.TrimPrefix(link(th.obj, "next"), c.base), "").must(t, http.StatusOK)
		if got := ids(t, th.obj, ""); len(got) != 1 || link(th.obj, "next") != "" || link(th.obj, "previous") == "" {
			t.Errorf("type history second page: %s", th.body)
		}
	})
}

func TestUpdateCreatesWithClientID(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		body := `{"resourceType":"Practitioner","id":"migrated-42","name":[{"family":"Dahl"}]}`
		r := c.do("PUT", "/Practitioner/migrated-42", body).must(t, http.StatusCreated)
		checkVersionHeaders(t, r, "1", c.clock.Now())
		c.do("GET", "/Practitioner/migrated-42", "").must(t, http.StatusOK)
		c.do("PUT", "/Practitioner/migrated-42", body).must(t, http.StatusOK)
	})
}

func TestConditionalCreate(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		cond := "identifier=urn:oid:2.16.578.1.12.4.1.4.1|" + fnrKari
		kari := patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13")
		r := c.do("POST", "/Patient", kari, "If-None-Exist", cond).must(t, http.StatusCreated) // 0 matches
		first, _ := r.obj.String("id")
		before := c.versions()
		r = c.do("POST", "/Patient", kari, "If-None-Exist", cond).must(t, http.StatusOK) // 1 match
		if id, _ := r.obj.String("id"); id != first {
			t.Errorf("conditional create returned %q, want the existing %q", id, first)
		}
		if n := c.versions(); n != before {
			t.Errorf("a matching conditional create wrote: %d versions, want %d", n, before)
		}
		c.create("Patient", kari) // a second Kari, created unconditionally
		before = c.versions()
		r = c.do("POST", "/Patient", kari, "If-None-Exist", cond).must(t, http.StatusPreconditionFailed) // 2
		issue(t, r)
		if n := c.versions(); n != before {
			t.Errorf("a refused conditional create wrote: %d versions, want %d", n, before)
		}
	})
}

// Deletion keeps history: read gives 410, history shows the deletion, deleting again or deleting
// what never existed answers 204 (R4) and writes nothing, and an update brings it back.
func TestDelete(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		id := c.create("Practitioner", practitionerJSON)
		c.clock.Advance(time.Second)
		r := c.do("DELETE", "/Practitioner/"+id, "").must(t, http.StatusNoContent)
		if got := r.header.Get("ETag"); got != `W/"2"` {
			t.Errorf("delete ETag %q", got)
		}
		issue(t, c.do("GET", "/Practitioner/"+id, "").must(t, http.StatusGone))
		c.do("GET", "/Practitioner/"+id+"/_history/2", "").must(t, http.StatusGone)
		c.do("GET", "/Practitioner/"+id+"/_history/1", "").must(t, http.StatusOK)
		h := c.do("GET", "/Practitioner/"+id+"/_history", "").must(t, http.StatusOK)
		entries, _ := h.obj.Array("entry")
		if len(entries) != 2 {
			t.Fatalf("history has %d entries, want 2: %s", len(entries), h.body)
		}
		newest := entries[0].(*fhir.Object)
		req, _ := newest.Object("request")
		if m, _ := req.String("method"); m != "DELETE" {
			t.Errorf("newest history entry method %q, want DELETE", m)
		}
		if _, has := newest.Get("resource"); has {
			t.Errorf("a deletion carries a resource: %s", h.body)
		}
		before := c.versions()
		c.do("DELETE", "/Practitioner/"+id, "").must(t, http.StatusNoContent)
		c.do("DELETE", "/Practitioner/never-was", "").must(t, http.StatusNoContent)
		if n := c.versions(); n != before {
			t.Errorf("deleting again wrote: %d versions, want %d", n, before)
		}
		s := c.do("GET", "/Practitioner?_id="+id, "").must(t, http.StatusOK)
		if got := ids(t, s.obj, "match"); len(got) != 0 {
			t.Errorf("search finds the deleted resource: %v", got)
		}
		body := `{"resourceType":"Practitioner","id":"` + id + `","name":[{"family":"Tilbake"}]}`
		r = c.do("PUT", "/Practitioner/"+id, body).must(t, http.StatusCreated)
		checkVersionHeaders(t, r, "3", c.clock.Now())
	})
}
