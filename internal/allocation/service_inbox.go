package allocation

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// InboxRow is one application waiting in the office's inbox.
type InboxRow struct {
	Application Application
	PatientName string
	Clock       CaseClock
	Officer     string // Practitioner/... handling it; "" while nobody does
	OfficerName string
}

// InboxFilter narrows the inbox; the zero value is every waiting application.
type InboxFilter struct {
	Service string // a catalogue code: only applications that include it
	Officer string // Practitioner/...: only that officer's; "none": only those nobody handles
}

// OfficeInbox lists the applications waiting at the office, the one whose reply is due first on
// top, for the office's case officers and unit lead. Its reads of the store do not grow with
// each application: a search for the applications, one for the cases, one query per thousand
// citizens for their names and a read per officer; then every citizen listed has their entry in
// the access log, the entries written together (logReads).
func (s *Service) OfficeInbox(ctx context.Context, f InboxFilter) ([]InboxRow, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !isOffice(p, []string{s.wf.Office()}) {
		return nil, kernel.Text{NB: "Innboksen er tildelingskontorets.", EN: "The inbox is the allocation office's."}.Err(apperr.Forbidden)
	}
	// Applications keeps only the applications (intent proposal; a decision is an order, and
	// names the unit giving the service as performer, not the office), so the search does not
	// ask for the intent too: a second token clause is a probe per candidate row, which
	// PostgreSQL's generic plan runs on the (type, param, code, system, id) key, reading every
	// waiting application's entry for each one (2.4 s a page of 1,000 of 7,500; 86 ms without).
	found, err := s.wf.Find(ctx, "ServiceRequest", "performer", kernel.Ref("Organization", s.wf.Office()), "status", "active")
	if err != nil {
		return nil, err
	}
	list, err := Applications(found)
	if err != nil {
		return nil, err
	}
	held, err := s.assignments(ctx)
	if err != nil {
		return nil, err
	}
	now := s.wf.Now()
	rows := make([]InboxRow, 0, len(list))
	var patients []string // the citizens listed, each once, in the order first met
	listed := map[string]bool{}
	for _, a := range list {
		officer := held[a.Reference].Officer
		if f.Service != "" && !slices.Contains(a.Codes(), f.Service) || f.Officer == "none" && officer != "" ||
			f.Officer != "" && f.Officer != "none" && f.Officer != officer {
			continue
		}
		clock, err := Deadlines(a, s.wf.Law(), now)
		if err != nil {
			return nil, err
		}
		rows = append(rows, InboxRow{Application: a, Clock: clock.Replied(held[a.Reference].ReplyExpected), Officer: officer})
		if !listed[a.Subject] {
			listed[a.Subject] = true
			patients = append(patients, a.Subject)
		}
	}
	citizens, err := s.patientNames(ctx, patients)
	if err != nil {
		return nil, err
	}
	names := s.wf.Names()
	for i := range rows {
		row := &rows[i]
		if n, ok := citizens[row.Application.Subject]; ok {
			row.PatientName = n
		} else {
			row.PatientName = names.Name(ctx, row.Application.Subject)
		}
		if row.Officer != "" {
			row.OfficerName = names.Name(ctx, row.Officer)
		}
	}
	slices.SortStableFunc(rows, func(a, b InboxRow) int {
		if c := a.Clock.PreliminaryReply.Due.Compare(b.Clock.PreliminaryReply.Due); c != 0 {
			return c
		}
		return a.Application.Received.Compare(b.Application.Received)
	})
	if err := s.logReads(ctx, patients, "ServiceRequest"); err != nil {
		return nil, err
	}
	return rows, nil
}

// patientNames are the names of the citizens refs ("Patient/x") name, by reference, read
// with one query per store.MaxCount of them (the store takes a long list of ids as one set;
// the search parameter _id of the API takes at most fhir.MaxSearchValues) rather than a read
// each. A citizen without a current, readable Patient is missing from the map, as is a
// reference of another form: the caller reads those one by one (workflow.NameBook), which
// gives "" as Base.Name does.
func (s *Service) patientNames(ctx context.Context, refs []string) (map[string]string, error) {
	people, err := s.patientPeople(ctx, refs)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(people))
	for ref, p := range people {
		out[ref] = p.name
	}
	return out, nil
}

// logWorkers is how many of a list's access log entries are written at once. The log commits
// (or journals) in one batch whatever arrives while it writes the previous one, so a list of
// 5,000 citizens costs about 5,000/logWorkers fsyncs instead of 5,000 one after another.
const logWorkers = 64

// logReads logs that the principal read what about each of patients (one entry per citizen, as
// Base.LogRead writes it) and returns once every entry is durable, or with the first failure.
func (s *Service) logReads(ctx context.Context, patients []string, what ...string) error {
	var (
		next    atomic.Int64
		stop    atomic.Bool
		wg      sync.WaitGroup
		errOnce sync.Once
		first   error
	)
	for range min(len(patients), logWorkers) {
		wg.Go(func() {
			for !stop.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(patients) {
					return
				}
				if err := s.wf.LogRead(ctx, patients[i], what...); err != nil {
					errOnce.Do(func() { first = err })
					stop.Store(true)
				}
			}
		})
	}
	wg.Wait()
	return first
}

// ApplicantName is the name of the citizen an application is for, as the office's pages show it.
func (s *Service) ApplicantName(ctx context.Context, patient string) string {
	return s.wf.Name(ctx, patient)
}

// CaseOf is an application's case: who handles it and any preliminary reply; the zero
// Assignment when nobody has taken it.
func (s *Service) CaseOf(ctx context.Context, reference string) (Assignment, error) {
	r, _, err := s.wf.Get(ctx, "Task", CaseID(reference))
	if apperr.Is(err, apperr.NotFound) {
		return Assignment{}, nil
	}
	if err != nil {
		return Assignment{}, err
	}
	return AssignmentFromFHIR(r), nil
}
