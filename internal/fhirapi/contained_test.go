package fhirapi_test

import (
	"net/http"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestContainedOfOtherTypesKept (issue 12): a resource may contain resources of R4 types
// Veiviser does not hold as records (a Location, an Observation, a Specimen, a Medication); they
// are part of what the client sent and come back byte for byte, references to them included,
// on both stores, and in a transaction too. A contained resource of no R4 type, or without an
// id, is refused with nothing stored.
func TestContainedOfOtherTypesKept(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		c := newClient(t, st)
		patient := c.create("Patient", patientJSON(fnrKari, "Nordmann", "Kari", "2013-03-13"))
		sent := sub(`{"resourceType":"CarePlan","status":"active","intent":"plan",
			"contained":[{"resourceType":"Location","id":"sted","name":"Rådhuset","position":{"longitude":10.75,"latitude":59.91}},
				{"resourceType":"Observation","id":"vekt","status":"final","code":{"text":"Vekt"},"valueQuantity":{"value":71.50,"unit":"kg"}},
				{"resourceType":"Specimen","id":"prove","type":{"text":"Blod"}},
				{"resourceType":"Medication","id":"med","code":{"text":"Paracet"},"unknownToUs":[1,2]}],
			"subject":{"reference":"Patient/{{p}}"},
			"supportingInfo":[{"reference":"#vekt"},{"reference":"#prove"},{"reference":"#med"}],
			"activity":[{"detail":{"status":"scheduled","location":{"reference":"#sted"}}}]}`, "p", patient)
		want := withoutServerParts(t, []byte(sent))
		created := c.do("POST", "/CarePlan", sent).must(t, http.StatusCreated)
		id, _ := created.obj.String("id")
		got := c.do("GET", "/CarePlan/"+id, "").must(t, http.StatusOK)
		if g := withoutServerParts(t, got.body); g != want {
			t.Errorf("read back:\n%s\nwant as sent:\n%s", g, want)
		}
		tx := `{"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:0c3c4b64-5d84-4ad2-9e84-3c1f2b0b1e01",
			"resource":` + sent + `,"request":{"method":"POST","url":"CarePlan"}}]}`
		c.do("POST", "/", tx).must(t, http.StatusOK)
		before := c.versions()
		for _, bad := range []string{
			`{"resourceType":"Widget","id":"w"}`,
			`{"resourceType":"Location","name":"uten id"}`,
		} {
			body := sub(`{"resourceType":"CarePlan","status":"active","intent":"plan","contained":[`+bad+`],
				"subject":{"reference":"Patient/{{p}}"}}`, "p", patient)
			if r := c.do("POST", "/CarePlan", body); r.status < 400 || r.status >= 500 {
				t.Errorf("contained %s: %d %s, want a 4xx", bad, r.status, r.body)
			}
		}
		if n := c.versions(); n != before {
			t.Errorf("refused writes stored %d versions", n-before)
		}
	})
}

// withoutServerParts is a resource's JSON without id and meta, which the server sets.
func withoutServerParts(t *testing.T, body []byte) string {
	t.Helper()
	o, err := fhir.ParseObject(body)
	if err != nil {
		t.Fatal(err)
	}
	o.Delete("id")
	o.Delete("meta")
	return string(o.AppendJSON(nil))
}
