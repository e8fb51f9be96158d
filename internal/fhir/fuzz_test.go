package fhir

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"veiviser/internal/apperr"
)

// seedResources adds every testdata resource and a few inline edge cases.
func seedResources(f *testing.F) {
	f.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed resources: %v", err)
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{
		`{"resourceType":"Patient","_birthDate":{"id":"x"},"multipleBirthInteger":1.50e3}`,
		`{"resourceType":"Goal","description":{"text":"\u00e6\u00f8\u00e5 \u2028 \"q\" \\ \t"},"a":[null,true,false,-0.0]}`,
		`{"resourceType":"X","nested":[[[{}]]],"big":123456789012345678901234567890}`,
	} {
		f.Add([]byte(s))
	}
}

// FuzzParse: whatever Parse accepts, writing it out and reading it back gives the same bytes, and
// validation and indexing never panic.
func FuzzParse(f *testing.F) {
	seedResources(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("Parse error is not Invalid: %v", err)
			}
			return
		}
		out := r.Bytes()
		r2, err := Parse(out)
		if err != nil {
			t.Fatalf("re-parse of our own output failed: %v\n%s", err, out)
		}
		if out2 := r2.Bytes(); !bytes.Equal(out, out2) {
			t.Fatalf("round trip changed the bytes:\n%s\n%s", out, out2)
		}
		if err := Validate(r); err != nil && !apperr.Is(err, apperr.Unprocessable) {
			t.Fatalf("Validate error is not Unprocessable: %v", err)
		}
		Index(r)
		References(r)
	})
}

// FuzzParseSearch: ParseSearch never panics and fails only with apperr.Invalid.
func FuzzParseSearch(f *testing.F) {
	for _, s := range []string{
		"subject=Patient/p1", "patient=p1&status=active,on-hold&_count=10",
		"date=ge2024-01-01T10:00:00%2B01:00&date=lt2025", "_include=CarePlan:goal&_include=CarePlan:care-team:CareTeam",
		"status:not=revoked&goal:missing=true&category=http://snomed.info/sct|734163000",
		`identifier=urn:x|a\,b&_id=a,b&_lastUpdated=gt2024&_sort=-_lastUpdated&_offset=20`,
		"subject:Patient=p1", "activity-date=sa2024-02", "a.b=c", "status=%00", "date=2024-02-30",
	} {
		f.Add("CarePlan", s)
	}
	f.Add("Patient", "name:exact=Ørjan&birthdate=2013&identifier=urn:oid:2.16.578.1.12.4.1.4.1|13031353453")
	f.Add("RiskAssessment", "x=y")
	f.Fuzz(func(t *testing.T, typ, query string) {
		params, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		q, err := ParseSearch(typ, params)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("error is not Invalid: %v", err)
			}
			return
		}
		if q.Type != typ || q.Count < 0 || q.Count > MaxCount || q.Offset < 0 {
			t.Fatalf("bad query %+v", q)
		}
	})
}
