package plan

import (
	"strings"

	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
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
		goalRefs = append(goalRefs, kernel.Reference("Goal/"+goalResourceID(p.ID, g.ID)))
	}
	for _, gp := range p.GoalProposals {
		out.Goals = append(out.Goals, proposalToFHIR(p, gp))
		goalRefs = append(goalRefs, kernel.Reference("Goal/"+goalResourceID(p.ID, gp.ID)))
	}
	out.CarePlan = kernel.NewResource("CarePlan", p.ID,
		"extension", planExtensions(p),
		"status", string(p.Status),
		"intent", "plan",
		"category", kernel.List(kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSPlanCategory, "individual-plan")), "text", "Individuell plan")),
		"title", p.Title,
		"subject", kernel.Reference(p.Patient),
		"period", kernel.FHIRPeriod(p.Period),
		"author", kernel.ReferenceNamed(p.Coordinator, p.CoordinatorName),
		"careTeam", kernel.List(kernel.Reference("CareTeam/"+teamResourceID(p.ID))),
		"supportingInfo", kernel.List(consentRef(p.ConsentID)),
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
	return kernel.Reference("Consent/" + id)
}

func planExtensions(p IndividualPlan) []any {
	var exts []any
	for _, e := range p.Resources {
		exts = append(exts, kernel.Ext(kernel.ExtPlanResource, "String", e.Text))
	}
	for _, e := range p.Needs {
		exts = append(exts, kernel.Ext(kernel.ExtPlanNeed, "String", e.Text))
	}
	exts = append(exts, kernel.Ext(kernel.ExtOwnContribution, "String", p.OwnContribution), kernel.Ext(kernel.ExtCoordination, "String", p.Coordination),
		kernel.Ext(kernel.ExtCoordinatorKind, "Code", string(p.CoordinatorKind)))
	for _, d := range p.EvaluationDates {
		exts = append(exts, kernel.Ext(kernel.ExtEvaluationDate, "DateTime", kernel.DateTime(d)))
	}
	for _, c := range p.Cooperation {
		exts = append(exts, kernel.ComplexExt(kernel.ExtCooperation, kernel.SubExt("party", "String", c.Party), kernel.SubExt("purpose", "String", c.Purpose)))
	}
	return kernel.List(exts...)
}

func measuresToFHIR(p IndividualPlan) []any {
	var acts []any
	for _, m := range p.Measures {
		var goals []any
		for _, g := range m.Goals {
			goals = append(goals, kernel.Reference("Goal/"+goalResourceID(p.ID, g)))
		}
		var progress []any
		for _, n := range m.Progress {
			progress = append(progress, kernel.ObjectOf("authorReference", kernel.Reference(n.Author), "time", kernel.DateTime(n.At), "text", n.Text))
		}
		detail := kernel.ObjectOf(
			"extension", kernel.List(kernel.Ext(kernel.ExtMeasureScope, "String", m.Scope), kernel.Ext(kernel.ExtDecision, "Reference", kernel.Reference(m.DecisionRef))),
			"code", kernel.TextConcept(m.Title),
			"goal", goals,
			"status", string(m.Status),
			"scheduledPeriod", kernel.FHIRPeriod(m.Period),
			"performer", kernel.List(kernel.ReferenceNamed(m.Provider, m.ProviderName), kernel.ReferenceNamed(m.ResponsiblePerson, m.ResponsibleName)),
			"description", m.Description,
		)
		acts = append(acts, kernel.ObjectOf("id", m.ID, "progress", progress, "detail", detail))
	}
	return acts
}

func commentsToFHIR(cs []Comment) []any {
	var notes []any
	for _, c := range cs {
		notes = append(notes, kernel.ObjectOf("authorReference", kernel.Reference(c.Author), "time", kernel.DateTime(c.At), "text", c.Text))
	}
	return notes
}

func goalToFHIR(p IndividualPlan, g Goal) *fhir.Resource {
	var exts []any
	if g.Parent != "" {
		exts = append(exts, kernel.Ext(kernel.ExtParentGoal, "Reference", kernel.Reference("Goal/"+goalResourceID(p.ID, g.Parent))))
	}
	if g.WordsFrom != "" {
		exts = append(exts, kernel.Ext(kernel.ExtWordsFromProposal, "Reference", kernel.Reference("Goal/"+goalResourceID(p.ID, g.WordsFrom))))
	}
	var latest *Evaluation
	for i, e := range p.Evaluations {
		if e.Goal != g.ID {
			continue
		}
		exts = append(exts, kernel.ComplexExt(kernel.ExtGoalEvaluation, kernel.SubExt("date", "DateTime", kernel.DateTime(e.At)),
			kernel.SubExt("status", "Code", string(e.Status)), kernel.SubExt("author", "Reference", kernel.Reference(e.By)), kernel.SubExt("note", "String", e.Note)))
		if latest == nil || e.At.After(latest.At) {
			latest = &p.Evaluations[i]
		}
	}
	var achievement *fhir.Object
	if latest != nil {
		achievement = kernel.Concept(kernel.CSAchievement, string(latest.Status))
	}
	var target []any
	if g.Target != "" || !g.Due.IsZero() {
		target = kernel.List(kernel.ObjectOf("detailString", g.Target, "dueDate", kernel.DateOnly(g.Due)))
	}
	status := g.Status
	if status == "" {
		status = GoalActive
	}
	return kernel.NewResource("Goal", goalResourceID(p.ID, g.ID),
		"extension", kernel.List(exts...),
		"lifecycleStatus", string(status),
		"achievementStatus", achievement,
		"description", kernel.ObjectOf("text", g.Text),
		"subject", kernel.Reference(p.Patient),
		"target", target,
		"expressedBy", kernel.Reference(p.Patient),
	)
}

func proposalToFHIR(p IndividualPlan, gp GoalProposal) *fhir.Resource {
	return kernel.NewResource("Goal", goalResourceID(p.ID, gp.ID),
		"lifecycleStatus", "proposed",
		"description", kernel.ObjectOf("text", gp.Text),
		"subject", kernel.Reference(p.Patient),
		"statusDate", kernel.DateOnly(gp.At),
		"expressedBy", kernel.Reference(gp.Author),
	)
}

func careTeamToFHIR(p IndividualPlan) *fhir.Resource {
	var parts []any
	contributions := map[string]string{}
	for _, c := range p.Contributions {
		contributions[c.Participant] = c.Text
	}
	for _, pt := range p.Participants {
		parts = append(parts, kernel.ObjectOf(
			"extension", kernel.List(kernel.Ext(kernel.ExtContribution, "String", contributions[pt.Ref])),
			"role", kernel.List(kernel.Concept(kernel.CSParticipantRole, string(pt.Role))),
			"member", kernel.ReferenceNamed(pt.Ref, pt.Name),
			"onBehalfOf", kernel.Reference(pt.Organization),
			"period", kernel.FHIRPeriod(pt.Period)))
	}
	if p.Coordinator != "" {
		parts = append(parts, CoordinatorParticipant(p.Coordinator, p.CoordinatorName, p.CoordinatorKind, kernel.Period{}))
	}
	return kernel.NewResource("CareTeam", teamResourceID(p.ID),
		"status", "active",
		"name", strings.TrimSpace("Ansvarsgruppe "+p.Title),
		"subject", kernel.Reference(p.Patient),
		"participant", parts,
	)
}

// CoordinatorParticipant is the coordinator as a CareTeam participant: role coordinator, and the
// kind (ordinary, cancer, child, pathway) as a second coding. Use it also for the team of a
// citizen with a coordinator and no plan.
func CoordinatorParticipant(ref, name string, kind coordinators.CoordinatorKind, p kernel.Period) *fhir.Object {
	roles := kernel.List(kernel.Concept(kernel.CSParticipantRole, string(kernel.RoleCoordinator)))
	if kind != "" {
		roles = append(roles, kernel.Concept(kernel.CSCoordinatorKind, string(kind)))
	}
	return kernel.ObjectOf("role", roles, "member", kernel.ReferenceNamed(ref, name), "period", kernel.FHIRPeriod(p))
}
