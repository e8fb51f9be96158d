package plan

import (
	"context"
	"strings"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Which records are the plan's (the rules act on these and nothing else: a hospital's CareTeam
// is stored as sent): an individual plan is a CarePlan with a category in the plan-category code
// system (IsIndividualPlan); its Goals and CareTeam are its parts by the resource ids PlanToFHIR
// gives them; a coordinator's team is a CareTeam with a participant role of the unit's.

// isCoordinatorTeam: a CareTeam with a participant whose role is in the unit's participant-role
// code system (a team the unit keeps, such as a coordinator's team of a citizen without a plan).
func isCoordinatorTeam(t *fhir.Resource) bool {
	if t == nil {
		return false
	}
	for _, pt := range kernel.Objects(t.Object(), "participant") {
		if kernel.HasCoding(pt, "role", kernel.CSParticipantRole) {
			return true
		}
	}
	return false
}

// planOfTeam is the individual plan whose CareTeam this is: the team's id is <plan id>-team
// (the plan's resource id, the team PlanToFHIR names in CarePlan.careTeam and the services read).
func planOfTeam(ctx context.Context, rd store.Reader, teamID string) (IndividualPlan, bool, error) {
	planID, ok := strings.CutSuffix(teamID, "-team")
	if !ok || planID == "" {
		return IndividualPlan{}, false, nil
	}
	return ByID(ctx, rd, planID)
}

// planOfGoal is the individual plan a Goal belongs to: by the plan's resource id (<plan id>-<goal
// id>, which holds for a goal or proposal not yet in the plan's list), or else the individual
// plan that lists it in CarePlan.goal.
func planOfGoal(ctx context.Context, rd store.Reader, goalID string) (IndividualPlan, bool, error) {
	if p, ok, err := planOfPart(ctx, rd, goalID); err != nil || ok {
		return p, ok, err
	}
	cps, err := records.Find(ctx, rd, "CarePlan", "goal", "Goal/"+goalID)
	if err != nil {
		return IndividualPlan{}, false, err
	}
	for _, cp := range cps {
		if IsIndividualPlan(cp) {
			p, err := PlanFromFHIR(PlanResources{CarePlan: cp})
			return p, err == nil, err
		}
	}
	return IndividualPlan{}, false, nil
}

// individualPlansOf are the citizen's individual plans, whatever their status.
func individualPlansOf(ctx context.Context, rd store.Reader, patient string) ([]*fhir.Resource, error) {
	cps, err := records.Find(ctx, rd, "CarePlan", "subject", patient)
	if err != nil {
		return nil, err
	}
	var out []*fhir.Resource
	for _, cp := range cps {
		if IsIndividualPlan(cp) {
			out = append(out, cp)
		}
	}
	return out, nil
}
