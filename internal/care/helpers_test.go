package care

import (
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/lawdata"
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

func law(t *testing.T) *lawdata.Table {
	t.Helper()
	tab, err := lawdata.New()
	if err != nil {
		t.Fatal(err)
	}
	return tab
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

// givenConsent is a consent by the citizen on 2026-03-02 to making the plan, sharing measures and
// goals with home nursing until 2026-09-01 and letting the brother read and comment.
func givenConsent(t *testing.T) Consent {
	t.Helper()
	c, err := NewConsent(Consent{ID: "samtykke-1", Patient: patient, GivenBy: patient, GivenAt: at("2026-03-02 10:00"),
		RecordedBy: coordinator, MakePlan: true, Grants: []Grant{
			{Participant: homeNursing, Role: RoleProvider, See: []PlanPart{PartGoalWords, PartMeasures, PartMeasureProgress},
				From: at("2026-03-02 10:00"), Until: at("2026-09-01 00:00")},
			{Participant: relative, Role: RoleRelative, See: []PlanPart{PartGoalWords, PartMeasures},
				Write: []PlanPart{PartComments}, From: at("2026-03-02 10:00")},
		}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func draftPlan() IndividualPlan {
	return IndividualPlan{ID: "plan-1", Patient: patient, Status: PlanDraft, Coordinator: coordinator, CoordinatorName: "Kari Testkoordinator",
		Goals: []Goal{{ID: "g1", Text: "Jeg vil gå til butikken selv igjen.", Target: "500 meter uten hvile", Status: GoalActive}},
		Measures: []Measure{{ID: "m1", Title: "Gangtrening", Provider: physio, Scope: "2 ganger per uke", Status: MeasureInProgress},
			{ID: "m2", Title: "Hjelp med medisiner", Provider: homeNursing, Scope: "daglig", Status: MeasureInProgress}}}
}
