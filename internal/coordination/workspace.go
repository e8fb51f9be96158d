package coordination

import (
	"cmp"
	"context"
	"slices"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/coordinators"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
	"veiviser/internal/workflow"
)

// CaseSummary is one citizen's case as a workspace lists it.
type CaseSummary struct {
	Patient        string // Patient/...
	PatientName    string
	Stage          Stage
	PlanID         string
	PlanStatus     plan.PlanStatus
	Coordinator    string
	CoordinatorKnd coordinators.CoordinatorKind
	NextEvaluation kernel.Deadline
	NextMeeting    time.Time
	Late           bool      // an evaluation or a follow-up is late
	Overdue        []Overdue // what is late, and by how much, most overdue first
	News           int       // what others wrote in the plan since its coordinator last changed it
}

// Overdue is one thing past its deadline: an evaluation, or a follow-up from a meeting.
type Overdue struct {
	What kernel.Text // e.g. {"Evaluering", "Evaluation"}, or the follow-up's description
	Due  time.Time
	Days int // whole days past the due date
}

// overdueDays is how many days past due on now (due on a date means done by its end).
func overdueDays(due, now time.Time) int {
	return int(now.Sub(due.Truncate(24*time.Hour).Add(24*time.Hour)).Hours()/24) + 1
}

// Stage is where a case is in the flow.
type Stage string

// The stages, in the order of the flow.
const (
	StageInquiry         Stage = "inquiry"          // received, waiting for assessment
	StageAssessed        Stage = "assessed"         // assessed, waiting for a coordinator
	StageCoordinator     Stage = "coordinator"      // coordinator appointed, no consent to a plan yet
	StageCoordinatorOnly Stage = "coordinator-only" // a coordinator without a plan (declined)
	StageConsent         Stage = "consent"          // consent given, plan being made
	StageActivePlan      Stage = "active-plan"
	StageOnHold          Stage = "on-hold" // consent withdrawn or plan paused
)

// Stages lists the stages in flow order.
func Stages() []Stage {
	return []Stage{StageInquiry, StageAssessed, StageCoordinator, StageCoordinatorOnly, StageConsent, StageActivePlan, StageOnHold}
}

// TaskItem is an open follow-up in a workspace.
type TaskItem struct {
	Task        meetings.FollowUp
	PatientName string
	Late        bool
}

// CoordinatorWorkspace is the coordinator's: my citizens, their next evaluations and meetings,
// my open tasks, late items highlighted.
type CoordinatorWorkspace struct {
	Citizens []CaseSummary
	Tasks    []TaskItem
	Late     int // citizens with something late and late tasks: the rows marked late
}

// CoordinatorWorkspace lists the signed-in coordinator's citizens and tasks.
func (s *Service) CoordinatorWorkspace(ctx context.Context) (CoordinatorWorkspace, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return CoordinatorWorkspace{}, err
	}
	if !p.Has(access.Coordinator) || p.PractitionerID == "" {
		return CoordinatorWorkspace{}, kernel.Text{NB: "Arbeidsflaten er for koordinatorer.", EN: "The workspace is for coordinators."}.Err(apperr.Forbidden)
	}
	me := kernel.Ref("Practitioner", p.PractitionerID)
	eps, err := s.wf.Find(ctx, "EpisodeOfCare", "care-manager", me, "status", "active")
	if err != nil {
		return CoordinatorWorkspace{}, err
	}
	var ws CoordinatorWorkspace
	for _, e := range eps {
		a, err := coordinators.AppointmentFromFHIR(e)
		if err != nil || !coordinators.IsAppointment(e) || !a.Running(s.wf.Now()) {
			continue
		}
		cs, err := s.summary(ctx, a.Patient)
		if err != nil {
			return ws, err
		}
		ws.Citizens = append(ws.Citizens, cs)
		if cs.Late {
			ws.Late++
		}
	}
	slices.SortStableFunc(ws.Citizens, needsActionFirst)
	ws.Tasks, err = s.openTasks(ctx, me)
	for _, t := range ws.Tasks {
		if t.Late {
			ws.Late++
		}
	}
	return ws, err
}

// needsActionFirst orders a workspace's cases: what is late first, the most overdue first; then
// what others wrote that is new; then by the next evaluation.
func needsActionFirst(a, b CaseSummary) int {
	if a.Late != b.Late {
		if a.Late {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(mostOverdue(b), mostOverdue(a)); c != 0 {
		return c
	}
	if (a.News > 0) != (b.News > 0) {
		if a.News > 0 {
			return -1
		}
		return 1
	}
	return a.NextEvaluation.Due.Compare(b.NextEvaluation.Due)
}

func mostOverdue(cs CaseSummary) int {
	most := 0
	for _, o := range cs.Overdue {
		most = max(most, o.Days)
	}
	return most
}

// openTasks are the open follow-ups owned by owner.
func (s *Service) openTasks(ctx context.Context, owner string) ([]TaskItem, error) {
	tasks, err := s.wf.Find(ctx, "Task", "owner", owner, "code", kernel.CSTaskKind+"|meeting-action")
	if err != nil {
		return nil, err
	}
	now, names := s.wf.Now(), s.wf.Names()
	var out []TaskItem
	for _, t := range tasks {
		f, err := meetings.FollowUpFromFHIR(t)
		if err != nil || (f.Status != meetings.FollowUpOpen && f.Status != meetings.FollowUpStarted) {
			continue
		}
		out = append(out, TaskItem{Task: f, PatientName: names.Name(ctx, f.Patient), Late: meetings.FollowUpLate(f, now)})
	}
	slices.SortFunc(out, func(a, b TaskItem) int { return a.Task.Due.Compare(b.Task.Due) })
	return out, nil
}

// summary is one citizen's case: stage, plan, next evaluation and meeting, lateness.
func (s *Service) summary(ctx context.Context, patient string) (CaseSummary, error) {
	cs := CaseSummary{Patient: patient, PatientName: s.wf.Name(ctx, patient)}
	now := s.wf.Now()
	a, appointed, err := s.CurrentAppointment(ctx, patient)
	if err != nil {
		return cs, err
	}
	cs.Coordinator, cs.CoordinatorKnd = a.Coordinator, a.Kind
	consents, err := s.consentService.Read(ctx, patient)
	if err != nil {
		return cs, err
	}
	_, cerr := consent.PlanConsent(consents, patient, now)
	withdrawn := slices.ContainsFunc(consents, func(c consent.Consent) bool { return c.Status == consent.ConsentWithdrawn })
	planID, hasPlan, err := s.CurrentOf(ctx, patient)
	if err != nil {
		return cs, err
	}
	defer slices.SortStableFunc(cs.Overdue, func(a, b Overdue) int { return cmp.Compare(b.Days, a.Days) })
	switch {
	case hasPlan:
		l, log, err := s.planService.LoadWithLog(ctx, planID)
		if err != nil {
			return cs, err
		}
		cs.PlanID, cs.PlanStatus, cs.News = planID, l.Status, len(plan.NewsFor(l, log))
		cs.NextEvaluation, _ = plan.NextEvaluation(l, s.wf.Law(), now)
		cs.Late = cs.NextEvaluation.Late && l.Status == plan.PlanActive
		if cs.Late {
			cs.Overdue = append(cs.Overdue, Overdue{What: kernel.Text{NB: "Evaluering", EN: "Evaluation"},
				Due: cs.NextEvaluation.Due, Days: overdueDays(cs.NextEvaluation.Due, now)})
		}
		mtgs, _ := s.OfPlan(ctx, planID)
		for _, m := range mtgs {
			if m.Status == meetings.MeetingPlanned && !m.Start.Before(now) && (cs.NextMeeting.IsZero() || m.Start.Before(cs.NextMeeting)) {
				cs.NextMeeting = m.Start
			}
			for _, f := range m.Actions {
				if meetings.FollowUpLate(f, now) {
					cs.Late = true
					cs.Overdue = append(cs.Overdue, Overdue{What: kernel.Text{NB: "Oppfølging: " + f.Description, EN: "Follow-up: " + f.Description},
						Due: f.Due, Days: overdueDays(f.Due, now)})
				}
			}
		}
		switch {
		case l.Status == plan.PlanActive:
			cs.Stage = StageActivePlan
		case l.Status == plan.PlanOnHold || (cerr != nil && withdrawn):
			cs.Stage = StageOnHold
		default:
			cs.Stage = StageConsent
		}
	case cerr == nil:
		cs.Stage = StageConsent
	case withdrawn:
		cs.Stage = StageOnHold
	case appointed:
		cs.Stage = StageCoordinator
		if s.declined(ctx, patient) {
			cs.Stage = StageCoordinatorOnly
		}
	default:
		cs.Stage = StageAssessed
		if t, _ := s.OpenAppointTask(ctx, patient); t == nil {
			cs.Stage = StageInquiry
		}
	}
	return cs, nil
}

// declined: the latest assessment gave a coordinator only.
func (s *Service) declined(ctx context.Context, patient string) bool {
	tasks, err := s.wf.Find(ctx, "Task", "patient", kernel.Ref("Patient", kernel.IDOf(patient)), "code", kernel.CSTaskKind+"|assessment")
	if err != nil {
		return false
	}
	for _, t := range tasks {
		if a, err := intake.AssessmentFromFHIR(t); err == nil && a.Outcome == intake.OutcomeCoordinatorOnly {
			return true
		}
	}
	return false
}

// CitizenWorkspace is the citizen's: my plan, my coordinator with contact details; and the
// children the citizen is guardian for.
type CitizenWorkspace struct {
	Patient     string
	PatientName string
	Plan        *plan.PlanView
	Coordinator *workflow.Contact
	Inquiries   []intake.Inquiry
	Children    []CaseSummary
}

// CitizenWorkspace is the signed-in citizen's workspace.
func (s *Service) CitizenWorkspace(ctx context.Context) (CitizenWorkspace, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return CitizenWorkspace{}, err
	}
	if p.PatientID == "" {
		return CitizenWorkspace{}, kernel.Text{NB: "Siden er for innbyggeren.", EN: "The page is for the citizen."}.Err(apperr.Forbidden)
	}
	me := kernel.Ref("Patient", p.PatientID)
	ws := CitizenWorkspace{Patient: me, PatientName: s.wf.Name(ctx, me)}
	if v, ok, err := s.PlanFor(ctx, me); err != nil {
		return ws, err
	} else if ok {
		ws.Plan = &v
	}
	if a, ok, err := s.CurrentAppointment(ctx, me); err != nil {
		return ws, err
	} else if ok {
		c := s.wf.ContactOf(ctx, a.Coordinator)
		ws.Coordinator = &c
	}
	qs, err := s.wf.Find(ctx, "ServiceRequest", "subject", me)
	if err != nil {
		return ws, err
	}
	for _, r := range qs {
		if q, err := intake.InquiryFromFHIR(r); err == nil {
			ws.Inquiries = append(ws.Inquiries, q)
		}
	}
	for _, rp := range p.RelatedPersonIDs {
		r, _, err := s.wf.Get(ctx, "RelatedPerson", rp)
		if err != nil || !kernel.IsGuardian(r) {
			continue
		}
		child := kernel.PathString(r.Object(), "patient", "reference")
		if cs, err := s.summary(ctx, child); err == nil {
			ws.Children = append(ws.Children, cs)
		}
	}
	return ws, s.wf.LogRead(ctx, me, "CitizenWorkspace")
}

// ProviderWorkspace is a provider's: the plans where it has a measure.
type ProviderWorkspace struct {
	Plans []ProviderPlan
}

// ProviderPlan is a plan where the provider has measures.
type ProviderPlan struct {
	PlanID      string
	PatientName string
	Measures    []plan.Measure // the provider's own
}

// ProviderWorkspace lists the plans the provider may open where it has a measure.
func (s *Service) ProviderWorkspace(ctx context.Context) (ProviderWorkspace, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return ProviderWorkspace{}, err
	}
	if !p.Has(access.ServiceProvider) || p.PractitionerID == "" {
		return ProviderWorkspace{}, kernel.Text{NB: "Arbeidsflaten er for tjenesteytere.", EN: "The workspace is for service providers."}.Err(apperr.Forbidden)
	}
	me := kernel.Ref("Practitioner", p.PractitionerID)
	teams, err := s.wf.Find(ctx, "CareTeam", "participant", me, "status", "active")
	if err != nil {
		return ProviderWorkspace{}, err
	}
	var ws ProviderWorkspace
	for _, t := range teams {
		planID, ok := planIDOfTeam(t.ID())
		if !ok {
			continue
		}
		v, err := s.Plan(ctx, planID)
		if err != nil {
			continue // outside reach or not shared now
		}
		pp := ProviderPlan{PlanID: planID, PatientName: v.PatientName}
		for _, m := range v.Plan.Measures {
			if m.ResponsiblePerson == me || (len(p.Units) > 0 && m.Provider == kernel.Ref("Organization", p.Units[0])) {
				pp.Measures = append(pp.Measures, m)
			}
		}
		if len(pp.Measures) > 0 {
			ws.Plans = append(ws.Plans, pp)
		}
	}
	return ws, nil
}

func planIDOfTeam(teamID string) (string, bool) {
	const suffix = "-team"
	if len(teamID) <= len(suffix) || teamID[len(teamID)-len(suffix):] != suffix {
		return "", false
	}
	return teamID[:len(teamID)-len(suffix)], true
}

// UnitLeadOverview is every case of the unit, by stage.
type UnitLeadOverview struct {
	ByStage map[Stage][]CaseSummary
	Inbox   []intake.InboxItem
}

// UnitLeadOverview lists the unit's cases by stage: inquiries waiting, cases waiting for a
// coordinator, and every citizen with a coordinator appointed by the unit.
func (s *Service) UnitLeadOverview(ctx context.Context) (UnitLeadOverview, error) {
	inbox, err := s.Inbox(ctx)
	if err != nil {
		return UnitLeadOverview{}, err
	}
	ov := UnitLeadOverview{ByStage: map[Stage][]CaseSummary{}, Inbox: inbox}
	seen := map[string]bool{}
	for _, it := range inbox {
		seen[it.Inquiry.Subject] = true
		ov.ByStage[StageInquiry] = append(ov.ByStage[StageInquiry], CaseSummary{Patient: it.Inquiry.Subject, PatientName: it.PatientName, Stage: StageInquiry, Late: it.Clock.Assessment.Late})
	}
	var patients []string
	tasks, err := s.wf.Find(ctx, "Task", "owner", kernel.Ref("Organization", s.wf.Unit()), "status", "requested")
	if err != nil {
		return ov, err
	}
	for _, t := range tasks {
		patients = kernel.AppendNew(patients, kernel.PathString(t.Object(), "for", "reference"))
	}
	eps, err := s.wf.Find(ctx, "EpisodeOfCare", "organization", kernel.Ref("Organization", s.wf.Unit()), "status", "active")
	if err != nil {
		return ov, err
	}
	for _, e := range eps {
		patients = kernel.AppendNew(patients, kernel.PathString(e.Object(), "patient", "reference"))
	}
	for _, pt := range patients {
		if pt == "" || seen[pt] {
			continue
		}
		seen[pt] = true
		cs, err := s.summary(ctx, pt)
		if err != nil {
			return ov, err
		}
		ov.ByStage[cs.Stage] = append(ov.ByStage[cs.Stage], cs)
	}
	return ov, nil
}

// RelativeWorkspace is a relative's: the citizens whose consent lets them take part, with the
// plan each may open. (Added after the first API; additive.)
type RelativeWorkspace struct {
	Citizens []CaseSummary
}

// RelativeWorkspace lists the citizens the signed-in relative reaches through a consent.
func (s *Service) RelativeWorkspace(ctx context.Context) (RelativeWorkspace, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return RelativeWorkspace{}, err
	}
	var ws RelativeWorkspace
	for _, rp := range p.RelatedPersonIDs {
		r, _, err := s.wf.Get(ctx, "RelatedPerson", rp)
		if err != nil {
			continue
		}
		pt := kernel.PathString(r.Object(), "patient", "reference")
		if _, err := s.wf.Reach(ctx, pt); err != nil {
			continue // no consent names them now
		}
		cs := CaseSummary{Patient: pt, PatientName: s.wf.Name(ctx, pt)}
		if id, ok, err := s.CurrentOf(ctx, pt); err == nil && ok {
			if v, err := s.Plan(ctx, id); err == nil {
				cs.PlanID, cs.PlanStatus = id, v.Plan.Status
			}
		}
		ws.Citizens = append(ws.Citizens, cs)
	}
	return ws, nil
}
