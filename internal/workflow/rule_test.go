package workflow

import (
	"context"
	"errors"
	"strings"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
)

func resource(t *testing.T, js string) *fhir.Resource {
	t.Helper()
	r, err := fhir.Parse([]byte(js))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestChecks: a write reaches the check of its type only, a delete is checked as what it
// was, and Texts bounds the texts of the area's records before the check runs.
func TestChecks(t *testing.T) {
	refused := errors.New("refused")
	var ran []string
	check := func(name string, err error) Check {
		return Refuses(func(context.Context, store.Reader, *fhir.Resource, *fhir.Resource) error {
			ran = append(ran, name)
			return err
		})
	}
	noteFields := func(r *fhir.Resource) ([]kernel.Field, error) {
		return []kernel.Field{{Name: kernel.Text{NB: "Notatet", EN: "The note"}, Value: kernel.PathString(r.Object(), "description"), Max: 10}}, nil
	}
	ours := func(r *fhir.Resource) bool { return kernel.PathString(r.Object(), "status") == "active" }
	rule := Checks{
		"Goal":    check("goal", nil),
		"Consent": check("consent", refused),
		"Task":    Texts(ours, noteFields, check("task", nil)),
	}
	long := strings.Repeat("x", 11)
	tests := []struct {
		name          string
		before, after string
		wantRan       string
		wantErr       bool
	}{
		{"a type of the area", "", `{"resourceType":"Goal","id":"g"}`, "goal", false},
		{"a refusal", "", `{"resourceType":"Consent","id":"c"}`, "consent", true},
		{"a type not the area's", "", `{"resourceType":"Patient","id":"p"}`, "", false},
		{"a delete, checked as what it was", `{"resourceType":"Goal","id":"g"}`, "", "goal", false},
		{"a text over its limit", "", `{"resourceType":"Task","id":"t","status":"active","description":"` + long + `"}`, "", true},
		{"a text within it", "", `{"resourceType":"Task","id":"t","status":"active","description":"kort"}`, "task", false},
		{"another system's record of the type", "", `{"resourceType":"Task","id":"t","status":"draft","description":"` + long + `"}`, "task", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ran = nil
			var before, after *fhir.Resource
			if tc.before != "" {
				before = resource(t, tc.before)
			}
			if tc.after != "" {
				after = resource(t, tc.after)
			}
			_, err := rule.CheckWrite(context.Background(), nil, before, after)
			if (err != nil) != tc.wantErr {
				t.Errorf("error %v, want one: %v", err, tc.wantErr)
			}
			if got := strings.Join(ran, ","); got != tc.wantRan {
				t.Errorf("ran %q, want %q", got, tc.wantRan)
			}
		})
	}
}
