package coordinators

import (
	"context"
	"slices"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// The directory of the municipality's services and staff, from which a coordinator chooses
// providers, participants and those a consent shares with.

// DirectoryEntry is a service (Organization) or a member of staff (Practitioner) with the
// service they work in, as a coordinator picks them for a measure, a consent or a meeting.
type DirectoryEntry struct {
	Ref     string // Organization/... or Practitioner/...
	Name    string
	Unit    string // for staff: Organization/... of their first role
	UnitNm  string
	IsStaff bool
}

// Directory lists the municipality's services and staff, by name: staff only. It holds no
// citizen's data, so it is not need-to-know narrowed nor logged.
func (s *Service) Directory(ctx context.Context) ([]DirectoryEntry, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !workflow.IsStaff(p) {
		return nil, kernel.Text{NB: "Katalogen er for ansatte.", EN: "The directory is for staff."}.Err(apperr.Forbidden)
	}
	orgs, err := s.wf.Find(ctx, "Organization")
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	var out []DirectoryEntry
	for _, o := range orgs {
		r := kernel.Ref("Organization", o.ID())
		names[r] = kernel.NameOf(o)
		out = append(out, DirectoryEntry{Ref: r, Name: kernel.NameOf(o)})
	}
	roles, err := s.wf.Find(ctx, "PractitionerRole")
	if err != nil {
		return nil, err
	}
	unitOf := map[string]string{}
	for _, role := range roles {
		pr := kernel.PathString(role.Object(), "practitioner", "reference")
		if _, ok := unitOf[pr]; !ok {
			unitOf[pr] = kernel.PathString(role.Object(), "organization", "reference")
		}
	}
	pracs, err := s.wf.Find(ctx, "Practitioner")
	if err != nil {
		return nil, err
	}
	for _, pr := range pracs {
		r := kernel.Ref("Practitioner", pr.ID())
		out = append(out, DirectoryEntry{Ref: r, Name: kernel.NameOf(pr), Unit: unitOf[r], UnitNm: names[unitOf[r]], IsStaff: true})
	}
	slices.SortFunc(out, func(a, b DirectoryEntry) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}
