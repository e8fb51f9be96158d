package reporting

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// Purpose is the access log's purpose of use for each person the report names.
const Purpose = "Nasjonal rapportering til Kommunalt pasient- og brukerregister (KPR)"

// EntryLog stores the entries of one access together (accesslog.Log does).
type EntryLog interface {
	RecordAll(ctx context.Context, events []accesslog.Event) error
}

// Service draws the year's KPR report from the records.
type Service struct {
	wf    *workflow.Base
	log   EntryLog
	codes KPRServices
	fns   allocation.Functions
}

// NewService returns the report's service on wf, logging to log (the same log wf's reads go to).
func NewService(wf *workflow.Base, log EntryLog) (*Service, error) {
	codes, err := LoadKPRServices()
	if err != nil {
		return nil, err
	}
	fns, err := allocation.LoadFunctions()
	if err != nil {
		return nil, err
	}
	return &Service{wf: wf, log: log, codes: codes, fns: fns}, nil
}

// KPR is the year's report for the municipality numbered municipality. It is the operator's:
// the principal must be a system (whose need-to-know reaches every citizen), since the file
// names everyone the office decided for. Its reads do not grow with the rows: one search per
// kind of record (each read in pages of store.MaxCount) and one query per thousand people for
// their Patients. Every person written has an entry in the access log, with the report's purpose,
// stored before the report is returned.
func (s *Service) KPR(ctx context.Context, year int, h Header) (File, Summary, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return File{}, Summary{}, err
	}
	if !p.IsSystem() {
		return File{}, Summary{}, kernel.Text{NB: "KPR-rapporten lages av driftens kommando.", EN: "The KPR report is made by the operator's command."}.Err(apperr.Forbidden)
	}
	src, err := s.sources(ctx)
	if err != nil {
		return File{}, Summary{}, fmt.Errorf("reading for the KPR report: %w", err)
	}
	src.Functions = s.fns
	f, sum := BuildKPR(year, src, s.codes, h)
	if err := s.logPersons(ctx, p, f, src.Citizens); err != nil {
		return File{}, Summary{}, err
	}
	return f, sum, nil
}

// sources reads what the report is drawn from: the office's decisions and applications, its
// cases (their assessments), the individual plans, the coordinator appointments, and the
// Patients of those decided for.
func (s *Service) sources(ctx context.Context) (Sources, error) {
	office := kernel.Ref("Organization", s.wf.Office())
	src := Sources{Received: map[string]time.Time{}, Assessments: map[string][]allocation.Assessment{},
		Plans: map[string][]kernel.Period{}, Coordinator: map[string][]kernel.Period{}}
	found, err := s.wf.Find(ctx, "ServiceRequest", "requester", office, "intent", "order")
	if err != nil {
		return Sources{}, err
	}
	var subjects []string
	for _, r := range found {
		if !allocation.IsDecision(r) {
			continue
		}
		d, err := allocation.DecisionFromFHIR(r)
		if err != nil {
			return Sources{}, err
		}
		src.Decisions = append(src.Decisions, d)
		subjects = append(subjects, d.Subject)
	}
	if found, err = s.wf.Find(ctx, "ServiceRequest", "performer", office, "intent", "proposal"); err != nil {
		return Sources{}, err
	}
	apps, err := allocation.Applications(found)
	if err != nil {
		return Sources{}, err
	}
	for _, a := range apps {
		for _, sv := range a.Services {
			src.Received["ServiceRequest/"+sv.ID] = a.Received
		}
	}
	if found, err = s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+allocation.TaskCase); err != nil {
		return Sources{}, err
	}
	for _, r := range found {
		if a := allocation.AssignmentFromFHIR(r); a.Assessment != nil {
			src.Assessments[a.Subject] = append(src.Assessments[a.Subject], *a.Assessment)
		}
	}
	if found, err = s.wf.Find(ctx, "CarePlan", "category", kernel.CSPlanCategory+"|individual-plan"); err != nil {
		return Sources{}, err
	}
	for _, r := range found {
		status, _ := r.Object().String("status")
		if plan.IsIndividualPlan(r) && (status == string(plan.PlanActive) || status == string(plan.PlanOnHold) || status == string(plan.PlanCompleted)) {
			subject := kernel.PathString(r.Object(), "subject", "reference")
			src.Plans[subject] = append(src.Plans[subject], kernel.PathPeriod(r.Object(), "period"))
		}
	}
	if found, err = s.wf.Find(ctx, "EpisodeOfCare"); err != nil {
		return Sources{}, err
	}
	for _, r := range found {
		if !coordinators.IsAppointment(r) {
			continue
		}
		a, err := coordinators.AppointmentFromFHIR(r)
		if err != nil {
			return Sources{}, err
		}
		src.Coordinator[a.Patient] = append(src.Coordinator[a.Patient], kernel.Period{Start: a.AppointedAt, End: a.Ended})
	}
	src.Citizens, err = s.citizens(ctx, subjects)
	return src, err
}

// citizens reads the Patients refs name, one query per store.MaxCount of them.
func (s *Service) citizens(ctx context.Context, refs []string) (map[string]Citizen, error) {
	var ids []string
	for _, ref := range refs {
		if id, ok := strings.CutPrefix(ref, "Patient/"); ok && fhir.ValidID(id) && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	out := make(map[string]Citizen, len(ids))
	for chunk := range slices.Chunk(ids, store.MaxCount) {
		found, err := store.SearchAll(ctx, s.wf.Store(), search.Query{Type: "Patient", IDs: chunk, Count: store.MaxCount})
		if err != nil {
			return nil, err
		}
		for _, rec := range found {
			if r := records.Parsed(rec); r != nil {
				out["Patient/"+rec.ID] = CitizenOf(r)
			}
		}
	}
	return out, nil
}

// CitizenOf is what the report takes from a Patient: the identity number (a fødselsnummer
// before a D-nummer), the gender and the birth date.
func CitizenOf(r *fhir.Resource) Citizen {
	o := r.Object()
	c := Citizen{Ref: "Patient/" + r.ID(), Gender: kernel.PathString(o, "gender"), Birth: kernel.PathTime(o, "birthDate")}
	for _, id := range kernel.Objects(o, "identifier") {
		system, value := kernel.PathString(id, "system"), kernel.PathString(id, "value")
		switch {
		case system == fhir.SystemFNR && value != "":
			c.NIN, c.IDType = value, "FNR"
		case system == fhir.SystemDNR && value != "" && c.IDType != "FNR":
			c.NIN, c.IDType = value, "DNR"
		}
	}
	return c
}

// logPersons writes one access-log entry per person in f, together, with the report's purpose.
func (s *Service) logPersons(ctx context.Context, p *access.Principal, f File, citizens map[string]Citizen) error {
	byNIN := make(map[string]string, len(citizens))
	for ref, c := range citizens {
		byNIN[c.NIN] = kernel.IDOf(ref)
	}
	now := s.wf.Records().Now()
	events := make([]accesslog.Event, 0, len(f.Persons))
	for _, person := range f.Persons {
		events = append(events, accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess, Principal: p,
			Reason: Purpose, When: now, What: []string{"ServiceRequest?intent=order", "Patient/" + byNIN[person.NIN]},
			Patients: []string{byNIN[person.NIN]}})
	}
	if len(events) == 0 {
		return nil
	}
	if err := s.log.RecordAll(ctx, events); err != nil {
		return accesslog.Unwritten(err)
	}
	return nil
}
