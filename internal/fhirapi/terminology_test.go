package fhirapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/kernel"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestTerminologyServed: the project's CodeSystems and ValueSets are read and searched without
// sign-in, found by url, _id and name, listed in the CapabilityStatement, and cannot be
// written.
func TestTerminologyServed(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		all := c.doAs(true, "GET", "/CodeSystem", "").must(t, http.StatusOK).obj
		if n := len(kernel.Objects(all, "entry")); n < 10 {
			t.Fatalf("GET /CodeSystem: %d entries", n)
		}
		if typ, _ := all.String("type"); typ != "searchset" {
			t.Errorf("GET /CodeSystem is a %q bundle", typ)
		}
		planPart := kernel.CodeSystemBase + "plan-part"
		searches := []struct {
			method, path, body string
			want               []string
		}{
			{"GET", "/CodeSystem?url=" + url.QueryEscape(planPart), "", []string{"plan-part"}},
			{"GET", "/CodeSystem?_id=meeting-kind,plan-part", "", []string{"plan-part", "meeting-kind"}}, // in the terminology's order
			{"GET", "/ValueSet?name=planp", "", []string{"plan-part"}},
			{"POST", "/CodeSystem/_search", "url=" + url.QueryEscape(planPart), []string{"plan-part"}},
			{"GET", "/CodeSystem?url=https://example.org/nothing", "", nil},
		}
		for _, s := range searches {
			var r resp
			if s.method == "POST" {
				r = c.doAs(true, "POST", s.path, s.body, "Content-Type", "application/x-www-form-urlencoded")
			} else {
				r = c.doAs(true, s.method, s.path, "")
			}
			got := ids(t, r.must(t, http.StatusOK).obj, "match")
			if strings.Join(got, ",") != strings.Join(s.want, ",") {
				t.Errorf("%s %s: %v, want %v", s.method, s.path, got, s.want)
			}
		}
		cs := c.doAs(true, "GET", "/CodeSystem/plan-part", "").must(t, http.StatusOK).obj
		if u, _ := cs.String("url"); u != planPart {
			t.Errorf("CodeSystem/plan-part url %q", u)
		}
		found := false
		for _, concept := range kernel.Objects(cs, "concept") {
			if kernel.PathString(concept, "code") == "goal-words" {
				found = len(kernel.Objects(concept, "designation")) == 2
			}
		}
		if !found {
			t.Error("CodeSystem/plan-part has no goal-words with its bokmål and nynorsk designations")
		}
		vs := c.doAs(true, "GET", "/ValueSet/plan-part", "").must(t, http.StatusOK).obj
		if typ, _ := vs.String("resourceType"); typ != "ValueSet" {
			t.Errorf("ValueSet/plan-part is a %q", typ)
		}
		c.doAs(true, "GET", "/CodeSystem/nothing", "").must(t, http.StatusNotFound)
		c.doAs(true, "GET", "/CodeSystem?system=x", "").must(t, http.StatusBadRequest)
		for _, w := range []struct{ method, path string }{{"POST", "/CodeSystem"}, {"PUT", "/CodeSystem/plan-part"}, {"DELETE", "/ValueSet/plan-part"}} {
			c.do(w.method, w.path, string(cs.AppendJSON(nil))).must(t, http.StatusMethodNotAllowed)
		}
		meta := c.doAs(true, "GET", "/metadata", "").must(t, http.StatusOK).obj
		listed := map[string]bool{}
		for _, rest := range kernel.Objects(meta, "rest") {
			for _, res := range kernel.Objects(rest, "resource") {
				listed[kernel.PathString(res, "type")] = true
			}
		}
		if !listed["CodeSystem"] || !listed["ValueSet"] {
			t.Error("the CapabilityStatement lists no CodeSystem or ValueSet")
		}
	})
}
