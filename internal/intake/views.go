package intake

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// Subject is a citizen the signed-in person may send an inquiry for, and how they are linked.
type Subject struct {
	Patient string // Patient/...
	Name    string
	Source  InquirySource // from-citizen (self), guardian or relative
	Via     string        // the RelatedPerson that links the person to a child or citizen; "" for oneself
}

// InquirySubjects lists whom the signed-in person may send an inquiry for: themself (a
// citizen), each child they are guardian for, and each citizen they are a relative of. Only
// names the person is linked to are read, so nothing here reaches past their own links.
func (s *Service) InquirySubjects(ctx context.Context) ([]Subject, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	var out []Subject
	if p.Has(access.Citizen) && p.PatientID != "" {
		me := kernel.Ref("Patient", p.PatientID)
		out = append(out, Subject{Patient: me, Name: s.wf.Name(ctx, me), Source: FromCitizen})
	}
	for _, rp := range p.RelatedPersonIDs {
		r, _, err := s.wf.Get(ctx, "RelatedPerson", rp)
		if err != nil {
			continue
		}
		pt := kernel.PathString(r.Object(), "patient", "reference")
		if pt == "" || slices.ContainsFunc(out, func(x Subject) bool { return x.Patient == pt }) {
			continue
		}
		sub := Subject{Patient: pt, Name: s.wf.Name(ctx, pt), Source: FromRelative, Via: kernel.Ref("RelatedPerson", rp)}
		switch {
		case p.Has(access.Citizen) && kernel.IsGuardian(r):
			sub.Source = FromGuardian
		case !p.Has(access.Relative) && !p.Has(access.Citizen):
			continue
		}
		out = append(out, sub)
	}
	return out, nil
}
