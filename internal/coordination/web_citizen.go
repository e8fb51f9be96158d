package coordination

import (
	"context"
	"slices"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// Subject is a citizen the signed-in person may send an inquiry for, and how they are linked.
type Subject struct {
	Patient string // Patient/...
	Name    string
	Source  intake.InquirySource // from-citizen (self), guardian or relative
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
		out = append(out, Subject{Patient: me, Name: s.wf.Name(ctx, me), Source: intake.FromCitizen})
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
		sub := Subject{Patient: pt, Name: s.wf.Name(ctx, pt), Source: intake.FromRelative}
		switch {
		case p.Has(access.Citizen) && kernel.IsGuardian(r):
			sub.Source = intake.FromGuardian
		case !p.Has(access.Relative) && !p.Has(access.Citizen):
			continue
		}
		out = append(out, sub)
	}
	return out, nil
}

// ConsentCandidate is someone the citizen may share the plan with in a consent.
type ConsentCandidate struct {
	Ref  string
	Name string
	Role kernel.Role
}

// ConsentCandidates lists whom the citizen may grant access to the plan: the plan's
// participants (but the citizen and the coordinator, who always see it) and the citizen's
// relatives. Outside reach it answers NotFound.
func (s *Service) ConsentCandidates(ctx context.Context, patient string) ([]ConsentCandidate, error) {
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	pt := kernel.Ref("Patient", kernel.IDOf(patient))
	var out []ConsentCandidate
	add := func(c ConsentCandidate) {
		if c.Ref != "" && !slices.ContainsFunc(out, func(x ConsentCandidate) bool { return x.Ref == c.Ref }) {
			out = append(out, c)
		}
	}
	if id, ok, err := s.CurrentOf(ctx, pt); err != nil {
		return nil, err
	} else if ok {
		l, err := s.planService.Load(ctx, id)
		if err != nil {
			return nil, err
		}
		for _, x := range l.Participants {
			if x.Role == kernel.RoleCitizen || x.Role == kernel.RoleCoordinator || x.Ref == pt {
				continue
			}
			name := x.Name
			if name == "" {
				name = s.wf.Name(ctx, x.Ref)
			}
			add(ConsentCandidate{Ref: x.Ref, Name: name, Role: x.Role})
		}
	}
	rps, err := s.wf.Find(ctx, "RelatedPerson", "patient", pt)
	if err != nil {
		return nil, err
	}
	for _, r := range rps {
		role := kernel.RoleRelative
		if kernel.IsGuardian(r) {
			role = kernel.RoleGuardian
		}
		add(ConsentCandidate{Ref: kernel.Ref("RelatedPerson", r.ID()), Name: kernel.NameOf(r), Role: role})
	}
	slices.SortStableFunc(out, func(a, b ConsentCandidate) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}
