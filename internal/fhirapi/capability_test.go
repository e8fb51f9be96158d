package fhirapi_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// The CapabilityStatement lists exactly what works: every search parameter and include it names
// is accepted by a search, AuditEvent is read-only, and the system interactions are there.
func TestCapabilityStatement(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		cs := c.do("GET", "/metadata", "").must(t, http.StatusOK).obj
		for k, want := range map[string]string{"resourceType": "CapabilityStatement", "status": "active",
			"kind": "instance", "fhirVersion": "4.0.1"} {
			if got, _ := cs.String(k); got != want {
				t.Errorf("%s = %q, want %q", k, got, want)
			}
		}
		rests, _ := cs.Array("rest")
		if len(rests) != 1 {
			t.Fatalf("%d rest entries", len(rests))
		}
		rest := rests[0].(*fhir.Object)
		if got := codesOf(rest, "interaction"); !slices.Equal(got, []string{"transaction", "batch", "history-system"}) {
			t.Errorf("system interactions %v", got)
		}
		resources, _ := rest.Array("resource")
		var types []string
		for _, r := range resources {
			res := r.(*fhir.Object)
			typ, _ := res.String("type")
			types = append(types, typ)
			if typ != "CodeSystem" && typ != "ValueSet" { // TestTerminologyServed checks those
				checkCapabilityResource(t, c, typ, res)
			}
		}
		if want := append(fhir.ResourceTypes(), "CodeSystem", "ValueSet"); !slices.Equal(types, want) {
			t.Errorf("types %v, want %v", types, want)
		}
	})
}

func checkCapabilityResource(t *testing.T, c *client, typ string, res *fhir.Object) {
	t.Helper()
	want := []string{"read", "vread", "update", "delete", "history-instance", "history-type", "create", "search-type"}
	if typ == "AuditEvent" {
		want = []string{"read", "vread", "history-instance", "history-type", "search-type"}
	}
	if got := codesOf(res, "interaction"); !slices.Equal(got, want) {
		t.Errorf("%s interactions %v, want %v", typ, got, want)
	}
	if v, _ := res.String("versioning"); v != "versioned-update" {
		t.Errorf("%s versioning %q", typ, v)
	}
	if v, _ := res.Get("conditionalUpdate"); v != false {
		t.Errorf("%s conditionalUpdate %v", typ, v)
	}
	if v, _ := res.String("conditionalDelete"); v != "not-supported" {
		t.Errorf("%s conditionalDelete %q", typ, v)
	}
	params, _ := res.Array("searchParam")
	for _, p := range params {
		po := p.(*fhir.Object)
		name, _ := po.String("name")
		kind, _ := po.String("type")
		q := url.Values{name: {sampleValue(name, kind)}}
		if r := c.do("GET", "/"+typ+"?"+q.Encode(), ""); r.status != http.StatusOK {
			t.Errorf("listed %s?%s is refused: %d %s", typ, q.Encode(), r.status, r.body)
		}
	}
	includes, _ := res.Array("searchInclude")
	for _, inc := range includes {
		q := url.Values{"_include": {inc.(string)}}
		if r := c.do("GET", "/"+typ+"?"+q.Encode(), ""); r.status != http.StatusOK {
			t.Errorf("listed %s?%s is refused: %d %s", typ, q.Encode(), r.status, r.body)
		}
	}
	if typ == "CarePlan" {
		for _, inc := range []string{"CarePlan:goal", "CarePlan:care-team"} {
			if !slices.Contains(includes, any(inc)) {
				t.Errorf("CarePlan does not list %s", inc)
			}
		}
	}
}

func sampleValue(name, kind string) string {
	switch {
	case name == "_sort":
		return "-_lastUpdated"
	case kind == "date":
		return "ge2026-01-01"
	case kind == "number":
		return "5"
	case kind == "reference":
		return "some-id"
	}
	return "x"
}

func codesOf(o *fhir.Object, key string) []string {
	var out []string
	arr, _ := o.Array(key)
	for _, e := range arr {
		code, _ := e.(*fhir.Object).String("code")
		out = append(out, code)
	}
	return out
}
