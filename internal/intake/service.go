package intake

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// Service is the coordinating unit's intake: inquiries and need reports received with a
// reference number, the unit lead's inbox, and the assessment with its letter.
type Service struct {
	wf *workflow.Base
}

// NewService returns the intake's service on wf.
func NewService(wf *workflow.Base) *Service { return &Service{wf: wf} }

// InquiryInput is what the sender writes. The source (citizen, guardian, relative or provider)
// follows from who the principal is and how they are linked to the subject.
type InquiryInput struct {
	Subject             string // Patient id or "Patient/id": whom the inquiry is about
	Need                string
	CurrentServices     []string
	ProposedCoordinator string
	// CitizenConsent: a relative's inquiry, the time the citizen agreed (zero: not yet; record
	// it later with RecordInquiryConsent).
	CitizenConsent time.Time
}

// Receipt is what the sender gets back.
type Receipt struct {
	Inquiry Inquiry
	Text    kernel.Text
}

// SubmitInquiry receives an inquiry: from a citizen for themself, from a guardian for their
// child, from a relative on the citizen's behalf, or a need report from a provider or GP. It is
// kept as a ServiceRequest addressed to the coordinating unit, with a reference number.
func (s *Service) SubmitInquiry(ctx context.Context, in InquiryInput) (Receipt, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Receipt{}, err
	}
	subject := kernel.Ref("Patient", kernel.IDOf(in.Subject))
	source, sender, err := s.senderOf(ctx, p, subject)
	if err != nil {
		return Receipt{}, err
	}
	now := s.wf.Now()
	q := Inquiry{ID: s.wf.NewID(), Source: source, Status: InquiryReceived, Subject: subject, Sender: sender,
		Received: now, Need: strings.TrimSpace(in.Need), CurrentServices: in.CurrentServices,
		ProposedCoordinator: strings.TrimSpace(in.ProposedCoordinator), CitizenConsent: in.CitizenConsent}
	if source != FromRelative {
		q.CitizenConsent = time.Time{}
	}
	if err := ValidateInquiry(q); err != nil {
		return Receipt{}, err
	}
	seq, err := s.wf.NextSequence(ctx, "inquiry", now.Year())
	if err != nil {
		return Receipt{}, err
	}
	q.Reference = ReferenceNumber(now, seq)
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: s.inquiryResource(q)}); err != nil {
		return Receipt{}, fmt.Errorf("storing the inquiry: %w", err)
	}
	return Receipt{Inquiry: q, Text: ReceiptText(q)}, nil
}

// inquiryResource is the ServiceRequest, addressed to the unit.
func (s *Service) inquiryResource(q Inquiry) *fhir.Resource {
	r := InquiryToFHIR(q)
	r.Object().Set("performer", []any{kernel.RefObject(kernel.Ref("Organization", s.wf.Unit()), "")})
	return r
}

// senderOf works out the inquiry's source from the principal's links to subject: staff send
// need reports in their own name.
func (s *Service) senderOf(ctx context.Context, p *access.Principal, subject string) (InquirySource, string, error) {
	kind, sender, err := s.wf.ActingFor(ctx, p, subject, access.ServiceProvider, access.Coordinator, access.CaseOfficer, access.UnitLead)
	if err != nil || kind != "" {
		return InquirySource(kind), sender, err
	}
	return "", "", kernel.Text{NB: "Du kan sende henvendelse for deg selv, for barn du er foresatt for, eller som pårørende.",
		EN: "You may send an inquiry for yourself, for a child you are guardian for, or as a relative."}.Err(apperr.Forbidden)
}

// Inquiry returns one inquiry, for whoever has the citizen in reach.
func (s *Service) Inquiry(ctx context.Context, id string) (Inquiry, error) {
	r, _, err := s.wf.Get(ctx, "ServiceRequest", id)
	if err != nil {
		return Inquiry{}, err
	}
	q, err := InquiryFromFHIR(r)
	if err != nil {
		return Inquiry{}, err
	}
	if _, err := s.wf.Reach(ctx, q.Subject); err != nil {
		return Inquiry{}, apperr.New(apperr.NotFound, "ServiceRequest/%s is not known", id)
	}
	return q, s.wf.LogRead(ctx, q.Subject, "ServiceRequest/"+id)
}

// RecordInquiryConsent records that the citizen agrees to a relative's inquiry: the citizen
// themself, or the unit recording what the citizen said.
func (s *Service) RecordInquiryConsent(ctx context.Context, id string) (Inquiry, error) {
	q, err := s.Inquiry(ctx, id)
	if err != nil {
		return q, err
	}
	// who may record it (the citizen, or the unit's staff) is the intake rule's to decide
	q.CitizenConsent = s.wf.Now()
	_, err = s.wf.Commit(ctx, workflow.Put{Res: s.inquiryResource(q)})
	return q, err
}

// InboxItem is one inquiry in the unit lead's inbox.
type InboxItem struct {
	Inquiry     Inquiry
	PatientName string
	Clock       InquiryClock // age in days and deadlines
}

// Inbox lists the inquiries waiting for assessment at the unit, oldest first.
func (s *Service) Inbox(ctx context.Context) ([]InboxItem, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !s.wf.IsUnitStaff(p) {
		return nil, kernel.Text{NB: "Innboksen er koordinerende enhets.", EN: "The inbox is the coordinating unit's."}.Err(apperr.Forbidden)
	}
	found, err := s.wf.Find(ctx, "ServiceRequest", "performer", kernel.Ref("Organization", s.wf.Unit()), "status", "active")
	if err != nil {
		return nil, err
	}
	now := s.wf.Now()
	var out []InboxItem
	var patients []string
	names := s.wf.Names()
	for _, r := range found {
		q, err := InquiryFromFHIR(r)
		if err != nil {
			return nil, err
		}
		clock, err := InquiryDeadlines(q, s.wf.Law(), now)
		if err != nil {
			return nil, err
		}
		out = append(out, InboxItem{Inquiry: q, PatientName: names.Name(ctx, q.Subject), Clock: clock})
		patients = kernel.AppendNew(patients, q.Subject)
	}
	slices.SortFunc(out, func(a, b InboxItem) int { return a.Inquiry.Received.Compare(b.Inquiry.Received) })
	for _, pt := range patients {
		if err := s.wf.LogRead(ctx, pt, "ServiceRequest"); err != nil {
			return nil, err
		}
	}
	return out, nil
}
