package coordination

import (
	"context"
	"reflect"
	"slices"
	"time"

	"veiviser/internal/intake"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// Rules is the coordinating unit's rules as a records.Rule, so they hold for every write,
// the FHIR API's included. They act only on the unit's own records (reach.go says how each is
// recognised; docs/fhir.md lists what each rule reads and may change): a record of the same
// type from another workflow is stored as sent and never changed as a consequence.
//   - CarePlan (individual plan): no status active without a consent to making the plan in
//     force (for systems too); a person may change only the parts care.MayEdit lets them, a new
//     plan only the coordinator it names; an individual plan keeps its category.
//   - Consent (to the individual plan): a person may write one only as the citizen, a guardian,
//     the citizen's running coordinator or the coordinating unit's staff; when none is left in
//     force, the citizen's active individual plans go on hold and every participant but the
//     coordinator leaves each plan's CareTeam, in the same transaction, so sharing stops on the
//     next request.
//   - Task (of the unit's task kinds): meeting-action follow-ups are the plan coordinator's to
//     create or change, and their owner's (a person, or a person of the owning organisation) to
//     mark done; an assessment is the unit lead's and must fit the facts; the appointment task
//     is the unit's.
//   - Goal, CareTeam of a plan (rules_parts.go): each change is named as the plan part it
//     touches and checked with care.MayEdit (the citizen's words, targets and evaluations,
//     proposals, participants, the coordinator, contributions); a part is about the plan's
//     citizen. Another team the unit keeps is the running coordinator's or the unit's.
//   - Encounter and Appointment that are responsibility-group meetings, the unit's
//     Communications (rules_meeting.go): meetings are the plan coordinator's; messages are sent
//     in one's own name.
//   - ServiceRequest inquiries, EpisodeOfCare coordinator appointments (rules_inquiry.go): who
//     may send an inquiry for whom and change it; appointments by the managing unit's lead,
//     checked against the register.
//   - Every text these records store, and a register entry's (rules_limits.go), is at most
//     care's limit for it, for every writer.
//
// Rules that say who may write bind people; the structural ones (validity, whom a part is
// about, consent before an active plan) bind system clients too, whom the API trusts for
// authorship. A rule violation is apperr.Unprocessable (422), a role not allowed
// apperr.Forbidden (403).
type Rules struct {
	env     workflow.RuleEnv
	mayEdit EditPermission
}

// EditPermission decides whether an actor may make an edit to a plan under a sharing:
// plan.MayEdit unless WithEditPermission says otherwise.
type EditPermission func(plan.Actor, plan.Edit, plan.IndividualPlan, consent.Sharing) error

// NewRules returns the rules; clock is "now" for consents and periods.
func NewRules(clock func() time.Time) *Rules {
	return &Rules{env: workflow.NewRuleEnv(clock, DefaultUnit), mayEdit: plan.MayEdit}
}

// WithEditPermission replaces plan.MayEdit with f, which sees every evaluation (a test counts
// them with it; f may call plan.MayEdit).
func (r *Rules) WithEditPermission(f EditPermission) *Rules {
	r.mayEdit = f
	return r
}

// permit evaluates the edit permission once per transaction for the same actor, part and plan:
// saving a goal writes the Goal and the CarePlan, and both rules ask. What it rests on (the
// plan, its team, the consents) being written in the transaction asks again.
func (r *Rules) permit(ctx context.Context, a plan.Actor, e plan.Edit, ip plan.IndividualPlan, sh consent.Sharing) error {
	key := "may-edit|" + ip.ID + "|" + string(a.Role) + "|" + a.Ref + "|" + a.Organization + "|" + string(e.Part) + "|" + e.Owner
	_, err := records.Remember(ctx, key, []string{"CarePlan", "CareTeam", "Consent"}, func() (bool, error) {
		return true, r.mayEdit(a, e, ip, sh)
	})
	return err
}

// WithUnit names the coordinating unit's Organization id (default DefaultUnit).
func (r *Rules) WithUnit(unit string) *Rules {
	r.env = workflow.NewRuleEnv(r.env.Now, unit)
	return r
}

var _ records.Rule = (*Rules)(nil)

// areas are the rules that live in their area's package, run first.
func (r *Rules) areas() []records.Rule {
	return []records.Rule{coordinators.NewRule(), intake.NewRule(), consent.NewRule(r.env)}
}

// CheckWrite implements records.Rule.
func (r *Rules) CheckWrite(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
	var out []*fhir.Resource
	for _, rule := range r.areas() {
		more, err := rule.CheckWrite(ctx, rd, before, after)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	more, err := r.rest(ctx, rd, before, after)
	if err != nil {
		return nil, err
	}
	return append(out, more...), nil
}

// rest is the rules still here.
func (r *Rules) rest(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
	res := after
	if res == nil {
		res = before
	}
	if res == nil {
		return nil, nil
	}
	if err := textLimits(before, after); err != nil {
		return nil, err
	}
	switch res.Type() {
	case "CarePlan":
		return nil, r.carePlan(ctx, rd, before, after)
	case "Consent":
		return r.withdrawal(ctx, rd, before, after)
	case "Task":
		return nil, r.task(ctx, rd, before, after)
	case "Goal":
		return nil, r.goal(ctx, rd, before, after)
	case "CareTeam":
		return nil, r.careTeam(ctx, rd, before, after)
	case "Encounter", "Appointment":
		return nil, r.meeting(ctx, rd, before, after)
	case "Communication":
		return nil, r.communication(ctx, rd, before, after)
	}
	return nil, nil
}

// carePlan: the consent rule, then who may edit which part. A CarePlan of another category is
// not the unit's; an individual plan stays one (its category is not taken away), and a CarePlan
// that becomes one is checked as a new plan.
func (r *Rules) carePlan(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	wasPlan, isPlan := isIndividualPlan(before), isIndividualPlan(after)
	switch {
	case wasPlan && after == nil:
		if p, ok := access.Person(ctx); ok && !p.Has(access.Administrator) {
			return kernel.Text{NB: "En individuell plan slettes ikke; den avsluttes.", EN: "An individual plan is not deleted; it is completed."}.Err(apperr.Forbidden)
		}
		return nil
	case wasPlan && !isPlan:
		return kernel.Text{NB: "En individuell plan beholder kategorien sin; den avsluttes, den gjøres ikke om til en annen plan.",
			EN: "An individual plan keeps its category; it is completed, not turned into another kind of plan."}.Err(apperr.Unprocessable)
	case !isPlan:
		return nil
	case !wasPlan:
		before = nil // a CarePlan becomes an individual plan: a new plan
	}
	newPlan, err := plan.PlanFromFHIR(plan.PlanResources{CarePlan: after})
	if err != nil {
		return err
	}
	consents, err := consent.InTx(ctx, rd, newPlan.Patient)
	if err != nil {
		return err
	}
	now := r.env.Now()
	if newPlan.Status == plan.PlanActive {
		if _, err := consent.PlanConsent(consents, newPlan.Patient, now); err != nil {
			return err
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	sh := consent.SharingAt(consents, newPlan.Patient, now)
	if before == nil {
		if a := actorFor(p, newPlan, sh); a.Role != kernel.RoleCoordinator || a.Ref != newPlan.Coordinator {
			return kernel.Text{NB: "Bare koordinatoren som står i planen kan opprette den.", EN: "Only the coordinator the plan names may create it."}.Err(apperr.Forbidden)
		}
		return nil
	}
	oldPlan, err := plan.PlanFromFHIR(plan.PlanResources{CarePlan: before})
	if err != nil {
		return err
	}
	a := actorFor(p, oldPlan, sh)
	for _, e := range changedParts(ctx, rd, oldPlan, newPlan) {
		if err := r.permit(ctx, a, e, oldPlan, sh); err != nil {
			return err
		}
	}
	return nil
}

// changedParts lists the parts of the plan a write changes, as read from the CarePlan alone.
func changedParts(ctx context.Context, rd store.Reader, a, b plan.IndividualPlan) []plan.Edit {
	var out []plan.Edit
	add := func(changed bool, part consent.PlanPart) {
		if changed {
			out = append(out, plan.Edit{Part: part})
		}
	}
	ne := func(x, y any) bool { return !reflect.DeepEqual(x, y) }
	add(a.Title != b.Title || a.Status != b.Status || a.ConsentID != b.ConsentID, consent.PartPeriod)
	add(ne(a.Period, b.Period) || ne(a.EvaluationDates, b.EvaluationDates), consent.PartPeriod)
	add(a.Coordinator != b.Coordinator || a.CoordinatorKind != b.CoordinatorKind, consent.PartCoordinator)
	add(ne(a.Resources, b.Resources), consent.PartResources)
	add(ne(a.Needs, b.Needs), consent.PartNeeds)
	add(a.OwnContribution != b.OwnContribution, consent.PartOwnContribution)
	add(a.Coordination != b.Coordination, consent.PartCoordination)
	add(ne(a.Cooperation, b.Cooperation), consent.PartCooperation)
	add(ne(a.Comments, b.Comments), consent.PartComments)
	add(ne(withoutProgress(a.Measures), withoutProgress(b.Measures)), consent.PartMeasures)
	for _, m := range b.Measures {
		i := slices.IndexFunc(a.Measures, func(x plan.Measure) bool { return x.ID == m.ID })
		if i >= 0 && (ne(a.Measures[i].Progress, m.Progress) || a.Measures[i].Status != m.Status) {
			out = append(out, plan.Edit{Part: consent.PartMeasureProgress, Owner: a.Measures[i].Provider})
		}
	}
	out = append(out, goalEdits(ctx, rd, goalRefs(a), goalRefs(b))...)
	return out
}

func withoutProgress(ms []plan.Measure) []plan.Measure {
	out := slices.Clone(ms)
	for i := range out {
		out[i].Progress, out[i].Status = nil, "" // the provider reports both
	}
	return out
}

// goalRefs are the Goal references of a plan read from its CarePlan alone.
func goalRefs(p plan.IndividualPlan) []string {
	var out []string
	for _, g := range plan.PlanToFHIR(p).Goals {
		out = append(out, g.ID())
	}
	return out
}

// goalEdits: a new goal proposal is the citizen's part; any other change of the goal list is
// the plan's structure (the coordinator's).
func goalEdits(ctx context.Context, rd store.Reader, a, b []string) []plan.Edit {
	var out []plan.Edit
	for _, id := range b {
		if slices.Contains(a, id) {
			continue
		}
		part := consent.PartGoalTargets
		if rec, err := rd.Get(ctx, "Goal", id); err == nil {
			if g := records.Parsed(rec); g != nil && kernel.PathString(g.Object(), "lifecycleStatus") == "proposed" {
				part = consent.PartGoalProposals
			}
		}
		out = append(out, plan.Edit{Part: part})
	}
	for _, id := range a {
		if !slices.Contains(b, id) {
			out = append(out, plan.Edit{Part: consent.PartGoalTargets})
			break
		}
	}
	return out
}
