package plan

import (
	"context"
	"reflect"
	"slices"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// Rule is the individual plan's write rule (a records.Rule), over the records a plan is made of:
//   - CarePlan (individual plan): no status active without a consent to making the plan in
//     force (for systems too); a person may change only the parts MayEdit lets them, a new
//     plan only the coordinator it names; an individual plan keeps its category.
//   - Goal, CareTeam of a plan (rule_parts.go): each change is named as the plan part it
//     touches and checked with MayEdit (the citizen's words, targets and evaluations,
//     proposals, participants, the coordinator, contributions); a part is about the plan's
//     citizen. Another team the unit keeps is the running coordinator's or the unit's.
//   - Consent (rule_withdrawal.go): when a write leaves no consent to making the plan in force,
//     the citizen's active individual plans go on hold and every participant but the
//     coordinator leaves each plan's CareTeam, in the same transaction, so sharing stops on the
//     next request.
//   - Every text these records store is at most its limit, for every writer.
//
// Rules that say who may write bind people; the structural ones bind system clients too. The
// consents and the edit permission are read and evaluated once per transaction.
type Rule struct {
	env     workflow.RuleEnv
	mayEdit EditPermission
}

var _ records.Rule = Rule{}

// EditPermission decides whether an actor may make an edit to a plan under a sharing: MayEdit,
// or what a caller puts in its place to watch every evaluation (a test counts them).
type EditPermission func(Actor, Edit, IndividualPlan, consent.Sharing) error

// NewRule returns the rule of the unit env names; mayEdit nil is MayEdit.
func NewRule(env workflow.RuleEnv, mayEdit EditPermission) Rule {
	if mayEdit == nil {
		mayEdit = MayEdit
	}
	return Rule{env: env, mayEdit: mayEdit}
}

// permit evaluates the edit permission once per transaction for the same actor, part and plan:
// saving a goal writes the Goal and the CarePlan, and both rules ask. What it rests on (the
// plan, its team, the consents) being written in the transaction asks again.
func (r Rule) permit(ctx context.Context, a Actor, e Edit, ip IndividualPlan, sh consent.Sharing) error {
	key := "may-edit|" + ip.ID + "|" + string(a.Role) + "|" + a.Ref + "|" + a.Organization + "|" + string(e.Part) + "|" + e.Owner
	_, err := records.Remember(ctx, key, []string{"CarePlan", "CareTeam", "Consent"}, func() (bool, error) {
		return true, r.mayEdit(a, e, ip, sh)
	})
	return err
}

// CheckWrite implements records.Rule.
func (r Rule) CheckWrite(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
	return workflow.Checks{
		"CarePlan": workflow.Texts(IsIndividualPlan, planTexts, workflow.Refuses(r.carePlan)),
		"Goal":     workflow.Texts(nil, GoalFields, workflow.Refuses(r.goal)),
		"CareTeam": workflow.Texts(nil, TeamFields, workflow.Refuses(r.careTeam)),
		"Consent":  r.withdrawal,
	}.CheckWrite(ctx, rd, before, after)
}

func planTexts(r *fhir.Resource) ([]kernel.Field, error) {
	p, err := PlanFromFHIR(PlanResources{CarePlan: r})
	return PlanFields(p), err
}

// carePlan: the consent rule, then who may edit which part. A CarePlan of another category is
// not the unit's; an individual plan stays one (its category is not taken away), and a CarePlan
// that becomes one is checked as a new plan.
func (r Rule) carePlan(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	wasPlan, isPlan := IsIndividualPlan(before), IsIndividualPlan(after)
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
	newPlan, err := PlanFromFHIR(PlanResources{CarePlan: after})
	if err != nil {
		return err
	}
	if err := decisionsOfThePatient(ctx, rd, newPlan); err != nil {
		return err
	}
	consents, err := consent.InTx(ctx, rd, newPlan.Patient)
	if err != nil {
		return err
	}
	now := r.env.Now()
	if newPlan.Status == PlanActive {
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
	oldPlan, err := PlanFromFHIR(PlanResources{CarePlan: before})
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

// decisionsOfThePatient: a measure linked to a decision names a decision (a ServiceRequest of
// intent order) about the plan's citizen. The plan gives no right to a service; the decision
// does, and the measure only shows it.
func decisionsOfThePatient(ctx context.Context, rd store.Reader, ip IndividualPlan) error {
	for _, m := range ip.Measures {
		if m.DecisionRef == "" {
			continue
		}
		typ, id, _ := strings.Cut(m.DecisionRef, "/")
		rec, err := rd.Get(ctx, typ, id)
		if err == nil && typ == "ServiceRequest" {
			if sr := records.Parsed(rec); sr != nil {
				intent, _ := sr.Object().String("intent")
				if intent == "order" && kernel.PathString(sr.Object(), "subject", "reference") == ip.Patient {
					continue
				}
			}
		}
		return kernel.Violation("Tiltaket kan bare kobles til et vedtak om den samme personen.", "A measure can only be linked to a decision about the same person.")
	}
	return nil
}

// changedParts lists the parts of the plan a write changes, as read from the CarePlan alone.
func changedParts(ctx context.Context, rd store.Reader, a, b IndividualPlan) []Edit {
	var out []Edit
	add := func(changed bool, part consent.PlanPart) {
		if changed {
			out = append(out, Edit{Part: part})
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
		i := slices.IndexFunc(a.Measures, func(x Measure) bool { return x.ID == m.ID })
		if i >= 0 && (ne(a.Measures[i].Progress, m.Progress) || a.Measures[i].Status != m.Status) {
			out = append(out, Edit{Part: consent.PartMeasureProgress, Owner: a.Measures[i].Provider})
		}
	}
	out = append(out, goalEdits(ctx, rd, goalRefs(a), goalRefs(b))...)
	return out
}

func withoutProgress(ms []Measure) []Measure {
	out := slices.Clone(ms)
	for i := range out {
		out[i].Progress, out[i].Status = nil, "" // the provider reports both
	}
	return out
}

// goalRefs are the Goal references of a plan read from its CarePlan alone.
func goalRefs(p IndividualPlan) []string {
	var out []string
	for _, g := range PlanToFHIR(p).Goals {
		out = append(out, g.ID())
	}
	return out
}

// goalEdits: a new goal proposal is the citizen's part; any other change of the goal list is
// the plan's structure (the coordinator's).
func goalEdits(ctx context.Context, rd store.Reader, a, b []string) []Edit {
	var out []Edit
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
		out = append(out, Edit{Part: part})
	}
	for _, id := range a {
		if !slices.Contains(b, id) {
			out = append(out, Edit{Part: consent.PartGoalTargets})
			break
		}
	}
	return out
}
