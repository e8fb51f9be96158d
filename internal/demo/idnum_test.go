package demo

import (
	"testing"
	"time"

	"veiviser/internal/fhir"
)

func TestSyntheticNationalID(t *testing.T) {
	for _, tc := range []struct {
		birth time.Time
		n     int
	}{
		{time.Date(1958, 4, 12, 0, 0, 0, 0, time.UTC), 0},
		{time.Date(2015, 11, 30, 0, 0, 0, 0, time.UTC), 1},
		{time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC), 3},
	} {
		id := syntheticNationalID(tc.birth, tc.n)
		if msg := fhir.CheckNorwegianIdentifier(fhir.SystemFNR, id); msg != "" {
			t.Errorf("%s: %s", id, msg)
		}
		if id[2] != '8' && id[2] != '9' {
			t.Errorf("%s: the month has no 80 added, so it could be a real person's", id)
		}
	}
}
