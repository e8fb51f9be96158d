package fhir

import (
	"os"
	"path/filepath"
	"testing"
)

// mustLoad parses testdata/<name>.json.
func mustLoad(t testing.TB, name string) *Resource {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse(data)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return r
}

// mustParse parses inline JSON.
func mustParse(t testing.TB, js string) *Resource {
	t.Helper()
	r, err := Parse([]byte(js))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, js)
	}
	return r
}
