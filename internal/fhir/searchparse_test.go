package fhir

import (
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

func boolp(b bool) *bool { return &b }

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func TestParseSearch(t *testing.T) {
	tests := []struct {
		typ, query string
		want       search.Query
	}{
		{"CarePlan", "subject=Patient/p1", search.Query{Clauses: []search.Clause{
			{Param: "subject", Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p1"}}}}}},
		{"CarePlan", "subject=p1", search.Query{Clauses: []search.Clause{
			{Param: "subject", Kind: search.Reference, Values: []search.Value{{RefID: "p1"}}}}}},
		{"CarePlan", "subject:Patient=p1", search.Query{Clauses: []search.Clause{
			{Param: "subject", Kind: search.Reference, Values: []search.Value{{RefType: "Patient", RefID: "p1"}}}}}},
		{"CarePlan", "status=active,on-hold&status:not=revoked", search.Query{Clauses: []search.Clause{
			{Param: "status", Kind: search.Token, Values: []search.Value{{AnySystem: true, Code: "active"}, {AnySystem: true, Code: "on-hold"}}},
			{Param: "status", Kind: search.Token, Not: true, Values: []search.Value{{AnySystem: true, Code: "revoked"}}}}}},
		{"CarePlan", "category=http://snomed.info/sct|734163000", search.Query{Clauses: []search.Clause{
			{Param: "category", Kind: search.Token, Values: []search.Value{{System: "http://snomed.info/sct", Code: "734163000"}}}}}},
		{"Patient", "identifier=|abc&gender=http://hl7.org/fhir/administrative-gender|", search.Query{Clauses: []search.Clause{
			{Param: "gender", Kind: search.Token, Values: []search.Value{{System: "http://hl7.org/fhir/administrative-gender"}}},
			{Param: "identifier", Kind: search.Token, Values: []search.Value{{Code: "abc"}}}}}},
		{"Patient", `identifier=urn:x|a\,b`, search.Query{Clauses: []search.Clause{
			{Param: "identifier", Kind: search.Token, Values: []search.Value{{System: "urn:x", Code: "a,b"}}}}}},
		{"Patient", "name=%C3%98RJAN&family:exact=Ås&given:contains=Jos%C3%A9", search.Query{Clauses: []search.Clause{
			{Param: "family", Kind: search.String, Values: []search.Value{{Text: "ås", Exact: true}}},
			{Param: "given", Kind: search.String, Values: []search.Value{{Text: "jose", Contains: true}}},
			{Param: "name", Kind: search.String, Values: []search.Value{{Text: "ørjan"}}}}}},
		{"Patient", "birthdate=2013", search.Query{Clauses: []search.Clause{
			{Param: "birthdate", Kind: search.Date, Values: []search.Value{{Prefix: search.Eq, Low: day(2013, 1, 1), High: day(2014, 1, 1)}}}}}},
		{"CarePlan", "date=ge2024-02&date=lt2024-03-01", search.Query{Clauses: []search.Clause{
			{Param: "date", Kind: search.Date, Values: []search.Value{{Prefix: search.Ge, Low: day(2024, 2, 1), High: day(2024, 3, 1)}}},
			{Param: "date", Kind: search.Date, Values: []search.Value{{Prefix: search.Lt, Low: day(2024, 3, 1), High: day(2024, 3, 2)}}}}}},
		{"AuditEvent", "date=gt2024-01-10T12:00:00%2B01:00", search.Query{Clauses: []search.Clause{
			{Param: "date", Kind: search.Date, Values: []search.Value{{Prefix: search.Gt, Low: time.Date(2024, 1, 10, 11, 0, 0, 0, time.UTC), High: time.Date(2024, 1, 10, 11, 0, 1, 0, time.UTC)}}}}}},
		{"CarePlan", "goal:missing=true", search.Query{Clauses: []search.Clause{
			{Param: "goal", Kind: search.Reference, Missing: boolp(true)}}}},
		{"CarePlan", "_id=a,b&_lastUpdated=ge2024-01-01&_lastUpdated=lt2025&_count=20&_offset=40&_sort=-_lastUpdated&_format=application/fhir%2Bjson", search.Query{
			IDs: []string{"a", "b"},
			LastUpdated: []search.Value{{Prefix: search.Ge, Low: day(2024, 1, 1), High: day(2024, 1, 2)},
				{Prefix: search.Lt, Low: day(2025, 1, 1), High: day(2026, 1, 1)}},
			Count: 20, Offset: 40, Sort: search.SortLastUpdatedDesc}},
		{"CarePlan", "_include=CarePlan:goal&_include=CarePlan:care-team:CareTeam", search.Query{Include: []search.Include{
			{SourceType: "CarePlan", Param: "goal"}, {SourceType: "CarePlan", Param: "care-team", TargetType: "CareTeam"}}}},
		{"Task", "owner=Practitioner/pr1&focus=ServiceRequest/sr1&patient=p1", search.Query{Clauses: []search.Clause{
			{Param: "focus", Kind: search.Reference, Values: []search.Value{{RefType: "ServiceRequest", RefID: "sr1"}}},
			{Param: "owner", Kind: search.Reference, Values: []search.Value{{RefType: "Practitioner", RefID: "pr1"}}},
			{Param: "patient", Kind: search.Reference, Values: []search.Value{{RefID: "p1"}}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"?"+tt.query, func(t *testing.T) {
			params, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseSearch(tt.typ, params)
			if err != nil {
				t.Fatalf("ParseSearch: %v", err)
			}
			tt.want.Type = tt.typ
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestParseSearchRefuses(t *testing.T) {
	tests := []struct {
		typ, query, want string
	}{
		{"CarePlan", "foo=bar", `"foo": not a supported search parameter of CarePlan`},
		{"CarePlan", "subject.name=Kari", "chained parameters are not supported"},
		{"CarePlan", "subject:identifier=x", "modifier :identifier is not supported"},
		{"CarePlan", "status:exact=active", "modifier :exact is not supported on a token"},
		{"Patient", "name:not=x", "modifier :not is not supported on a string"},
		{"CarePlan", "subject=Goal/g1", "subject cannot refer to Goal"},
		{"CarePlan", "subject=not a ref", "expected Type/id"},
		{"CarePlan", "subject=http://example.org/fhir/Patient/p1", "expected Type/id"},
		{"CarePlan", "date=xx2024", `unknown prefix "xx"`},
		{"CarePlan", "date=2024-13", "expected a date"},
		{"CarePlan", "date=", "the value is empty"},
		{"CarePlan", "status=a,,b", "empty alternative"},
		{"CarePlan", "status:missing=maybe", "true or false"},
		{"CarePlan", "_count=0", "1 to 1000"},
		{"CarePlan", "_count=1001", "1 to 1000"},
		{"CarePlan", "_count=abc", "1 to 1000"},
		{"CarePlan", "_offset=-1", "0 or more"},
		{"CarePlan", "_sort=date", "only _lastUpdated"},
		{"CarePlan", "_include=CarePlan:status", "not a reference parameter"},
		{"CarePlan", "_include=Goal:subject", "must start with the searched type"},
		{"CarePlan", "_include=CarePlan:goal:Patient", "Patient is not a target"},
		{"CarePlan", "_include:iterate=CarePlan:goal", "not supported"},
		{"CarePlan", "_format=xml", "only JSON"},
		{"CarePlan", "_summary=true", "not supported"},
		{"CarePlan", "_id=a&_id=b", "give it once"},
		{"CarePlan", "_id=a b", "not a valid id"},
		{"CarePlan", "_lastUpdated=2024,2025", "comma"},
		{"Patient", "phonetic=x", "not a supported search parameter"},
		{"Patient", "identifier=a|b|c", "more than one |"},
		{"Basic", "", "unknown resource type"},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"?"+tt.query, func(t *testing.T) {
			params, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ParseSearch(tt.typ, params)
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("want an Invalid error, got %v", err)
			}
			if !strings.Contains(apperr.As(err).Message, tt.want) {
				t.Fatalf("message %q does not contain %q", apperr.As(err).Message, tt.want)
			}
		})
	}
}

func TestSearchParamsCoverTheIssue(t *testing.T) {
	need := map[string][]string{
		"Patient":        {"identifier", "name", "birthdate"},
		"CarePlan":       {"subject", "patient", "status", "category", "date", "goal", "care-team"},
		"Goal":           {"subject", "lifecycle-status"},
		"CareTeam":       {"subject", "status", "participant"},
		"Consent":        {"patient", "status"},
		"ServiceRequest": {"subject", "status", "requester"},
		"Task":           {"owner", "status", "focus", "patient"},
		"EpisodeOfCare":  {"patient", "status", "care-manager"},
		"Communication":  {"subject", "recipient"},
		"AuditEvent":     {"patient", "agent", "date"},
	}
	for typ, codes := range need {
		for _, c := range codes {
			if _, ok := lookupParam(typ, c); !ok {
				t.Errorf("%s:%s is not supported", typ, c)
			}
		}
	}
	// expressions outside our FHIRPath subset are left out, not half-supported
	for _, c := range []string{"deceased", "mothersMaidenName", "phonetic"} {
		if _, ok := lookupParam("Patient", c); ok {
			t.Errorf("Patient:%s should be unsupported", c)
		}
	}
	if _, ok := lookupParam("Encounter", "length"); ok {
		t.Error("quantity parameters are not supported")
	}
}
