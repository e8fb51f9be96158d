package plan

import (
	"testing"

	"veiviser/internal/consent"
	"veiviser/internal/kernel"
	"veiviser/internal/testutil/fixture"
)

// givenConsent is a consent by the citizen on 2026-03-02 to making the plan, sharing measures and
// goals with home nursing until 2026-09-01 and letting the brother read and comment.
func givenConsent(t *testing.T) consent.Consent {
	t.Helper()
	c, err := consent.NewConsent(consent.Consent{ID: "samtykke-1", Patient: patient, GivenBy: patient, GivenAt: fixture.At("2026-03-02 10:00"),
		RecordedBy: coordinator, MakePlan: true, Grants: []consent.Grant{
			{Participant: homeNursing, Role: kernel.RoleProvider, See: []consent.PlanPart{consent.PartGoalWords, consent.PartMeasures, consent.PartMeasureProgress},
				From: fixture.At("2026-03-02 10:00"), Until: fixture.At("2026-09-01 00:00")},
			{Participant: relative, Role: kernel.RoleRelative, See: []consent.PlanPart{consent.PartGoalWords, consent.PartMeasures},
				Write: []consent.PlanPart{consent.PartComments}, From: fixture.At("2026-03-02 10:00")},
		}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
