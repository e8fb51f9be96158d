package allocation

import (
	"context"
	"slices"

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
// top, for the office's case officers and unit lead.
func (s *Service) OfficeInbox(ctx context.Context, f InboxFilter) ([]InboxRow, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !isOffice(p, []string{s.wf.Office()}) {
		return nil, kernel.Text{NB: "Innboksen er tildelingskontorets.", EN: "The inbox is the allocation office's."}.Err(apperr.Forbidden)
	}
	found, err := s.wf.Find(ctx, "ServiceRequest", "performer", kernel.Ref("Organization", s.wf.Office()), "status", "active", "intent", "proposal")
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
	now, names := s.wf.Now(), s.wf.Names()
	var rows []InboxRow
	var patients []string
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
		row := InboxRow{Application: a, PatientName: names.Name(ctx, a.Subject), Clock: clock.Replied(held[a.Reference].ReplyExpected), Officer: officer}
		if officer != "" {
			row.OfficerName = names.Name(ctx, officer)
		}
		rows = append(rows, row)
		patients = kernel.AppendNew(patients, a.Subject)
	}
	slices.SortStableFunc(rows, func(a, b InboxRow) int {
		if c := a.Clock.PreliminaryReply.Due.Compare(b.Clock.PreliminaryReply.Due); c != 0 {
			return c
		}
		return a.Application.Received.Compare(b.Application.Received)
	})
	for _, pt := range patients {
		if err := s.wf.LogRead(ctx, pt, "ServiceRequest"); err != nil {
			return nil, err
		}
	}
	return rows, nil
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
