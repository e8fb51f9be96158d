package care

import (
	"strings"

	"veiviser/internal/fhir"
)

// PlanFromFHIR reads a plan back from its CarePlan, Goals and CareTeam (the team may be nil).
func PlanFromFHIR(in PlanResources) (IndividualPlan, error) {
	if err := expect(in.CarePlan, "CarePlan"); err != nil {
		return IndividualPlan{}, err
	}
	o := in.CarePlan.Object()
	status, _ := o.String("status")
	p := IndividualPlan{
		ID:              in.CarePlan.ID(),
		Patient:         pathStr(o, "subject", "reference"),
		Title:           pathStr(o, "title"),
		Status:          PlanStatus(status),
		Coordinator:     pathStr(o, "author", "reference"),
		CoordinatorName: pathStr(o, "author", "display"),
		CoordinatorKind: CoordinatorKind(extStr(o, extCoordinatorKind, "Code")),
		OwnContribution: extStr(o, extOwnContribution, "String"),
		Coordination:    extStr(o, extCoordination, "String"),
		Period:          pathPeriod(o, "period"),
		Comments:        commentsFromFHIR(objects(o, "note")),
	}
	for _, ref := range refsOf(o, "supportingInfo") {
		if typeOf(ref) == "Consent" {
			p.ConsentID = idOf(ref)
		}
	}
	for _, s := range extStrs(o, extPlanResource, "String") {
		p.Resources = append(p.Resources, Entry{Text: s})
	}
	for _, s := range extStrs(o, extPlanNeed, "String") {
		p.Needs = append(p.Needs, Entry{Text: s})
	}
	for _, s := range extStrs(o, extEvaluationDate, "DateTime") {
		p.EvaluationDates = append(p.EvaluationDates, parseTime(s))
	}
	for _, e := range extensions(o, extCooperation) {
		p.Cooperation = append(p.Cooperation, Cooperation{Party: extStr(e, "party", "String"), Purpose: extStr(e, "purpose", "String")})
	}
	p.Measures = measuresFromFHIR(p.ID, objects(o, "activity"))
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
		out = append(out, Comment{At: pathTime(n, "time"), Author: pathStr(n, "authorReference", "reference"), Text: pathStr(n, "text")})
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
			ID:          pathStr(a, "id"),
			Title:       pathStr(d, "code", "text"),
			Description: pathStr(d, "description"),
			Status:      MeasureStatus(pathStr(d, "status")),
			Period:      pathPeriod(d, "scheduledPeriod"),
			Scope:       extStr(d, extMeasureScope, "String"),
			DecisionRef: extRef(d, extDecision),
		}
		for _, g := range refsOf(d, "goal") {
			m.Goals = append(m.Goals, localGoalID(planID, g))
		}
		for _, pf := range objects(d, "performer") {
			ref, _ := pf.String("reference")
			name, _ := pf.String("display")
			if typeOf(ref) == "Organization" && m.Provider == "" {
				m.Provider, m.ProviderName = ref, name
			} else {
				m.ResponsiblePerson, m.ResponsibleName = ref, name
			}
		}
		for _, n := range objects(a, "progress") {
			m.Progress = append(m.Progress, ProgressNote{At: pathTime(n, "time"), Author: pathStr(n, "authorReference", "reference"), Text: pathStr(n, "text")})
		}
		out = append(out, m)
	}
	return out
}

func readGoal(p *IndividualPlan, r *fhir.Resource) error {
	if err := expect(r, "Goal"); err != nil {
		return err
	}
	o := r.Object()
	id := localGoalID(p.ID, r.ID())
	status, _ := o.String("lifecycleStatus")
	if status == "proposed" {
		p.GoalProposals = append(p.GoalProposals, GoalProposal{ID: id, Text: pathStr(o, "description", "text"),
			At: pathTime(o, "statusDate"), Author: pathStr(o, "expressedBy", "reference")})
		return nil
	}
	g := Goal{ID: id, Text: pathStr(o, "description", "text"), Status: GoalStatus(status),
		Target: pathStr(o, "target", "detailString"), Due: pathTime(o, "target", "dueDate")}
	if parent := extRef(o, extParentGoal); parent != "" {
		g.Parent = localGoalID(p.ID, parent)
	}
	p.Goals = append(p.Goals, g)
	for _, e := range extensions(o, extGoalEvaluation) {
		p.Evaluations = append(p.Evaluations, Evaluation{Goal: id, At: parseTime(extStr(e, "date", "DateTime")),
			Status: Achievement(extStr(e, "status", "Code")), By: extRef(e, "author"), Note: extStr(e, "note", "String")})
	}
	return nil
}

func readTeam(p *IndividualPlan, r *fhir.Resource) error {
	if err := expect(r, "CareTeam"); err != nil {
		return err
	}
	for _, pt := range objects(r.Object(), "participant") {
		role := Role(conceptsCode(pt, "role", CSParticipantRole))
		ref := pathStr(pt, "member", "reference")
		if role == RoleCoordinator && ref == p.Coordinator {
			if k := conceptsCode(pt, "role", CSCoordinatorKind); k != "" {
				p.CoordinatorKind = CoordinatorKind(k)
			}
			continue // the coordinator is element 3, not one of Participants
		}
		p.Participants = append(p.Participants, Participant{Ref: ref, Name: pathStr(pt, "member", "display"), Role: role,
			Organization: pathStr(pt, "onBehalfOf", "reference"), Period: pathPeriod(pt, "period")})
		if c := extStr(pt, extContribution, "String"); c != "" {
			p.Contributions = append(p.Contributions, Contribution{Participant: ref, Text: c})
		}
	}
	return nil
}
