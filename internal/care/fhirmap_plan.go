package care

import (
	"strings"

	"veiviser/internal/fhir"
)

// PlanResources is an individual plan as FHIR: a CarePlan (category individual-plan) with its
// Goals and its CareTeam.
type PlanResources struct {
	CarePlan *fhir.Resource
	Goals    []*fhir.Resource // the goals, sub-goals and (lifecycleStatus proposed) goal proposals
	CareTeam *fhir.Resource
}

// Resource ids: the CarePlan has the plan's id; a goal is <plan id>-<goal id>; the team is
// <plan id>-team.
func goalResourceID(planID, goalID string) string { return planID + "-" + goalID }
func teamResourceID(planID string) string         { return planID + "-team" }

// PlanToFHIR maps the plan. The nine elements land as follows: 1 goals → Goal (description.text
// is the citizen's own words, verbatim; expressedBy the citizen), resources and needs →
// extensions; 2 participants → CareTeam.participant with a role; 3 the coordinator → CarePlan.author
// and a CareTeam participant with role coordinator; 4 the citizen's own contribution → extension,
// the others' → CareTeam.participant extension; 5 and 6 measures → CarePlan.activity.detail
// (provider and person as performer, scope as extension, period, description); coordination →
// extension; 7 period → CarePlan.period, evaluation dates → extensions; 8 consent →
// supportingInfo; 9 cooperation → extensions. Comments are CarePlan.note; progress is
// activity.progress; evaluations are Goal extensions.
func PlanToFHIR(p IndividualPlan) PlanResources {
	out := PlanResources{CareTeam: careTeamToFHIR(p)}
	var goalRefs []any
	for _, g := range p.Goals {
		out.Goals = append(out.Goals, goalToFHIR(p, g))
		goalRefs = append(goalRefs, reference("Goal/"+goalResourceID(p.ID, g.ID)))
	}
	for _, gp := range p.GoalProposals {
		out.Goals = append(out.Goals, proposalToFHIR(p, gp))
		goalRefs = append(goalRefs, reference("Goal/"+goalResourceID(p.ID, gp.ID)))
	}
	out.CarePlan = resource("CarePlan", p.ID,
		"extension", planExtensions(p),
		"status", string(p.Status),
		"intent", "plan",
		"category", list(obj("coding", list(coding(CSPlanCategory, "individual-plan")), "text", "Individuell plan")),
		"title", p.Title,
		"subject", reference(p.Patient),
		"period", period(p.Period),
		"author", referenceNamed(p.Coordinator, p.CoordinatorName),
		"careTeam", list(reference("CareTeam/"+teamResourceID(p.ID))),
		"supportingInfo", list(consentRef(p.ConsentID)),
		"goal", goalRefs,
		"activity", measuresToFHIR(p),
		"note", commentsToFHIR(p.Comments),
	)
	return out
}

func consentRef(id string) *fhir.Object {
	if id == "" {
		return nil
	}
	return reference("Consent/" + id)
}

func planExtensions(p IndividualPlan) []any {
	var exts []any
	for _, e := range p.Resources {
		exts = append(exts, ext(extPlanResource, "String", e.Text))
	}
	for _, e := range p.Needs {
		exts = append(exts, ext(extPlanNeed, "String", e.Text))
	}
	exts = append(exts, ext(extOwnContribution, "String", p.OwnContribution), ext(extCoordination, "String", p.Coordination),
		ext(extCoordinatorKind, "Code", string(p.CoordinatorKind)))
	for _, d := range p.EvaluationDates {
		exts = append(exts, ext(extEvaluationDate, "DateTime", dateTime(d)))
	}
	for _, c := range p.Cooperation {
		exts = append(exts, complexExt(extCooperation, sub("party", "String", c.Party), sub("purpose", "String", c.Purpose)))
	}
	return list(exts...)
}

func measuresToFHIR(p IndividualPlan) []any {
	var acts []any
	for _, m := range p.Measures {
		var goals []any
		for _, g := range m.Goals {
			goals = append(goals, reference("Goal/"+goalResourceID(p.ID, g)))
		}
		var progress []any
		for _, n := range m.Progress {
			progress = append(progress, obj("authorReference", reference(n.Author), "time", dateTime(n.At), "text", n.Text))
		}
		detail := obj(
			"extension", list(ext(extMeasureScope, "String", m.Scope), ext(extDecision, "Reference", reference(m.DecisionRef))),
			"code", textConcept(m.Title),
			"goal", goals,
			"status", string(m.Status),
			"scheduledPeriod", period(m.Period),
			"performer", list(referenceNamed(m.Provider, m.ProviderName), referenceNamed(m.ResponsiblePerson, m.ResponsibleName)),
			"description", m.Description,
		)
		acts = append(acts, obj("id", m.ID, "progress", progress, "detail", detail))
	}
	return acts
}

func commentsToFHIR(cs []Comment) []any {
	var notes []any
	for _, c := range cs {
		notes = append(notes, obj("authorReference", reference(c.Author), "time", dateTime(c.At), "text", c.Text))
	}
	return notes
}

func goalToFHIR(p IndividualPlan, g Goal) *fhir.Resource {
	var exts []any
	if g.Parent != "" {
		exts = append(exts, ext(extParentGoal, "Reference", reference("Goal/"+goalResourceID(p.ID, g.Parent))))
	}
	var latest *Evaluation
	for i, e := range p.Evaluations {
		if e.Goal != g.ID {
			continue
		}
		exts = append(exts, complexExt(extGoalEvaluation, sub("date", "DateTime", dateTime(e.At)),
			sub("status", "Code", string(e.Status)), sub("author", "Reference", reference(e.By)), sub("note", "String", e.Note)))
		if latest == nil || e.At.After(latest.At) {
			latest = &p.Evaluations[i]
		}
	}
	var achievement *fhir.Object
	if latest != nil {
		achievement = concept(csAchievement, string(latest.Status))
	}
	var target []any
	if g.Target != "" || !g.Due.IsZero() {
		target = list(obj("detailString", g.Target, "dueDate", dateOnly(g.Due)))
	}
	status := g.Status
	if status == "" {
		status = GoalActive
	}
	return resource("Goal", goalResourceID(p.ID, g.ID),
		"extension", list(exts...),
		"lifecycleStatus", string(status),
		"achievementStatus", achievement,
		"description", obj("text", g.Text),
		"subject", reference(p.Patient),
		"target", target,
		"expressedBy", reference(p.Patient),
	)
}

func proposalToFHIR(p IndividualPlan, gp GoalProposal) *fhir.Resource {
	return resource("Goal", goalResourceID(p.ID, gp.ID),
		"lifecycleStatus", "proposed",
		"description", obj("text", gp.Text),
		"subject", reference(p.Patient),
		"statusDate", dateOnly(gp.At),
		"expressedBy", reference(gp.Author),
	)
}

func careTeamToFHIR(p IndividualPlan) *fhir.Resource {
	var parts []any
	contributions := map[string]string{}
	for _, c := range p.Contributions {
		contributions[c.Participant] = c.Text
	}
	for _, pt := range p.Participants {
		parts = append(parts, obj(
			"extension", list(ext(extContribution, "String", contributions[pt.Ref])),
			"role", list(concept(CSParticipantRole, string(pt.Role))),
			"member", referenceNamed(pt.Ref, pt.Name),
			"onBehalfOf", reference(pt.Organization),
			"period", period(pt.Period)))
	}
	if p.Coordinator != "" {
		parts = append(parts, CoordinatorParticipant(p.Coordinator, p.CoordinatorName, p.CoordinatorKind, Period{}))
	}
	return resource("CareTeam", teamResourceID(p.ID),
		"status", "active",
		"name", strings.TrimSpace("Ansvarsgruppe "+p.Title),
		"subject", reference(p.Patient),
		"participant", parts,
	)
}

// CoordinatorParticipant is the coordinator as a CareTeam participant: role coordinator, and the
// kind (ordinary, cancer, child, pathway) as a second coding. Use it also for the team of a
// citizen with a coordinator and no plan.
func CoordinatorParticipant(ref, name string, kind CoordinatorKind, p Period) *fhir.Object {
	roles := list(concept(CSParticipantRole, string(RoleCoordinator)))
	if kind != "" {
		roles = append(roles, concept(CSCoordinatorKind, string(kind)))
	}
	return obj("role", roles, "member", referenceNamed(ref, name), "period", period(p))
}
