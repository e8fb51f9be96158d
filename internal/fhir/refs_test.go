package fhir

import (
	"reflect"
	"testing"
)

func TestParseReference(t *testing.T) {
	tests := []struct{ in, typ, id string }{
		{"Patient/p1", "Patient", "p1"},
		{"Patient/p1/_history/3", "Patient", "p1"},
		{"https://example.org/fhir/R4/Patient/p1", "", ""}, // may be another server's
		{"http://example.org/fhir/R4/Patient/p1/_history/2", "", ""},
		{"#contained", "", ""},
		{"urn:uuid:0f5a4a2e-6c38-4f8b-9b54-3d1f8e4b1a11", "", ""},
		{"Group/g1", "", ""},     // not a type we hold
		{"Patient/a b", "", ""},  // not an id
		{"Patient", "", ""},      // no id
		{"a/Patient/p1", "", ""}, // relative references have two segments
		{"ftp://x/Patient/p1", "", ""},
		{"Patient/p1/_history", "", ""},
	}
	for _, tt := range tests {
		typ, id := ParseReference(tt.in)
		if typ != tt.typ || id != tt.id {
			t.Errorf("ParseReference(%q) = %q, %q; want %q, %q", tt.in, typ, id, tt.typ, tt.id)
		}
	}
}

func TestReferences(t *testing.T) {
	r := mustParse(t, `{"resourceType":"CarePlan","status":"active","intent":"plan",
		"subject":{"reference":"Patient/p1"},
		"goal":[{"reference":"Goal/g1"},{"reference":"urn:uuid:0f5a4a2e-6c38-4f8b-9b54-3d1f8e4b1a11"}],
		"activity":[{"detail":{"status":"scheduled","performer":[{"reference":"#pr"}]}}],
		"contained":[{"resourceType":"Practitioner","id":"pr","extension":[{"url":"http://x","valueReference":{"reference":"Organization/o1"}}]}],
		"unknownElement":{"reference":"Patient/p2"}}`)
	got := References(r)
	want := []Ref{
		{Path: "CarePlan.subject", Reference: "Patient/p1", Type: "Patient", ID: "p1", Allowed: []string{"Patient", "Group"}},
		{Path: "CarePlan.goal", Reference: "Goal/g1", Type: "Goal", ID: "g1", Allowed: []string{"Goal"}},
		{Path: "CarePlan.goal", Reference: "urn:uuid:0f5a4a2e-6c38-4f8b-9b54-3d1f8e4b1a11", Allowed: []string{"Goal"}},
		{Path: "CarePlan.activity.detail.performer", Reference: "#pr", Allowed: []string{"Practitioner", "PractitionerRole", "Organization", "RelatedPerson", "Patient", "CareTeam", "HealthcareService", "Device"}},
		{Path: "CarePlan.contained.extension.valueReference", Reference: "Organization/o1", Type: "Organization", ID: "o1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got\n%+v\nwant\n%+v", got, want)
	}
}

func TestRewriteReferences(t *testing.T) {
	r := mustParse(t, `{"resourceType":"CarePlan","subject":{"reference":"urn:uuid:1"},"goal":[{"reference":"urn:uuid:2"},{"reference":"Goal/g"}],"extension":[{"url":"u","valueReference":{"reference":"urn:uuid:1"}}]}`)
	m := map[string]string{"urn:uuid:1": "Patient/p1", "urn:uuid:2": "Goal/g2"}
	RewriteReferences(r, func(s string) (string, bool) { n, ok := m[s]; return n, ok })
	want := `{"resourceType":"CarePlan","subject":{"reference":"Patient/p1"},"goal":[{"reference":"Goal/g2"},{"reference":"Goal/g"}],"extension":[{"url":"u","valueReference":{"reference":"Patient/p1"}}]}`
	if string(r.Bytes()) != want {
		t.Fatalf("got  %s\nwant %s", r.Bytes(), want)
	}
}
