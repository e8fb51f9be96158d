package consent

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
)

// utc reads "2006-01-02 15:04" or "2006-01-02" in UTC: FHIR dates (a goal's due date) have no
// zone, so test data for round trips is in UTC.
func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		t, err = time.Parse(time.DateOnly, s)
	}
	if err != nil {
		panic(err)
	}
	return t
}

// checkFHIR validates r, checks each local reference targets a type the element allows, and
// returns r as it comes back from its own JSON (what the store would hand out).
func checkFHIR(t *testing.T, r *fhir.Resource) *fhir.Resource {
	t.Helper()
	if err := fhir.Validate(r); err != nil {
		t.Fatalf("%s does not validate: %v\n%s", r.Type(), err, r.Bytes())
	}
	for _, ref := range fhir.References(r) {
		if ref.Type == "" {
			t.Errorf("%s: %s is not a local Type/id reference", ref.Path, ref.Reference)
		}
		if len(ref.Allowed) > 0 && !slices.Contains(ref.Allowed, ref.Type) {
			t.Errorf("%s may not point at a %s (%s)", ref.Path, ref.Type, ref.Reference)
		}
	}
	back, err := fhir.Parse(r.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	return back
}

func same(t *testing.T, what string, want, got any) {
	t.Helper()
	w, _ := json.MarshalIndent(want, "", " ")
	g, _ := json.MarshalIndent(got, "", " ")
	if string(w) == string(g) {
		return
	}
	wl, gl := strings.Split(string(w), "\n"), strings.Split(string(g), "\n")
	for i := range min(len(wl), len(gl)) {
		if wl[i] != gl[i] {
			t.Errorf("%s changed on the round trip at line %d:\nwant %s\n got %s", what, i+1, wl[i], gl[i])
			return
		}
	}
	t.Errorf("%s changed on the round trip: %d lines, want %d", what, len(gl), len(wl))
}

// Fictional people; identity numbers appear only in the FHIR tests, and are synthetic.
const (
	patient     = "Patient/ingrid-test"
	guardian    = "RelatedPerson/foresatt-test"
	relative    = "RelatedPerson/bror-test"
	coordinator = "Practitioner/koordinator-test"
	otherCoord  = "Practitioner/koordinator-annen"
	homeNursing = "Organization/hjemmesykepleie-test"
	physio      = "Organization/fysioterapi-test"
)

var cet = time.FixedZone("CET", 3600)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, cet)
	if err != nil {
		t, err = time.ParseInLocation(time.DateOnly, s, cet)
	}
	if err != nil {
		panic(err)
	}
	return t
}

func wantCode(t *testing.T, err error, code apperr.Code) {
	t.Helper()
	if code == "" {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	if !apperr.Is(err, code) {
		t.Fatalf("got %v, want a %s error", err, code)
	}
}
