package coordinators

import (
	"context"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// Service is the coordinator register and the appointment of coordinators: the unit lead and
// the administrator keep the register; the unit lead appoints a coordinator from it.
type Service struct {
	wf *workflow.Base
}

// NewService returns the register's service on wf.
func NewService(wf *workflow.Base) *Service { return &Service{wf: wf} }

// Register lists the coordinator register: every PractitionerRole coded coordinator, with its
// Practitioner (courses, contact). Staff only.
func (s *Service) Register(ctx context.Context) ([]Coordinator, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !workflow.IsStaff(p) {
		return nil, kernel.Text{NB: "Koordinatorregisteret er for ansatte.", EN: "The coordinator register is for staff."}.Err(apperr.Forbidden)
	}
	roles, err := s.wf.Find(ctx, "PractitionerRole", "role", kernel.CSParticipantRole+"|"+string(kernel.RoleCoordinator))
	if err != nil {
		return nil, err
	}
	var out []Coordinator
	for _, role := range roles {
		prac, rec, err := s.wf.Get(ctx, "Practitioner", kernel.IDOf(kernel.PathString(role.Object(), "practitioner", "reference")))
		if err != nil {
			continue
		}
		c, err := CoordinatorFromFHIR(prac, role)
		if err != nil {
			return nil, err
		}
		c.Version = rec.VersionID
		out = append(out, c)
	}
	return out, nil
}

// SaveCoordinator adds or changes a register entry (unit lead or administrator): its
// Practitioner and PractitionerRole. Empty ids get new ones. An entry carrying the version it
// was read at is saved only if the Practitioner is still at that version (a Conflict if not);
// the entry returned carries the version written.
func (s *Service) SaveCoordinator(ctx context.Context, c Coordinator) (Coordinator, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return c, err
	}
	if !p.Has(access.UnitLead) && !p.Has(access.Administrator) {
		return c, kernel.Text{NB: "Bare enhetslederen eller en administrator fører registeret.",
			EN: "Only the unit lead or an administrator keeps the register."}.Err(apperr.Forbidden)
	}
	if strings.TrimSpace(c.Name) == "" || c.Unit == "" {
		return c, kernel.Text{NB: "Koordinatoren må ha navn og enhet.", EN: "A coordinator needs a name and a unit."}.Err(apperr.Unprocessable)
	}
	if c.ID == "" {
		c.ID = kernel.Ref("Practitioner", s.wf.NewID())
	}
	if c.RoleID == "" {
		c.RoleID = kernel.Ref("PractitionerRole", kernel.IDOf(c.ID)+"-coordinator")
	}
	prac, role := CoordinatorToFHIR(c)
	written, err := s.wf.Commit(ctx, workflow.Put{Res: prac, IfMatch: c.Version}, workflow.Put{Res: role})
	if apperr.Is(err, apperr.PreconditionFailed) {
		return c, kernel.Text{NB: "Koordinatoren ble endret av noen andre samtidig; se over og prøv igjen.",
			EN: "Someone else changed the coordinator at the same time; check and try again."}.Err(apperr.Conflict)
	}
	if err != nil {
		return c, err
	}
	if rec, ok := written[c.ID]; ok {
		c.Version = rec.VersionID
	}
	return c, nil
}

// CandidateList is what the unit lead chooses from: the citizen's own proposal and the
// candidates with their caseload, the proposal first.
type CandidateList struct {
	Proposal   string
	Kind       CoordinatorKind
	Candidates []Candidate
}

// Candidates lists the coordinators who can act as kind for patient (empty kind: the one the
// assessment chose), with the citizen's proposal from the inquiry.
func (s *Service) Candidates(ctx context.Context, patient string, kind CoordinatorKind) (CandidateList, error) {
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return CandidateList{}, err
	}
	register, err := s.Register(ctx)
	if err != nil {
		return CandidateList{}, err
	}
	task, _ := s.OpenAppointTask(ctx, patient)
	out := CandidateList{Kind: kind}
	if task != nil {
		out.Proposal = taskInput(task, "proposal")
		if out.Kind == "" {
			out.Kind = CoordinatorKind(taskInput(task, "coordinator-kind"))
		}
	}
	if out.Proposal == "-" {
		out.Proposal = ""
	}
	out.Kind = out.Kind.OrOrdinary()
	loads, err := s.caseloads(ctx)
	if err != nil {
		return out, err
	}
	out.Candidates = Candidates(register, loads, out.Kind, out.Proposal, s.wf.Now())
	return out, nil
}

func taskInput(t *fhir.Resource, name string) string {
	for _, in := range kernel.Objects(t.Object(), "input") {
		if kernel.PathString(in, "type", "text") == name {
			return kernel.PathString(in, "valueString")
		}
	}
	return ""
}

// OpenAppointTask is the unit's open appointment Task for patient, if any.
func (s *Service) OpenAppointTask(ctx context.Context, patient string) (*fhir.Resource, error) {
	tasks, err := s.wf.Find(ctx, "Task", "patient", kernel.Ref("Patient", kernel.IDOf(patient)), "code", kernel.CSTaskKind+"|"+TaskAppointCoordinator, "status", "requested")
	if err != nil || len(tasks) == 0 {
		return nil, err
	}
	return tasks[0], nil
}

// Appointments are every coordinator appointment (EpisodeOfCare) of patient, or of everyone
// when patient is ""; another service's episode of the citizen is not one (AppointCoordinator
// ends the running appointments, and must leave those alone).
func (s *Service) Appointments(ctx context.Context, patient string) ([]CoordinatorAppointment, error) {
	var kv []string
	if patient != "" {
		kv = []string{"patient", kernel.Ref("Patient", kernel.IDOf(patient))}
	}
	eps, err := s.wf.Find(ctx, "EpisodeOfCare", kv...)
	if err != nil {
		return nil, err
	}
	var out []CoordinatorAppointment
	for _, e := range eps {
		if !IsAppointment(e) {
			continue
		}
		a, err := AppointmentFromFHIR(e)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

func (s *Service) caseloads(ctx context.Context) (map[string]int, error) {
	apps, err := s.Appointments(ctx, "")
	if err != nil {
		return nil, err
	}
	return Caseloads(apps, s.wf.Now()), nil
}

// AppointInput is the unit lead's choice of coordinator.
type AppointInput struct {
	Patient     string
	Coordinator string // Practitioner/...
	Kind        CoordinatorKind
	Reasons     string // why the citizen's proposal was not followed
}

// AppointCoordinator appoints a coordinator (unit lead): an EpisodeOfCare managed by the unit
// with the coordinator as care manager, so the coordinator reaches the citizen at once; the
// unit's appointment Task is completed. A running appointment of the citizen is ended.
func (s *Service) AppointCoordinator(ctx context.Context, in AppointInput) (CoordinatorAppointment, error) {
	list, err := s.Candidates(ctx, in.Patient, in.Kind)
	if err != nil {
		return CoordinatorAppointment{}, err
	}
	p, _ := workflow.Principal(ctx)
	if !p.Has(access.UnitLead) || p.PractitionerID == "" {
		return CoordinatorAppointment{}, kernel.Text{NB: "Bare enhetslederen oppnevner koordinator.", EN: "Only the unit lead appoints "}.Err(apperr.Forbidden)
	}
	register, err := s.Register(ctx)
	if err != nil {
		return CoordinatorAppointment{}, err
	}
	now := s.wf.Now()
	a := CoordinatorAppointment{ID: s.wf.NewID(), Patient: kernel.Ref("Patient", kernel.IDOf(in.Patient)), Coordinator: in.Coordinator,
		Kind: list.Kind, AppointedBy: kernel.Ref("Practitioner", p.PractitionerID), AppointedAt: now, Proposal: list.Proposal, Reasons: in.Reasons}
	if err := Appoint(a, register); err != nil {
		return a, err
	}
	var puts []workflow.Put
	olds, err := s.Appointments(ctx, a.Patient)
	if err != nil {
		return a, err
	}
	for _, old := range olds {
		if old.Running(now) {
			old.Ended = now
			puts = append(puts, workflow.Put{Res: s.episodeResource(old)})
		}
	}
	puts = append(puts, workflow.Put{Res: s.episodeResource(a)})
	if t, _ := s.OpenAppointTask(ctx, a.Patient); t != nil {
		t.Object().Set("status", "completed")
		puts = append(puts, workflow.Put{Res: t})
	}
	_, err = s.wf.Commit(ctx, puts...)
	return a, err
}

// episodeResource is the appointment's EpisodeOfCare, managed by the unit.
func (s *Service) episodeResource(a CoordinatorAppointment) *fhir.Resource {
	r := AppointmentToFHIR(a)
	r.Object().Set("managingOrganization", kernel.RefObject(kernel.Ref("Organization", s.wf.Unit()), ""))
	return r
}

// CurrentAppointment is the citizen's running appointment, if any.
func (s *Service) CurrentAppointment(ctx context.Context, patient string) (CoordinatorAppointment, bool, error) {
	apps, err := s.Appointments(ctx, patient)
	if err != nil {
		return CoordinatorAppointment{}, false, err
	}
	now := s.wf.Now()
	for _, a := range apps {
		if a.Running(now) {
			return a, true, nil
		}
	}
	return CoordinatorAppointment{}, false, nil
}
