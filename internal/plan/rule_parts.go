package plan

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// The rules over the resources a plan is made of besides its CarePlan: its Goals and its
// CareTeam. Each change is named as the plan part it touches and checked with MayEdit,
// exactly as the services check it before they write.

// ByID reads CarePlan/id as an individual plan (from the CarePlan alone: enough for who
// coordinates it and whom it is about); found false when there is none.
func ByID(ctx context.Context, rd store.Reader, id string) (IndividualPlan, bool, error) {
	if id == "" {
		return IndividualPlan{}, false, nil
	}
	rec, err := rd.Get(ctx, "CarePlan", id)
	if apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Gone) {
		return IndividualPlan{}, false, nil
	}
	if err != nil {
		return IndividualPlan{}, false, err
	}
	cp := records.Parsed(rec)
	if cp == nil || !IsIndividualPlan(cp) {
		return IndividualPlan{}, false, nil
	}
	p, err := PlanFromFHIR(PlanResources{CarePlan: cp})
	return p, err == nil, err
}

// planOfPart finds the plan a Goal belongs to from its id: a goal is <plan id>-<goal id>
// (the plan's resource id; the team is found by planOfTeam).
func planOfPart(ctx context.Context, rd store.Reader, id string) (IndividualPlan, bool, error) {
	for i := strings.LastIndex(id, "-"); i > 0; i = strings.LastIndex(id[:i], "-") {
		p, ok, err := ByID(ctx, rd, id[:i])
		if err != nil || ok {
			return p, ok, err
		}
	}
	return IndividualPlan{}, false, nil
}

// MayEditPlan is mayEditPlan for another area's rule (a meeting is the plan's coordinator's).
func (r Rule) MayEditPlan(ctx context.Context, rd store.Reader, p *access.Principal, ip IndividualPlan, edits []Edit) error {
	return r.mayEditPlan(ctx, rd, p, ip, edits)
}

// mayEditPlan checks each edit for the principal as the services do: their role in the plan
// from the consent in force now, then MayEdit.
func (r Rule) mayEditPlan(ctx context.Context, rd store.Reader, p *access.Principal, ip IndividualPlan, edits []Edit) error {
	consents, err := consent.InTx(ctx, rd, ip.Patient)
	if err != nil {
		return err
	}
	sh := consent.SharingAt(consents, ip.Patient, r.env.Now())
	a := actorFor(p, ip, sh)
	for _, e := range edits {
		if err := r.permit(ctx, a, e, ip, sh); err != nil {
			return err
		}
	}
	return nil
}

// sameSubject is the structural rule every writer keeps, systems included: a part of a plan is
// about the citizen the plan is about.
func sameSubject(res *fhir.Resource, key, patient string) error {
	if got := kernel.PathString(res.Object(), key, "reference"); got != patient {
		return kernel.Text{
			NB: "En del av planen må gjelde innbyggeren planen gjelder (" + patient + "), ikke «" + got + "».",
			EN: "A part of the plan must be about the citizen the plan is about (" + patient + "), not “" + got + "”."}.Err(apperr.Unprocessable)
	}
	return nil
}

// goal: the citizen's words are the citizen's; targets, structure and evaluations are the
// coordinator's; a proposal is the citizen's.
func (r Rule) goal(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	res := after
	if res == nil {
		res = before
	}
	plan, ok, err := planOfGoal(ctx, rd, res.ID())
	if err != nil || !ok {
		return err // a Goal in no individual plan is not the unit's
	}
	if after != nil {
		if err := sameSubject(after, "subject", plan.Patient); err != nil {
			return err
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	edits, err := wordsTakenIn(ctx, rd, plan, before, after, goalChanges(before, after))
	if err != nil {
		return err
	}
	return r.mayEditPlan(ctx, rd, p, plan, edits)
}

func isProposal(g *fhir.Resource) bool {
	return g != nil && kernel.PathString(g.Object(), "lifecycleStatus") == "proposed"
}

// goalChanges names the parts a write of a Goal changes.
func goalChanges(before, after *fhir.Resource) []Edit {
	switch {
	case before == nil && isProposal(after):
		return []Edit{{Part: consent.PartGoalProposals}}
	case before == nil || after == nil:
		return []Edit{{Part: consent.PartGoalTargets}} // adding or removing a goal is the plan's structure
	case isProposal(before) && isProposal(after):
		return []Edit{{Part: consent.PartGoalProposals}}
	}
	var out []Edit
	add := func(changed bool, part consent.PlanPart) {
		if changed {
			out = append(out, Edit{Part: part})
		}
	}
	b, a := splitGoal(before), splitGoal(after)
	add(b.words != a.words, consent.PartGoalWords)
	add(!reflect.DeepEqual(b.evaluations, a.evaluations), consent.PartEvaluations)
	add(b.rest != a.rest, consent.PartGoalTargets)
	return out
}

// goalParts is a Goal split by who writes what: the words, the evaluations (extensions and the
// achievement they set) and the rest (targets, due date, status, parent goal, subject).
type goalParts struct {
	words       string
	evaluations []string
	rest        string
}

func splitGoal(g *fhir.Resource) goalParts {
	c := g.Clone()
	o := c.Object()
	out := goalParts{words: kernel.PathString(o, "description", "text")}
	var kept []any
	for _, e := range kernel.Objects(o, "extension") {
		if u, _ := e.String("url"); u == kernel.ExtensionBase+"goal-evaluation" {
			out.evaluations = append(out.evaluations, string(jsonOf(e)))
			continue
		}
		kept = append(kept, e)
	}
	if ach, ok := o.Get("achievementStatus"); ok {
		out.evaluations = append(out.evaluations, string(jsonOf(ach)))
	}
	for _, k := range []string{"meta", "text", "description", "achievementStatus", "extension"} {
		o.Delete(k)
	}
	if len(kept) > 0 {
		o.Set("extension", kept)
	}
	out.rest = string(c.Bytes())
	return out
}

// careTeam: the participants and the coordinator in the plan's team are the plan
// coordinator's to change; another team the unit keeps (its participants' roles in the unit's
// participant-role code system) is the citizen's running coordinator's or the unit's. Any other
// CareTeam (a hospital's, a home care team's) is not the unit's.
func (r Rule) careTeam(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	res := after
	if res == nil {
		res = before
	}
	plan, ok, err := planOfTeam(ctx, rd, res.ID())
	if err != nil {
		return err
	}
	if ok && after != nil {
		if err := sameSubject(after, "subject", plan.Patient); err != nil {
			return err
		}
	}
	if !ok && !isCoordinatorTeam(before) && !isCoordinatorTeam(after) {
		return nil
	}
	p, isPerson := access.Person(ctx)
	if !isPerson {
		return nil
	}
	if ok {
		return r.mayEditPlan(ctx, rd, p, plan, teamChanges(before, after))
	}
	patient := kernel.PathString(res.Object(), "subject", "reference")
	if !strings.HasPrefix(patient, "Patient/") {
		return nil // not a citizen's team
	}
	return r.coordinatorOrUnit(ctx, rd, p, patient, kernel.Text{
		NB: "Bare innbyggerens koordinator eller koordinerende enhet endrer ansvarsgruppen.",
		EN: "Only the citizen's coordinator or the coordinating unit changes the care team."})
}

// coordinatorOrUnit lets the citizen's running coordinator (the care manager of an active
// coordinator appointment) and the unit's lead and case officers through; others are refused
// with why.
func (r Rule) coordinatorOrUnit(ctx context.Context, rd store.Reader, p *access.Principal, patient string, why kernel.Text) error {
	if r.env.IsUnitStaff(p) || p.Has(access.Administrator) {
		return nil
	}
	if p.PractitionerID != "" {
		eps, err := coordinators.RunningAppointments(ctx, rd, patient, kernel.Ref("Practitioner", p.PractitionerID))
		if err != nil || len(eps) > 0 {
			return err
		}
	}
	return why.Err(apperr.Forbidden)
}

// teamChanges names the parts a write of the plan's CareTeam changes: the coordinator (element
// 3), the other participants and their periods and roles (element 2), their contributions
// (element 4).
func teamChanges(before, after *fhir.Resource) []Edit {
	if before == nil || after == nil {
		return []Edit{{Part: consent.PartParticipants}}
	}
	b, a := splitTeam(before), splitTeam(after)
	var out []Edit
	if !slices.Equal(b.coordinators, a.coordinators) {
		out = append(out, Edit{Part: consent.PartCoordinator})
	}
	if !slices.Equal(b.others, a.others) || b.rest != a.rest {
		out = append(out, Edit{Part: consent.PartParticipants})
	}
	if !slices.Equal(b.contributions, a.contributions) {
		out = append(out, Edit{Part: consent.PartContributions})
	}
	return out
}

type teamParts struct {
	coordinators, others, contributions []string
	rest                                string
}

func splitTeam(t *fhir.Resource) teamParts {
	c := t.Clone()
	o := c.Object()
	var out teamParts
	for _, pt := range kernel.Objects(o, "participant") {
		if exts, _ := pt.Array("extension"); len(exts) > 0 {
			out.contributions = append(out.contributions, kernel.PathString(pt, "member", "reference")+" "+string(jsonOf(exts)))
		}
		pt.Delete("extension")
		s := string(jsonOf(pt))
		if IsCoordinatorParticipant(pt) {
			out.coordinators = append(out.coordinators, s)
		} else {
			out.others = append(out.others, s)
		}
	}
	o.Delete("participant")
	o.Delete("meta")
	o.Delete("text")
	out.rest = string(c.Bytes())
	return out
}

// IsCoordinatorParticipant: a CareTeam participant whose role is the coordinator.
func IsCoordinatorParticipant(pt *fhir.Object) bool {
	for _, rc := range kernel.Objects(pt, "role") {
		for _, c := range kernel.Objects(rc, "coding") {
			sys, _ := c.String("system")
			code, _ := c.String("code")
			if sys == kernel.CSParticipantRole && code == string(kernel.RoleCoordinator) {
				return true
			}
		}
	}
	return false
}

// jsonOf is v as JSON for comparing parts; a value that does not encode compares as empty.
func jsonOf(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// wordsTakenIn: a goal's words are the citizen's, but the coordinator may put the words of the
// citizen's own proposal in place of a goal's (accepting the proposal that way). Such a change
// names the proposal (the words-from-proposal extension, newly set) and its words are the
// proposal's exactly; it is then the plan's structure (the coordinator's part), not the goal's
// words. Any other change of the words stays the citizen's.
func wordsTakenIn(ctx context.Context, rd store.Reader, ip IndividualPlan, before, after *fhir.Resource, edits []Edit) ([]Edit, error) {
	i := -1
	for j, e := range edits {
		if e.Part == consent.PartGoalWords {
			i = j
		}
	}
	if i < 0 || before == nil || after == nil {
		return edits, nil
	}
	ref := kernel.ExtRef(after.Object(), kernel.ExtWordsFromProposal)
	if ref == "" || ref == kernel.ExtRef(before.Object(), kernel.ExtWordsFromProposal) {
		return edits, nil
	}
	ok, err := isProposalWith(ctx, rd, ip, kernel.IDOfType(ref, "Goal"), kernel.PathString(after.Object(), "description", "text"))
	if err != nil || !ok {
		return edits, err
	}
	out := append(append([]Edit(nil), edits[:i]...), edits[i+1:]...)
	return append(out, Edit{Part: consent.PartGoalTargets}), nil
}

// isProposalWith reports whether Goal/id is a proposal the plan's citizen made, in the plan,
// with exactly these words.
func isProposalWith(ctx context.Context, rd store.Reader, ip IndividualPlan, id, words string) (bool, error) {
	if id == "" {
		return false, nil
	}
	rec, err := rd.Get(ctx, "Goal", id)
	if apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Gone) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	g := records.Parsed(rec)
	if !isProposal(g) || kernel.PathString(g.Object(), "description", "text") != words ||
		kernel.PathString(g.Object(), "subject", "reference") != ip.Patient {
		return false, nil
	}
	of, ok, err := planOfGoal(ctx, rd, id)
	return ok && of.ID == ip.ID, err
}
