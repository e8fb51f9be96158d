package pathways

import (
	"slices"

	"veiviser/internal/lawdata"
)

// Instance is one citizen's pathway: which pathway, since when, who coordinates it, and what has
// been recorded. The state of each milestone is computed from it (Clock.Schedule), never stored,
// so a corrected limit in the law table corrects every list at once.
type Instance struct {
	ID          string
	Pathway     string       // the definition's id (the pathway-kind code)
	Patient     string       // "Patient/…"
	Coordinator string       // the pathway coordinator, "Practitioner/…"; EpisodeOfCare.careManager
	Unit        string       // the coordinating unit, "Organization/…"; EpisodeOfCare.managingOrganization
	Start       lawdata.Date // the start milestone's date: the right to help granted, the diagnosis
	End         lawdata.Date // when the pathway ended; zero while it runs
	Records     []Record
	Extensions  []Extension
	Declines    []Decline
}

// Record is a milestone held on a date, with its outcome. A repeating milestone has a record per
// time it was held.
type Record struct {
	Milestone string
	At        lawdata.Date
	Outcome   string
	By        string // who recorded it, "Practitioner/…"
}

// Extension moves a milestone's limit on by the definition's extension, with the reason.
type Extension struct {
	Milestone string
	At        lawdata.Date
	Reason    string
	By        string
}

// Decline records that the citizen declined a milestone (a conversation) on a date; they are
// asked again later.
type Decline struct {
	Milestone string
	At        lawdata.Date
	Note      string
	By        string
}

// Active reports whether the pathway still runs.
func (in Instance) Active() bool { return isZero(in.End) }

// recordsOf are the milestone's records in date order.
func (in Instance) recordsOf(id string) []Record {
	var out []Record
	for _, r := range in.Records {
		if r.Milestone == id {
			out = append(out, r)
		}
	}
	slices.SortStableFunc(out, func(a, b Record) int { return lawdata.CompareDates(a.At, b.At) })
	return out
}

// extensionsOf are the milestone's extensions in date order.
func (in Instance) extensionsOf(id string) []Extension {
	var out []Extension
	for _, e := range in.Extensions {
		if e.Milestone == id {
			out = append(out, e)
		}
	}
	slices.SortStableFunc(out, func(a, b Extension) int { return lawdata.CompareDates(a.At, b.At) })
	return out
}

// declinesOf are the milestone's declines in date order.
func (in Instance) declinesOf(id string) []Decline {
	var out []Decline
	for _, d := range in.Declines {
		if d.Milestone == id {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Decline) int { return lawdata.CompareDates(a.At, b.At) })
	return out
}
