package fhir

import (
	"os"
	"path/filepath"
	"testing"
)

// benchCarePlan is the workload's CarePlan (workload.md: 3 activities, 3 goals, careTeam) as the
// server stores it, with id and meta: about 1.9 kB.
func benchCarePlan(b *testing.B) []byte {
	b.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "CarePlan.json"))
	if err != nil {
		b.Fatal(err)
	}
	r, err := Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	r.SetID("0f5a4a2e-6c38-4f8b-9b54-3d1f8e4b1a11")
	r.Object().Set("identifier", []any{mustObject(b, `{"system":"urn:care-bench:plan","value":"plan-000123"}`)})
	r.Object().Set("created", "2024-01-01T09:30:00+01:00")
	r.Object().Set("author", mustObject(b, `{"reference":"Practitioner/0f5a4a2e-6c38-4f8b-9b54-3d1f8e4b1a12","display":"Clinician003"}`))
	return r.Bytes()
}

func mustObject(b *testing.B, s string) *Object {
	b.Helper()
	o, err := ParseObject([]byte(s))
	if err != nil {
		b.Fatal(err)
	}
	return o
}

func BenchmarkParseValidateIndexCarePlan(b *testing.B) {
	data := benchCarePlan(b)
	b.ReportAllocs()
	for b.Loop() {
		r, err := Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		if err := Validate(r); err != nil {
			b.Fatal(err)
		}
		if len(Index(r)) == 0 {
			b.Fatal("no entries")
		}
	}
	b.ReportMetric(float64(len(data)), "bytes/doc")
}

func BenchmarkParseCarePlan(b *testing.B) {
	data := benchCarePlan(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkValidateCarePlan(b *testing.B) {
	r, err := Parse(benchCarePlan(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkIndexCarePlan(b *testing.B) {
	r, err := Parse(benchCarePlan(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Index(r)
	}
}
