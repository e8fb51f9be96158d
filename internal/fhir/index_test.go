package fhir

import (
	"slices"
	"testing"
	"time"

	"veiviser/internal/search"
)

func TestIndexCarePlan(t *testing.T) {
	r := mustLoad(t, "CarePlan")
	got := Index(r)
	utc := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v.UTC()
	}
	want := []search.Entry{
		{Param: "subject", Kind: search.Reference, RefType: "Patient", RefID: "p1"},
		{Param: "patient", Kind: search.Reference, RefType: "Patient", RefID: "p1"},
		{Param: "status", Kind: search.Token, Code: "active"},
		{Param: "intent", Kind: search.Token, Code: "plan"},
		{Param: "category", Kind: search.Token, System: "http://snomed.info/sct", Code: "734163000"},
		{Param: "date", Kind: search.Date, Low: utc("2024-01-01T00:00:00Z"), High: utc("2025-01-01T00:00:00Z")},
		{Param: "goal", Kind: search.Reference, RefType: "Goal", RefID: "g1"},
		{Param: "goal", Kind: search.Reference, RefType: "Goal", RefID: "g2"},
		{Param: "goal", Kind: search.Reference, RefType: "Goal", RefID: "g3"},
		{Param: "care-team", Kind: search.Reference, RefType: "CareTeam", RefID: "ct1"},
		{Param: "performer", Kind: search.Reference, RefType: "Practitioner", RefID: "pr2"},
		{Param: "activity-code", Kind: search.Token, System: "http://snomed.info/sct", Code: "409063005"},
		{Param: "activity-date", Kind: search.Date, Low: utc("2024-02-01T08:00:00Z"), High: utc("2024-02-29T15:00:01Z")},
	}
	for _, w := range want {
		if !containsEntry(got, w) {
			t.Errorf("missing entry %+v", w)
		}
	}
	if n := countParam(got, "goal"); n != 3 {
		t.Errorf("goal entries = %d, want 3", n)
	}
	if n := countParam(got, "activity-code"); n != 3 {
		t.Errorf("activity-code entries = %d, want 3", n)
	}
}

func TestIndexWhereResolveKeepsOnlyThatType(t *testing.T) {
	r := mustParse(t, `{"resourceType":"CarePlan","status":"active","intent":"plan","subject":{"reference":"Group/g1"}}`)
	got := Index(r)
	if countParam(got, "patient") != 0 {
		t.Errorf("a Group subject gave a patient entry: %+v", got)
	}
	// Group is not a type we hold, so not even subject is a local reference
	if countParam(got, "subject") != 0 {
		t.Errorf("subject entry for a type we do not hold: %+v", got)
	}
}

func TestIndexPatient(t *testing.T) {
	got := Index(mustLoad(t, "Patient"))
	want := []search.Entry{
		{Param: "identifier", Kind: search.Token, System: "urn:oid:2.16.578.1.12.4.1.4.1", Code: "13031353453"},
		{Param: "name", Kind: search.String, Text: "nordmann"},
		{Param: "name", Kind: search.String, Text: "kari"},
		{Param: "name", Kind: search.String, Text: "åse"},
		{Param: "family", Kind: search.String, Text: "nordmann"},
		{Param: "given", Kind: search.String, Text: "åse"},
		{Param: "birthdate", Kind: search.Date, Low: time.Date(2013, 3, 13, 0, 0, 0, 0, time.UTC), High: time.Date(2013, 3, 14, 0, 0, 0, 0, time.UTC)},
		{Param: "gender", Kind: search.Token, Code: "female"},
		{Param: "active", Kind: search.Token, Code: "true"},
		{Param: "phone", Kind: search.Token, Code: "+47 912 34 567"},
		{Param: "email", Kind: search.Token, Code: "kari@example.no"},
		{Param: "address-city", Kind: search.String, Text: "lillestrøm"},
		{Param: "address", Kind: search.String, Text: "storgata 1"},
	}
	for _, w := range want {
		if !containsEntry(got, w) {
			t.Errorf("missing entry %+v", w)
		}
	}
	if n := countParam(got, "phone"); n != 1 {
		t.Errorf("phone entries = %d, want 1 (the email is not a phone)", n)
	}
}

func TestIndexOtherTypes(t *testing.T) {
	tests := []struct {
		file string
		want search.Entry
	}{
		{"Goal", search.Entry{Param: "lifecycle-status", Kind: search.Token, Code: "active"}},
		{"Goal", search.Entry{Param: "start-date", Kind: search.Date, Low: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), High: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)}},
		{"Goal", search.Entry{Param: "target-date", Kind: search.Date, Low: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), High: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"CareTeam", search.Entry{Param: "participant", Kind: search.Reference, RefType: "Practitioner", RefID: "pr3"}},
		{"CareTeam", search.Entry{Param: "date", Kind: search.Date, Low: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), High: farFuture}},
		{"Consent", search.Entry{Param: "patient", Kind: search.Reference, RefType: "Patient", RefID: "p1"}},
		{"ServiceRequest", search.Entry{Param: "requester", Kind: search.Reference, RefType: "RelatedPerson", RefID: "rp1"}},
		{"Task", search.Entry{Param: "patient", Kind: search.Reference, RefType: "Patient", RefID: "p1"}},
		{"Task", search.Entry{Param: "focus", Kind: search.Reference, RefType: "ServiceRequest", RefID: "sr1"}},
		{"Task", search.Entry{Param: "owner", Kind: search.Reference, RefType: "Practitioner", RefID: "pr1"}},
		{"EpisodeOfCare", search.Entry{Param: "care-manager", Kind: search.Reference, RefType: "Practitioner", RefID: "pr1"}},
		{"Communication", search.Entry{Param: "recipient", Kind: search.Reference, RefType: "Patient", RefID: "p1"}},
		{"AuditEvent", search.Entry{Param: "patient", Kind: search.Reference, RefType: "Patient", RefID: "p1"}},
		{"AuditEvent", search.Entry{Param: "agent", Kind: search.Reference, RefType: "Practitioner", RefID: "pr1"}},
		{"AuditEvent", search.Entry{Param: "date", Kind: search.Date, Low: time.Date(2024, 1, 10, 12, 0, 0, 123e6, time.UTC), High: time.Date(2024, 1, 10, 12, 0, 0, 124e6, time.UTC)}},
		{"Appointment", search.Entry{Param: "patient", Kind: search.Reference, RefType: "Patient", RefID: "p1"}},
		{"Organization", search.Entry{Param: "name", Kind: search.String, Text: "lillestrøm kommune, koordinerende enhet"}},
	}
	for _, tt := range tests {
		got := Index(mustLoad(t, tt.file))
		if !containsEntry(got, tt.want) {
			t.Errorf("%s: missing %+v in %+v", tt.file, tt.want, got)
		}
	}
}

func containsEntry(es []search.Entry, w search.Entry) bool {
	for _, e := range es {
		if e.Param == w.Param && e.Kind == w.Kind && e.System == w.System && e.Code == w.Code &&
			e.Text == w.Text && e.RefType == w.RefType && e.RefID == w.RefID &&
			e.Low.Equal(w.Low) && e.High.Equal(w.High) && e.Number == w.Number {
			return true
		}
	}
	return false
}

func countParam(es []search.Entry, p string) int {
	n := 0
	for _, e := range es {
		if e.Param == p {
			n++
		}
	}
	return n
}

// TestIndexAuditEventPatient: an access-log entry is about the citizen whose data it touched
// (the entity of type 1) only; a Patient as the agent, or a Patient record named as an entity
// without that type, is not its citizen (search_params.go's paramOverrides say why).
func TestIndexAuditEventPatient(t *testing.T) {
	const person = `"type":{"system":"http://terminology.hl7.org/CodeSystem/audit-entity-type","code":"1"}`
	tests := []struct {
		name, agent, entities string
		want                  []string
	}{
		{"person entity", "Practitioner/pr1", `{"what":{"reference":"Patient/p1"},` + person + `}`, []string{"p1"}},
		{"patient as agent", "Patient/p2", `{"what":{"reference":"Patient/p1"},` + person + `}`, []string{"p1"}},
		{"untyped patient entity", "Practitioner/pr1", `{"what":{"reference":"Patient/p3"}}`, nil},
		{"agent only", "Patient/p2", `{"what":{"reference":"Encounter/e1"}}`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse([]byte(`{"resourceType":"AuditEvent","type":{"code":"rest"},"recorded":"2024-01-10T12:00:00Z",
				"agent":[{"who":{"reference":"` + tt.agent + `"},"requestor":true}],"source":{"observer":{"display":"Veiviser"}},
				"entity":[` + tt.entities + `]}`))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range Index(r) {
				if e.Param == "patient" {
					got = append(got, e.RefID)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("patient entries = %v, want %v", got, tt.want)
			}
		})
	}
}
