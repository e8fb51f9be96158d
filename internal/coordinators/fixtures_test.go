package coordinators

import (
	"testing"
	"time"

	"veiviser/internal/apperr"
)

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
