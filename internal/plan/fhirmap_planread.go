package plan

import (
	"strings"

	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// PlanFromFHIR reads a plan back from its CarePlan, Goals and CareTeam (the team may be nil).
func PlanFromFHIR(in PlanResources) (IndividualPlan, error) {
	if err := kernel.Expect(in.CarePlan, "CarePlan"); err != nil {
		return IndividualPlan{}, err
	}
	o := in.CarePlan.Object()
	status, _ := o.String("status")
	p := IndividualPlan{
		ID:              in.CarePlan.ID(),
		Patient:         kernel.PathString(o, "subject", "reference"),
		Title:           kernel.PathString(o, "title"),
		Status:          PlanStatus(status),
		Coordinator:     kernel.PathString(o, "author", "reference"),
		CoordinatorName: kernel.PathString(o, "author", "display"),
		CoordinatorKind: coordinators.CoordinatorKind(kernel.ExtString(o, kernel.ExtCoordinatorKind, "Code")),
		OwnContribution: kernel.ExtString(o, kernel.ExtOwnContribution, "String"),
		Coordination:    kernel.ExtString(o, kernel.ExtCoordination, "String"),
		Period:          kernel.PathPeriod(o, "period"),
		Comments:        commentsFromFHIR(kernel.Objects(o, "note")),
	}
	for _, ref := range kernel.RefsOf(o, "supportingInfo") {
		if kernel.TypeOf(ref) == "Consent" {
			p.ConsentID = kernel.RefID(ref)
		}
	}
	for _, s := range kernel.ExtStrings(o, kernel.ExtPlanResource, "String") {
		p.Resources = append(p.Resources, Entry{Text: s})
	}
	for _, s := range kernel.ExtStrings(o, kernel.ExtPlanNeed, "String") {
		p.Needs = append(p.Needs, Entry{Text: s})
	}
	for _, s := range kernel.ExtStrings(o, kernel.ExtEvaluationDate, "DateTime") {
		p.EvaluationDates = append(p.EvaluationDates, kernel.ParseTime(s))
	}
	for _, e := range kernel.Extensions(o, kernel.ExtCooperation) {
		p.Cooperation = append(p.Cooperation, Cooperation{Party: kernel.ExtString(e, "party", "String"), Purpose: kernel.ExtString(e, "purpose", "String")})
	}
	p.Measures = measuresFromFHIR(p.ID, kernel.Objects(o, "activity"))
	for _, g := range in.Goals {
		if err := readGoal(&p, g); err != nil {
			return IndividualPlan{}, err
		}
	}
	if in.CareTeam != nil {
		if err := readTeam(&p, in.CareTeam); err != nil {
			return IndividualPlan{}, err
		}
	}
	return p, nil
}

func commentsFromFHIR(notes []*fhir.Object) []Comment {
	var out []Comment
	for _, n := range notes {
		out = append(out, Comment{At: kernel.PathTime(n, "time"), Author: kernel.PathString(n, "authorReference", "reference"), Text: kernel.PathString(n, "text")})
	}
	return out
}

// localGoalID strips the plan prefix from a Goal reference or id.
func localGoalID(planID, ref string) string {
	return strings.TrimPrefix(strings.TrimPrefix(ref, "Goal/"), planID+"-")
}

func measuresFromFHIR(planID string, acts []*fhir.Object) []Measure {
	var out []Measure
	for _, a := range acts {
		d, _ := a.Object("detail")
		if d == nil {
			continue
		}
		m := Measure{
			ID:          kernel.PathString(a, "id"),
			Title:       kernel.PathString(d, "code", "text"),
			Description: kernel.PathString(d, "description"),
			Status:      MeasureStatus(kernel.PathString(d, "status")),
			Period:      kernel.PathPeriod(d, "scheduledPeriod"),
			Scope:       kernel.ExtString(d, kernel.ExtMeasureScope, "String"),
			DecisionRef: kernel.ExtRef(d, kernel.ExtDecision),
		}
		for _, g := range kernel.RefsOf(d, "goal") {
			m.Goals = append(m.Goals, localGoalID(planID, g))
		}
		for _, pf := range kernel.Objects(d, "performer") {
			ref, _ := pf.String("reference")
			name, _ := pf.String("display")
			if kernel.TypeOf(ref) == "Organization" && m.Provider == "" {
				m.Provider, m.ProviderName = ref, name
			} else {
				m.ResponsiblePerson, m.ResponsibleName = ref, name
			}
		}
		for _, n := range kernel.Objects(a, "progress") {
			m.Progress = append(m.Progress, ProgressNote{At: kernel.PathTime(n, "time"), Author: kernel.PathString(n, "authorReference", "reference"), Text: kernel.PathString(n, "text")})
		}
		out = append(out, m)
	}
	return out
}

func readGoal(p *IndividualPlan, r *fhir.Resource) error {
	if err := kernel.Expect(r, "Goal"); err != nil {
		return err
	}
	o := r.Object()
	id := localGoalID(p.ID, r.ID())
	status, _ := o.String("lifecycleStatus")
	if status == "proposed" {
		p.GoalProposals = append(p.GoalProposals, GoalProposal{ID: id, Text: kernel.PathString(o, "description", "text"),
			At: kernel.PathTime(o, "statusDate"), Author: kernel.PathString(o, "expressedBy", "reference")})
		return nil
	}
	g := Goal{ID: id, Text: kernel.PathString(o, "description", "text"), Status: GoalStatus(status),
		Target: kernel.PathString(o, "target", "detailString"), Due: kernel.PathTime(o, "target", "dueDate")}
	if parent := kernel.ExtRef(o, kernel.ExtParentGoal); parent != "" {
		g.Parent = localGoalID(p.ID, parent)
	}
	if from := kernel.ExtRef(o, kernel.ExtWordsFromProposal); from != "" {
		g.WordsFrom = localGoalID(p.ID, from)
	}
	p.Goals = append(p.Goals, g)
	for _, e := range kernel.Extensions(o, kernel.ExtGoalEvaluation) {
		p.Evaluations = append(p.Evaluations, Evaluation{Goal: id, At: kernel.ParseTime(kernel.ExtString(e, "date", "DateTime")),
			Status: Achievement(kernel.ExtString(e, "status", "Code")), By: kernel.ExtRef(e, "author"), Note: kernel.ExtString(e, "note", "String")})
	}
	return nil
}

func readTeam(p *IndividualPlan, r *fhir.Resource) error {
	if err := kernel.Expect(r, "CareTeam"); err != nil {
		return err
	}
	for _, pt := range kernel.Objects(r.Object(), "participant") {
		role := kernel.Role(kernel.ConceptsCode(pt, "role", kernel.CSParticipantRole))
		ref := kernel.PathString(pt, "member", "reference")
		if role == kernel.RoleCoordinator && ref == p.Coordinator {
			if k := kernel.ConceptsCode(pt, "role", kernel.CSCoordinatorKind); k != "" {
				p.CoordinatorKind = coordinators.CoordinatorKind(k)
			}
			continue // the coordinator is element 3, not one of Participants
		}
		p.Participants = append(p.Participants, Participant{Ref: ref, Name: kernel.PathString(pt, "member", "display"), Role: role,
			Organization: kernel.PathString(pt, "onBehalfOf", "reference"), Period: kernel.PathPeriod(pt, "period")})
		if c := kernel.ExtString(pt, kernel.ExtContribution, "String"); c != "" {
			p.Contributions = append(p.Contributions, Contribution{Participant: ref, Text: c})
		}
	}
	return nil
}
