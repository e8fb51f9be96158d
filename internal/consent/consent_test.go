package consent

import (
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/testutil/fixture"
)

func TestNewConsentRefusesAStrangerConsentingForTheCitizen(t *testing.T) {
	_, err := NewConsent(Consent{Patient: patient, GivenBy: relative, GivenAt: fixture.At("2026-03-01")})
	fixture.WantCode(t, err, apperr.Unprocessable)
}

// Rule: a consent marked withdrawn (FHIR status inactive) without the time of withdrawal is not
// in force: it shares nothing, and makes no plan.
func TestWithdrawnWithoutATimeSharesNothing(t *testing.T) {
	c := givenConsent(t)
	c.Status = ConsentWithdrawn
	for _, when := range []string{"2026-03-02 10:00", "2026-04-01 09:29"} {
		if s := SharingAt([]Consent{c}, patient, fixture.At(when)); s.PlanConsent || s.MaySee(homeNursing, PartMeasures) {
			t.Errorf("at %s: %+v, want nothing shared", when, s)
		}
		if _, err := PlanConsent([]Consent{c}, patient, fixture.At(when)); err == nil {
			t.Errorf("at %s: a plan consent in force", when)
		}
	}
}

// Rule: SharingAt is about one citizen: another citizen's consent in the list (its grants, its
// consent to a plan, its guardian) counts for nothing, whoever passes it in.
func TestSharingAtCountsOnlyTheCitizensConsents(t *testing.T) {
	other := givenConsent(t)
	other.Patient = "Patient/someone-else"
	other.ByGuardian, other.GivenBy = true, "RelatedPerson/someone-elses-guardian"
	when := fixture.At("2026-03-10 10:00")
	s := SharingAt([]Consent{other}, patient, when)
	if s.PlanConsent || s.MaySee(homeNursing, PartMeasures) || len(s.Guardians) != 0 || len(s.Access) != 0 {
		t.Errorf("another citizen's consent shared %+v with this citizen's plan", s)
	}
	if got := SharingAt([]Consent{other, givenConsent(t)}, patient, when); !got.MaySee(homeNursing, PartMeasures) || len(got.Guardians) != 0 {
		t.Errorf("with the citizen's own consent beside it: %+v, want its grant and no guardian", got)
	}
	if _, err := PlanConsent([]Consent{other}, patient, when); err == nil {
		t.Error("another citizen's consent is a plan consent in force for this one")
	}
}
