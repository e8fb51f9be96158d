package coordination

import (
	"context"
	"slices"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/care"
)

// PlanView is a plan as one principal may see it, with what they may change.
type PlanView struct {
	Plan           care.IndividualPlan // parts the principal may not see are left out
	Log            []care.LogEntry
	Actor          care.Actor
	Sharing        care.Sharing
	Visible        []care.PlanPart
	Editable       []care.PlanPart // parts MayEdit allows (measure progress: on own measures)
	Missing        []care.Element
	NextEvaluation care.Deadline
	PatientName    string
	Coordinator    Contact
}

// MaySee reports whether the part is visible to the principal.
func (v PlanView) MaySee(part care.PlanPart) bool { return slices.Contains(v.Visible, part) }

// MayEdit reports whether the principal may change the part.
func (v PlanView) MayEdit(part care.PlanPart) bool { return slices.Contains(v.Editable, part) }

// actorFor is the principal's role in the plan.
func actorFor(p *access.Principal, plan care.IndividualPlan, sh care.Sharing) care.Actor {
	switch {
	case p.PractitionerID != "" && ref("Practitioner", p.PractitionerID) == plan.Coordinator:
		return care.Actor{Role: care.RoleCoordinator, Ref: plan.Coordinator}
	case p.PatientID != "" && ref("Patient", p.PatientID) == plan.Patient:
		return care.Actor{Role: care.RoleCitizen, Ref: plan.Patient}
	}
	for _, rp := range p.RelatedPersonIDs {
		r := ref("RelatedPerson", rp)
		if slices.Contains(sh.Guardians, r) {
			return care.Actor{Role: care.RoleGuardian, Ref: r}
		}
		if _, ok := sh.Access[r]; ok {
			return care.Actor{Role: care.RoleRelative, Ref: r}
		}
	}
	if p.Has(access.ServiceProvider) && p.PractitionerID != "" {
		a := care.Actor{Role: care.RoleProvider, Ref: ref("Practitioner", p.PractitionerID)}
		if len(p.Units) > 0 {
			a.Organization = ref("Organization", p.Units[0])
		}
		return a
	}
	return care.Actor{Role: care.RoleCoordinator, Ref: ownRef(p)} // staff outside the plan: MayEdit refuses
}

// visibleParts: the citizen, guardians and the coordinator see everything; the unit's staff
// too (read only); others what their grant lets them see now.
func (s *Service) visibleParts(p *access.Principal, a care.Actor, sh care.Sharing) []care.PlanPart {
	switch a.Role {
	case care.RoleCitizen, care.RoleGuardian:
		return care.AllParts()
	}
	if s.isUnitStaff(p) || p.IsSystem() {
		return care.AllParts()
	}
	var see []care.PlanPart
	for _, who := range []string{a.Ref, a.Organization} {
		for _, part := range sh.Access[who].See {
			see = appendPart(see, part)
		}
	}
	return see
}

func appendPart(ps []care.PlanPart, p care.PlanPart) []care.PlanPart {
	if slices.Contains(ps, p) {
		return ps
	}
	return append(ps, p)
}

// view loads a plan for the principal: NotFound outside reach, Forbidden when the consent
// shares nothing with them now.
func (s *Service) view(ctx context.Context, planID string) (PlanView, loaded, error) {
	l, err := s.loadPlan(ctx, planID)
	if err != nil {
		return PlanView{}, l, err
	}
	p, err := s.reach(ctx, l.plan.Patient)
	if err != nil {
		return PlanView{}, l, apperr.New(apperr.NotFound, "CarePlan/%s is not known", planID)
	}
	consents, err := s.consents(ctx, l.plan.Patient)
	if err != nil {
		return PlanView{}, l, err
	}
	now := s.now()
	sh := care.SharingAt(consents, l.plan.Patient, now)
	a := actorFor(p, l.plan, sh)
	v := PlanView{Plan: l.plan, Log: l.log, Actor: a, Sharing: sh, Missing: care.MissingElements(l.plan)}
	if a.Role == care.RoleCoordinator && a.Ref == l.plan.Coordinator {
		v.Visible = care.AllParts()
	} else {
		v.Visible = s.visibleParts(p, a, sh)
	}
	if len(v.Visible) == 0 {
		return PlanView{}, l, care.Text{NB: "Samtykket gir deg ikke tilgang til planen nå.", EN: "The consent does not give you access to the plan now."}.Err(apperr.Forbidden)
	}
	for _, part := range care.AllParts() {
		owner := ""
		if part == care.PartMeasureProgress {
			owner = cmpOr(a.Organization, a.Ref)
		}
		if care.MayEdit(a, care.Edit{Part: part, Owner: owner}, l.plan, sh) == nil {
			v.Editable = append(v.Editable, part)
		}
	}
	v.Plan = redact(l.plan, v.Visible)
	v.NextEvaluation, _ = care.NextEvaluation(l.plan, s.law, now)
	v.PatientName = s.patientName(ctx, l.plan.Patient)
	if l.plan.Coordinator != "" {
		v.Coordinator = s.contactOf(ctx, l.plan.Coordinator)
	}
	return v, l, s.logRead(ctx, l.plan.Patient, "CarePlan/"+planID)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// redact leaves out what the parts visible do not cover.
func redact(p care.IndividualPlan, see []care.PlanPart) care.IndividualPlan {
	has := func(part care.PlanPart) bool { return slices.Contains(see, part) }
	if !has(care.PartGoalWords) && !has(care.PartGoalTargets) {
		p.Goals = nil
	}
	if !has(care.PartResources) {
		p.Resources = nil
	}
	if !has(care.PartNeeds) {
		p.Needs = nil
	}
	if !has(care.PartParticipants) {
		p.Participants = nil
	}
	if !has(care.PartOwnContribution) {
		p.OwnContribution = ""
	}
	if !has(care.PartContributions) {
		p.Contributions = nil
	}
	if !has(care.PartMeasures) {
		p.Measures = nil
	}
	if !has(care.PartCoordination) {
		p.Coordination = ""
	}
	if !has(care.PartCooperation) {
		p.Cooperation = nil
	}
	if !has(care.PartEvaluations) {
		p.Evaluations = nil
	}
	if !has(care.PartComments) {
		p.Comments = nil
	}
	if !has(care.PartGoalProposals) {
		p.GoalProposals = nil
	}
	return p
}

// Plan is the plan as the principal may see it.
func (s *Service) Plan(ctx context.Context, planID string) (PlanView, error) {
	v, _, err := s.view(ctx, planID)
	return v, err
}

// PlanFor is the citizen's current plan; found false when there is none.
func (s *Service) PlanFor(ctx context.Context, patient string) (PlanView, bool, error) {
	if _, err := s.reach(ctx, patient); err != nil {
		return PlanView{}, false, err
	}
	id, ok, err := s.planOf(ctx, patient)
	if err != nil || !ok {
		return PlanView{}, false, err
	}
	v, err := s.Plan(ctx, id)
	return v, err == nil, err
}

// OpenPlan starts a draft plan for the citizen: the citizen's running coordinator only; the
// coordinator is element 3. A draft is shared with nobody; it becomes active with ActivatePlan.
func (s *Service) OpenPlan(ctx context.Context, patient, title string) (care.IndividualPlan, error) {
	p, err := s.reach(ctx, patient)
	if err != nil {
		return care.IndividualPlan{}, err
	}
	a, ok, err := s.currentAppointment(ctx, patient)
	if err != nil {
		return care.IndividualPlan{}, err
	}
	if !ok || a.Coordinator != ref("Practitioner", p.PractitionerID) {
		return care.IndividualPlan{}, care.Text{NB: "Bare innbyggerens koordinator kan starte planen.", EN: "Only the citizen's coordinator may start the plan."}.Err(apperr.Forbidden)
	}
	if id, ok, err := s.planOf(ctx, patient); err != nil || ok {
		if err == nil {
			err = apperr.New(apperr.Conflict, "%s (CarePlan/%s)", care.Text{NB: "Innbyggeren har allerede en plan.", EN: "The citizen already has a plan."}.String(), id)
		}
		return care.IndividualPlan{}, err
	}
	if strings.TrimSpace(title) == "" {
		title = "Individuell plan"
	}
	plan := care.IndividualPlan{ID: s.newID(), Patient: ref("Patient", care.IDOf(patient)), Title: title, Status: care.PlanDraft,
		Coordinator: a.Coordinator, CoordinatorName: s.patientName(ctx, a.Coordinator), CoordinatorKind: a.Kind}
	return s.savePlan(ctx, loaded{plan: plan}, logEntry(a.Coordinator, "created", "Planen er opprettet.", "The plan was created.", s.now()))
}

// ActivatePlan makes the plan active: refused without a consent to making it in force.
func (s *Service) ActivatePlan(ctx context.Context, planID string) (care.IndividualPlan, error) {
	return s.edit(ctx, planID, []care.Edit{{Part: care.PartPeriod}}, "activated",
		care.Text{NB: "Planen er tatt i bruk.", EN: "The plan was activated."},
		func(p *care.IndividualPlan, consents []care.Consent) error {
			np, err := care.Activate(*p, consents, s.now())
			*p = np
			return err
		})
}

// edit is every change to a plan: load, check need-to-know and MayEdit for each part touched,
// apply change, save with a log entry.
func (s *Service) edit(ctx context.Context, planID string, edits []care.Edit, event string, detail care.Text,
	change func(*care.IndividualPlan, []care.Consent) error) (care.IndividualPlan, error) {
	l, err := s.loadPlan(ctx, planID)
	if err != nil {
		return care.IndividualPlan{}, err
	}
	p, err := s.reach(ctx, l.plan.Patient)
	if err != nil {
		return care.IndividualPlan{}, apperr.New(apperr.NotFound, "CarePlan/%s is not known", planID)
	}
	consents, err := s.consents(ctx, l.plan.Patient)
	if err != nil {
		return care.IndividualPlan{}, err
	}
	now := s.now()
	sh := care.SharingAt(consents, l.plan.Patient, now)
	a := actorFor(p, l.plan, sh)
	for _, e := range edits {
		if e.Part == care.PartPeriod && event == "activated" && a.Role == care.RoleCoordinator && a.Ref == l.plan.Coordinator {
			continue // activation is checked by care.Activate: its refusal names the missing consent
		}
		if err := care.MayEdit(a, e, l.plan, sh); err != nil {
			return care.IndividualPlan{}, err
		}
	}
	if event == "activated" && (a.Role != care.RoleCoordinator || a.Ref != l.plan.Coordinator) {
		return care.IndividualPlan{}, care.Text{NB: "Bare koordinatoren kan ta planen i bruk.", EN: "Only the coordinator may activate the plan."}.Err(apperr.Forbidden)
	}
	if err := change(&l.plan, consents); err != nil {
		return care.IndividualPlan{}, err
	}
	return s.savePlan(ctx, l, care.LogEntry{At: now, By: a.Ref, Event: event, Detail: detail})
}
