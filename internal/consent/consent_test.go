package consent

import (
	"testing"

	"veiviser/internal/apperr"
)

func TestNewConsentRefusesAStrangerConsentingForTheCitizen(t *testing.T) {
	_, err := NewConsent(Consent{Patient: patient, GivenBy: relative, GivenAt: at("2026-03-01")})
	wantCode(t, err, apperr.Unprocessable)
}

// Rule: a consent marked withdrawn (FHIR status inactive) without the time of withdrawal is not
// in force: it shares nothing, and makes no plan.
func TestWithdrawnWithoutATimeSharesNothing(t *testing.T) {
	c := givenConsent(t)
	c.Status = ConsentWithdrawn
	for _, when := range []string{"2026-03-02 10:00", "2026-04-01 09:29"} {
		if s := SharingAt([]Consent{c}, patient, at(when)); s.PlanConsent || s.MaySee(homeNursing, PartMeasures) {
			t.Errorf("at %s: %+v, want nothing shared", when, s)
		}
		if _, err := PlanConsent([]Consent{c}, patient, at(when)); err == nil {
			t.Errorf("at %s: a plan consent in force", when)
		}
	}
}
