package messages

import (
	"context"
	"slices"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// Service is the letters the municipality has sent a citizen, for the citizen (or a guardian
// for a child) to read again at /citizen/letters.
type Service struct {
	wf *workflow.Base
}

// NewService returns the letters' service on wf.
func NewService(wf *workflow.Base) *Service { return &Service{wf: wf} }

// Letters are the letters sent to the citizen (Patient/...) by the coordinating unit or the
// allocation office, newest
// first: for the citizen themself or a guardian of theirs only, not for others who reach the
// citizen (a letter is the citizen's own). The read is logged.
func (s *Service) Letters(ctx context.Context, patient string) ([]Message, error) {
	patient = kernel.Ref("Patient", kernel.IDOf(patient))
	p, err := s.wf.Reach(ctx, patient)
	if err != nil {
		return nil, err
	}
	if kernel.Ref("Patient", p.PatientID) != patient && !s.guardianOf(ctx, p.RelatedPersonIDs, patient) {
		return nil, apperr.New(apperr.NotFound, "the letters of %s are not known", patient)
	}
	var found []*fhir.Resource
	for _, sender := range []string{s.wf.Unit(), s.wf.Office()} { // the coordinating unit's letters and the allocation office's
		more, err := s.wf.Find(ctx, "Communication", "recipient", patient, "sender", kernel.Ref("Organization", sender))
		if err != nil {
			return nil, err
		}
		found = append(found, more...)
	}
	var out []Message
	for _, r := range found {
		if m, err := MessageFromFHIR(r); err == nil && slices.Contains(m.To, patient) {
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Message) int { return b.Sent.Compare(a.Sent) })
	return out, s.wf.LogRead(ctx, patient, "Communication")
}

// guardianOf reports whether one of the RelatedPersons is patient's guardian.
func (s *Service) guardianOf(ctx context.Context, related []string, patient string) bool {
	for _, id := range related {
		rp, _, err := s.wf.Get(ctx, "RelatedPerson", id)
		if err == nil && kernel.PathString(rp.Object(), "patient", "reference") == patient && kernel.IsGuardian(rp) {
			return true
		}
	}
	return false
}

// LettersToMe are the letters sent to the principal as a party in their own right (a carer
// of a carer allowance, as their RelatedPerson), newest first; each read is logged as a read of
// the citizen the letter is about.
func (s *Service) LettersToMe(ctx context.Context) ([]Message, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	var out []Message
	for _, id := range p.RelatedPersonIDs {
		found, err := s.wf.Find(ctx, "Communication", "recipient", kernel.Ref("RelatedPerson", id), "sender", kernel.Ref("Organization", s.wf.Office()))
		if err != nil {
			return nil, err
		}
		for _, r := range found {
			m, err := MessageFromFHIR(r)
			if err != nil {
				return nil, err
			}
			if err := s.wf.LogRead(ctx, m.Patient, "Communication/"+m.ID); err != nil {
				return nil, err
			}
			out = append(out, m)
		}
	}
	slices.SortStableFunc(out, func(a, b Message) int { return b.Sent.Compare(a.Sent) })
	return out, nil
}
