package coordinators

import (
	"context"
	"slices"
	"strings"
)

// The unit lead's register page shows each coordinator's caseload beside the entry, which
// Register alone does not give. (Added for the web UI; additive.)

// RegisterEntry is a coordinator of the register with the number of citizens they coordinate
// now.
type RegisterEntry struct {
	Coordinator
	Caseload int
}

// RegisterWithCaseloads is the register by name, each entry with its caseload and its unit's
// name: staff only, as Register. It names no citizen, so no read is logged.
func (s *Service) RegisterWithCaseloads(ctx context.Context) ([]RegisterEntry, error) {
	register, err := s.Register(ctx)
	if err != nil {
		return nil, err
	}
	loads, err := s.caseloads(ctx)
	if err != nil {
		return nil, err
	}
	units := map[string]string{} // Organization/... -> name, read once per unit
	out := make([]RegisterEntry, 0, len(register))
	for _, c := range register {
		if c.UnitName == "" && c.Unit != "" {
			name, ok := units[c.Unit]
			if !ok {
				name = s.wf.Name(ctx, c.Unit) // any "Type/id"'s name
				units[c.Unit] = name
			}
			c.UnitName = name
		}
		out = append(out, RegisterEntry{Coordinator: c, Caseload: loads[c.ID]})
	}
	slices.SortFunc(out, func(a, b RegisterEntry) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}
