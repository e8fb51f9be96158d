package plan

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// The stored texts of the records a plan is made of besides its CarePlan, read from one
// resource: what the rules check when a Goal, a CareTeam or a register entry is written alone.

// GoalFields are the texts of one Goal: its words or a proposal's, its target, its evaluations'
// notes.
func GoalFields(r *fhir.Resource) ([]kernel.Field, error) {
	var p IndividualPlan
	if err := readGoal(&p, r); err != nil {
		return nil, err
	}
	return PlanFields(p), nil
}

// TeamFields are the texts of a plan's CareTeam: the participants' names and contributions.
func TeamFields(r *fhir.Resource) ([]kernel.Field, error) {
	var p IndividualPlan
	if err := readTeam(&p, r); err != nil {
		return nil, err
	}
	return PlanFields(p), nil
}
