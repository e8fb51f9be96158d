package plan

import (
	"context"
	"slices"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// Service is the individual plan as people work in it: opened by the coordinator, its nine
// elements written by whoever each is for, activated on a consent, read as each viewer may see
// it, with its log, versions and differences. Who may change which part is the plan's rule's
// to decide, inside the write's transaction.
type Service struct {
	wf       *workflow.Base
	consents *consent.Service
	register *coordinators.Service
}

// NewService returns the plan's service on wf, reading consents and appointments through the
// consent and coordinator register services.
func NewService(wf *workflow.Base, consents *consent.Service, register *coordinators.Service) *Service {
	return &Service{wf: wf, consents: consents, register: register}
}

// PlanView is a plan as one principal may see it, with what they may change.
type PlanView struct {
	Plan           IndividualPlan // parts the principal may not see are left out
	Log            []LogEntry
	Actor          Actor
	Sharing        consent.Sharing
	Visible        []consent.PlanPart
	Editable       []consent.PlanPart // parts MayEdit allows (measure progress: on own measures)
	Missing        []Element
	NextEvaluation kernel.Deadline
	PatientName    string
	Coordinator    workflow.Contact
	News           []News // for the plan's coordinator: what others wrote since they last changed it
}

// MaySee reports whether the part is visible to the principal.
func (v PlanView) MaySee(part consent.PlanPart) bool { return slices.Contains(v.Visible, part) }

// MayEdit reports whether the principal may change the part.
func (v PlanView) MayEdit(part consent.PlanPart) bool { return slices.Contains(v.Editable, part) }

// actorFor is the principal's role in the plan.
func actorFor(p *access.Principal, ip IndividualPlan, sh consent.Sharing) Actor {
	switch {
	case p.PractitionerID != "" && kernel.Ref("Practitioner", p.PractitionerID) == ip.Coordinator:
		return Actor{Role: kernel.RoleCoordinator, Ref: ip.Coordinator}
	case p.PatientID != "" && kernel.Ref("Patient", p.PatientID) == ip.Patient:
		return Actor{Role: kernel.RoleCitizen, Ref: ip.Patient}
	}
	for _, rp := range p.RelatedPersonIDs {
		r := kernel.Ref("RelatedPerson", rp)
		if slices.Contains(sh.Guardians, r) {
			return Actor{Role: kernel.RoleGuardian, Ref: r}
		}
		if _, ok := sh.Access[r]; ok {
			return Actor{Role: kernel.RoleRelative, Ref: r}
		}
	}
	if p.Has(access.ServiceProvider) && p.PractitionerID != "" {
		a := Actor{Role: kernel.RoleProvider, Ref: kernel.Ref("Practitioner", p.PractitionerID)}
		if len(p.Units) > 0 {
			a.Organization = kernel.Ref("Organization", p.Units[0])
		}
		return a
	}
	return Actor{Role: kernel.RoleCoordinator, Ref: p.Ref()} // staff outside the plan: MayEdit refuses
}

// visibleParts: the citizen, guardians and the coordinator see everything; the unit's staff
// too (read only); others what their grant lets them see now.
func (s *Service) visibleParts(p *access.Principal, a Actor, sh consent.Sharing) []consent.PlanPart {
	switch a.Role {
	case kernel.RoleCitizen, kernel.RoleGuardian:
		return consent.AllParts()
	}
	if s.wf.IsUnitStaff(p) || p.IsSystem() {
		return consent.AllParts()
	}
	var see []consent.PlanPart
	for _, who := range []string{a.Ref, a.Organization} {
		for _, part := range sh.Access[who].See {
			see = appendPart(see, part)
		}
	}
	return see
}

func appendPart(ps []consent.PlanPart, p consent.PlanPart) []consent.PlanPart {
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
	p, err := s.wf.Reach(ctx, l.plan.Patient)
	if err != nil {
		return PlanView{}, l, apperr.New(apperr.NotFound, "CarePlan/%s is not known", planID)
	}
	consents, err := s.consents.Read(ctx, l.plan.Patient)
	if err != nil {
		return PlanView{}, l, err
	}
	now := s.wf.Now()
	sh := consent.SharingAt(consents, l.plan.Patient, now)
	a := actorFor(p, l.plan, sh)
	v := PlanView{Plan: l.plan, Log: l.log, Actor: a, Sharing: sh, Missing: MissingElements(l.plan)}
	if a.Role == kernel.RoleCoordinator && a.Ref == l.plan.Coordinator {
		v.News = NewsFor(l.plan, l.log)
	}
	if a.Role == kernel.RoleCoordinator && a.Ref == l.plan.Coordinator {
		v.Visible = consent.AllParts()
	} else {
		v.Visible = s.visibleParts(p, a, sh)
	}
	if len(v.Visible) == 0 {
		return PlanView{}, l, kernel.Text{NB: "Samtykket gir deg ikke tilgang til planen nå.", EN: "The consent does not give you access to the plan now."}.Err(apperr.Forbidden)
	}
	for _, part := range consent.AllParts() {
		owner := ""
		if part == consent.PartMeasureProgress {
			owner = cmpOr(a.Organization, a.Ref)
		}
		if MayEdit(a, Edit{Part: part, Owner: owner}, l.plan, sh) == nil {
			v.Editable = append(v.Editable, part)
		}
	}
	v.Plan = redact(l.plan, v.Visible)
	v.NextEvaluation, _ = NextEvaluation(l.plan, s.wf.Law(), now)
	v.PatientName = s.wf.Name(ctx, l.plan.Patient)
	if l.plan.Coordinator != "" {
		v.Coordinator = s.wf.ContactOf(ctx, l.plan.Coordinator)
	}
	return v, l, s.wf.LogRead(ctx, l.plan.Patient, "CarePlan/"+planID)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// redact leaves out what the parts visible do not cover.
func redact(p IndividualPlan, see []consent.PlanPart) IndividualPlan {
	has := func(part consent.PlanPart) bool { return slices.Contains(see, part) }
	if !has(consent.PartGoalWords) && !has(consent.PartGoalTargets) {
		p.Goals = nil
	}
	if !has(consent.PartResources) {
		p.Resources = nil
	}
	if !has(consent.PartNeeds) {
		p.Needs = nil
	}
	if !has(consent.PartParticipants) {
		p.Participants = nil
	}
	if !has(consent.PartOwnContribution) {
		p.OwnContribution = ""
	}
	if !has(consent.PartContributions) {
		p.Contributions = nil
	}
	if !has(consent.PartMeasures) {
		p.Measures = nil
	}
	if !has(consent.PartCoordination) {
		p.Coordination = ""
	}
	if !has(consent.PartCooperation) {
		p.Cooperation = nil
	}
	if !has(consent.PartEvaluations) {
		p.Evaluations = nil
	}
	if !has(consent.PartComments) {
		p.Comments = nil
	}
	if !has(consent.PartGoalProposals) {
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
	if _, err := s.wf.Reach(ctx, patient); err != nil {
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
func (s *Service) OpenPlan(ctx context.Context, patient, title string) (IndividualPlan, error) {
	p, err := s.wf.Reach(ctx, patient)
	if err != nil {
		return IndividualPlan{}, err
	}
	a, ok, err := s.register.CurrentAppointment(ctx, patient)
	if err != nil {
		return IndividualPlan{}, err
	}
	if !ok || a.Coordinator != kernel.Ref("Practitioner", p.PractitionerID) {
		return IndividualPlan{}, kernel.Text{NB: "Bare innbyggerens koordinator kan starte planen.", EN: "Only the citizen's coordinator may start the plan."}.Err(apperr.Forbidden)
	}
	if id, ok, err := s.planOf(ctx, patient); err != nil || ok {
		if err == nil {
			err = apperr.New(apperr.Conflict, "%s (CarePlan/%s)", kernel.Text{NB: "Innbyggeren har allerede en plan.", EN: "The citizen already has a plan."}.String(), id)
		}
		return IndividualPlan{}, err
	}
	if strings.TrimSpace(title) == "" {
		title = "Individuell plan"
	}
	plan := IndividualPlan{ID: s.wf.NewID(), Patient: kernel.Ref("Patient", kernel.IDOf(patient)), Title: title, Status: PlanDraft,
		Coordinator: a.Coordinator, CoordinatorName: s.wf.Name(ctx, a.Coordinator), CoordinatorKind: a.Kind}
	return s.savePlan(ctx, loaded{plan: plan}, logEntry(a.Coordinator, "created", "Planen er opprettet.", "The plan was created.", s.wf.Now()))
}

// ActivatePlan makes the plan active: refused without a consent to making it in force.
func (s *Service) ActivatePlan(ctx context.Context, planID string) (IndividualPlan, error) {
	return s.Edit(ctx, planID, "activated",
		kernel.Text{NB: "Planen er tatt i bruk.", EN: "The plan was activated."},
		func(p *IndividualPlan) error {
			consents, err := s.consents.Read(ctx, p.Patient)
			if err != nil {
				return err
			}
			np, err := Activate(*p, consents, s.wf.Now())
			*p = np
			return err
		})
}

// Edit is every change to a plan (another area's too: a meeting held is in the plan's log): load, check need-to-know, apply change, save with a log
// entry. Who may change which part is the plan's write rule's to decide (Rules, inside the
// save's transaction, the API's writes included): checking it here too would read the consents
// and evaluate the permission twice more for every save.
func (s *Service) Edit(ctx context.Context, planID string, event string, detail kernel.Text,
	change func(*IndividualPlan) error) (IndividualPlan, error) {
	l, err := s.loadPlan(ctx, planID)
	if err != nil {
		return IndividualPlan{}, err
	}
	p, err := s.wf.Reach(ctx, l.plan.Patient)
	if err != nil {
		return IndividualPlan{}, apperr.New(apperr.NotFound, "CarePlan/%s is not known", planID)
	}
	if err := change(&l.plan); err != nil {
		return IndividualPlan{}, err
	}
	return s.savePlan(ctx, l, LogEntry{At: s.wf.Now(), By: s.logAuthor(ctx, p, l.plan), Event: event, Detail: detail})
}

// logAuthor is whom the plan's log names for a change by p: the reference the plan knows them
// by (a guardian signed in as a citizen is the RelatedPerson of the plan's citizen, not their
// own Patient).
func (s *Service) logAuthor(ctx context.Context, p *access.Principal, ip IndividualPlan) string {
	if p.PractitionerID != "" || kernel.Ref("Patient", p.PatientID) == ip.Patient {
		return p.Ref()
	}
	for _, rp := range p.RelatedPersonIDs {
		if res, _, err := s.wf.Get(ctx, "RelatedPerson", rp); err == nil &&
			kernel.PathString(res.Object(), "patient", "reference") == ip.Patient {
			return kernel.Ref("RelatedPerson", rp)
		}
	}
	return p.Ref()
}
