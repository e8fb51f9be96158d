package coordination

import (
	"context"
	"strings"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Which records are the coordinating unit's. The rules act on these and on nothing else: a
// record of the same type that another workflow wrote (a hospital's CareTeam, a treatment
// consent, a lab order) is neither checked, refused nor changed by them. A record is the unit's
// when the element that says what kind it is carries one of the unit's code systems
// (care.CodeSystemBase), or when it is a part of an individual plan by care's resource ids.
// docs/fhir.md lists them per rule.

// isIndividualPlan: a CarePlan with a category in the plan-category code system.
func isIndividualPlan(cp *fhir.Resource) bool { return plan.IsIndividualPlan(cp) }

// isMeeting reports whether an Encounter or Appointment is a responsibility-group meeting: it
// carries the meeting kind or names the plan it belongs to.
func isMeeting(res *fhir.Resource) bool {
	if res == nil {
		return false
	}
	o := res.Object()
	if kernel.HasCoding(o, "type", kernel.CSMeetingKind) || kernel.HasCoding(o, "serviceType", kernel.CSMeetingKind) {
		return true
	}
	for _, e := range kernel.Objects(o, "extension") {
		if u, _ := e.String("url"); u == kernel.ExtensionBase+"plan" {
			return true
		}
	}
	return false
}

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
// (care's resource id, the team PlanToFHIR names in CarePlan.careTeam and the services read).
func planOfTeam(ctx context.Context, rd store.Reader, teamID string) (plan.IndividualPlan, bool, error) {
	planID, ok := strings.CutSuffix(teamID, "-team")
	if !ok || planID == "" {
		return plan.IndividualPlan{}, false, nil
	}
	return planByID(ctx, rd, planID)
}

// planOfGoal is the individual plan a Goal belongs to: by care's resource id (<plan id>-<goal
// id>, which holds for a goal or proposal not yet in the plan's list), or else the individual
// plan that lists it in CarePlan.goal.
func planOfGoal(ctx context.Context, rd store.Reader, goalID string) (plan.IndividualPlan, bool, error) {
	if p, ok, err := planOfPart(ctx, rd, goalID); err != nil || ok {
		return p, ok, err
	}
	cps, err := records.Find(ctx, rd, "CarePlan", "goal", "Goal/"+goalID)
	if err != nil {
		return plan.IndividualPlan{}, false, err
	}
	for _, cp := range cps {
		if isIndividualPlan(cp) {
			p, err := plan.PlanFromFHIR(plan.PlanResources{CarePlan: cp})
			return p, err == nil, err
		}
	}
	return plan.IndividualPlan{}, false, nil
}

// individualPlansOf are the citizen's individual plans, whatever their status.
func individualPlansOf(ctx context.Context, rd store.Reader, patient string) ([]*fhir.Resource, error) {
	cps, err := records.Find(ctx, rd, "CarePlan", "subject", patient)
	if err != nil {
		return nil, err
	}
	var out []*fhir.Resource
	for _, cp := range cps {
		if isIndividualPlan(cp) {
			out = append(out, cp)
		}
	}
	return out, nil
}

// isUnitMessage: a Communication that is the unit's: about an individual plan, or sent by the
// coordinating unit (its letters). Other messages about a citizen are another workflow's.
func (r *Rules) isUnitMessage(ctx context.Context, rd store.Reader, res *fhir.Resource) (bool, error) {
	if res == nil {
		return false, nil
	}
	o := res.Object()
	if kernel.PathString(o, "sender", "reference") == kernel.Ref("Organization", r.env.Unit()) {
		return true, nil
	}
	for _, a := range kernel.Objects(o, "about") {
		id := kernel.IDOfType(kernel.PathString(a, "reference"), "CarePlan")
		if id == "" {
			continue
		}
		if _, ok, err := planByID(ctx, rd, id); err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}
