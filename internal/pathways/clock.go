package pathways

import (
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// State is where a milestone stands on a day.
type State string

// The milestone states. Due soon, late and (once near) declined are what the lists show.
const (
	StateWaiting  State = "waiting"  // the milestone it counts from is not done: no due date yet
	StateOpen     State = "open"     // no time limit (closure)
	StateDue      State = "due"      // a due date, not yet near
	StateDueSoon  State = "due-soon" // within the lead time of its window's opening or its limit, or in the window
	StateLate     State = "late"     // past its limit; DaysLate says by how much
	StateDone     State = "done"
	StateDeclined State = "declined" // the citizen declined; asked again on AskAgain, not yet near
	StateSkipped  State = "skipped"  // not reached before the pathway ended, or asked again by a later one
)

// NeedsAttention reports whether the state belongs in the coordinator's and the unit lead's lists.
func (s State) NeedsAttention() bool { return s == StateDueSoon || s == StateLate }

// MilestoneStatus is one milestone (or one occurrence of a repeating one) on a day.
type MilestoneStatus struct {
	Milestone  Milestone
	Occurrence int // 1 for the first; a repeating milestone counts up
	State      State
	Opens      lawdata.Date // the window's first day; the due date when there is no window
	Due        lawdata.Date // the limit; due on a date means done by the end of it
	DaysLate   int          // calendar days past Due when late
	Done       lawdata.Date
	Outcome    string
	By         string
	Extensions int          // extensions applied
	Declines   int          // times the citizen declined
	AskAgain   lawdata.Date // after the latest decline
	Why        kernel.Text  // why it was skipped
}

// Schedule is a pathway instance's milestones on a day.
type Schedule struct {
	Instance   Instance
	Definition Definition
	Today      lawdata.Date
	Ended      lawdata.Date // Instance.End, or the day a closing milestone was done; zero while it runs
	Milestones []MilestoneStatus
}

// Attention is the milestones that need attention (due soon or late), in the schedule's order.
func (s Schedule) Attention() []MilestoneStatus {
	var out []MilestoneStatus
	for _, m := range s.Milestones {
		if m.State.NeedsAttention() {
			out = append(out, m)
		}
	}
	return out
}

// Clock computes milestone states on the day its Now gives. Now is injected (a test moves it),
// never time.Now in the rules.
type Clock struct {
	Catalog *Catalog
	Now     func() time.Time // the municipality's time (Europe/Oslo); only its date is used
	// DueSoon is how long before a limit, or a window's opening, a milestone is due soon; the
	// zero Value takes the law table's municipal setting (lawdata.PathwayDueSoon) on the day.
	DueSoon lawdata.Value
}

// Today is the clock's date.
func (c Clock) Today() lawdata.Date { return lawdata.DateOf(c.Now()) }

// Schedule computes every milestone of in on the clock's day, with the pathway version in force
// on in's start.
func (c Clock) Schedule(in Instance) (_ Schedule, err error) {
	defer apperr.Wrap(&err, "pathways.Schedule(%s, %s)", in.ID, in.Pathway)
	if c.Catalog == nil || c.Now == nil {
		return Schedule{}, apperr.New(apperr.Internal, "a pathway clock needs a catalog and a clock")
	}
	today := c.Today()
	soon, err := c.lead(today)
	if err != nil {
		return Schedule{}, err
	}
	def, err := c.Catalog.Definition(in.Pathway, in.Start)
	if err != nil {
		return Schedule{}, err
	}
	return c.Catalog.schedule(def, in, today, soon)
}

// lead is the due-soon lead time on today.
func (c Clock) lead(today lawdata.Date) (lawdata.Value, error) {
	v := c.DueSoon
	if v.Kind == "" {
		r, err := c.Catalog.law.At(lawdata.PathwayDueSoon, today.Time(time.UTC))
		if err != nil {
			return lawdata.Value{}, err
		}
		v = r.Value
	}
	if v.Kind != lawdata.KindDuration || v.N <= 0 {
		return lawdata.Value{}, apperr.New(apperr.Internal, "the due-soon lead time %v is not a duration", v)
	}
	return v, nil
}
