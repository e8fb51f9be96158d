package plan

import (
	"context"
	"slices"
	"strings"

	"veiviser/internal/kernel"
)

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
		l, err := s.Load(ctx, id)
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
