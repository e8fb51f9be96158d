package pathways

import (
	"cmp"
	"slices"
	"veiviser/internal/lawdata"
)

// Item is one milestone that needs attention, with the instance it belongs to, for the
// coordinator's list (their instances) and the unit lead's (the unit's).
type Item struct {
	Instance    string
	Pathway     Definition
	Patient     string
	Coordinator string
	Unit        string
	MilestoneStatus
}

// Attention lists the milestones of ins that are due soon or late on the clock's day: late
// first, the latest first, then due soon by due date. The caller passes the instances of the
// list's reach (a coordinator's, by careManager; a unit's, by managingOrganization). An instance
// whose schedule cannot be computed fails the list: a missing limit must be seen, not skipped.
func (c Clock) Attention(ins []Instance) ([]Item, error) {
	var out []Item
	for _, in := range ins {
		s, err := c.Schedule(in)
		if err != nil {
			return nil, err
		}
		for _, m := range s.Attention() {
			out = append(out, Item{Instance: in.ID, Pathway: s.Definition, Patient: in.Patient,
				Coordinator: in.Coordinator, Unit: in.Unit, MilestoneStatus: m})
		}
	}
	slices.SortStableFunc(out, compareItems)
	return out, nil
}

func compareItems(a, b Item) int {
	if la, lb := a.State == StateLate, b.State == StateLate; la != lb {
		if la {
			return -1
		}
		return 1
	}
	return cmp.Or(
		cmp.Compare(b.DaysLate, a.DaysLate),
		lawdata.CompareDates(a.Due, b.Due),
		cmp.Compare(a.Instance, b.Instance),
	)
}
