package consent

import (
	"testing"

	"veiviser/internal/kernel"
	"veiviser/internal/testutil/fixture"
)

// givenConsent is a consent by the citizen on 2026-03-02 to making the plan, sharing measures and
// goals with home nursing until 2026-09-01 and letting the brother read and comment.
func givenConsent(t *testing.T) Consent {
	t.Helper()
	c, err := NewConsent(Consent{ID: "samtykke-1", Patient: patient, GivenBy: patient, GivenAt: fixture.At("2026-03-02 10:00"),
		RecordedBy: coordinator, MakePlan: true, Grants: []Grant{
			{Participant: homeNursing, Role: kernel.RoleProvider, See: []PlanPart{PartGoalWords, PartMeasures, PartMeasureProgress},
				From: fixture.At("2026-03-02 10:00"), Until: fixture.At("2026-09-01 00:00")},
			{Participant: relative, Role: kernel.RoleRelative, See: []PlanPart{PartGoalWords, PartMeasures},
				Write: []PlanPart{PartComments}, From: fixture.At("2026-03-02 10:00")},
		}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
