package pathways

import (
	"fmt"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

var (
	whyNotReached = kernel.Text{NB: "Ikke nådd før forløpet ble avsluttet.", EN: "Not reached before the pathway ended."}
	whySuperseded = kernel.Text{NB: "Spørres igjen i neste samtale.", EN: "Asked again in the next conversation."}
)

// run is one schedule being computed, milestone by milestone in the definition's order (the
// definition's check makes every anchor come before the milestones counting from it).
type run struct {
	cat   *Catalog
	def   Definition
	in    Instance
	today lawdata.Date
	soon  lawdata.Value
	ended lawdata.Date
	done  map[string]lawdata.Date // the date each non-repeating milestone was done
	out   []MilestoneStatus
}

func (c *Catalog) schedule(def Definition, in Instance, today lawdata.Date, soon lawdata.Value) (Schedule, error) {
	r := &run{cat: c, def: def, in: in, today: today, soon: soon, done: map[string]lawdata.Date{}}
	r.ended = endOf(def, in)
	for i, m := range def.Milestones {
		if err := r.step(i, m); err != nil {
			return Schedule{}, fmt.Errorf("milestone %s: %w", m.ID, err)
		}
	}
	r.supersede()
	return Schedule{Instance: in, Definition: def, Today: today, Ended: r.ended, Milestones: r.out}, nil
}

// endOf is the day the pathway ended: its end, or a closing milestone's earliest record.
func endOf(def Definition, in Instance) lawdata.Date {
	end := in.End
	for _, m := range def.Milestones {
		if !m.Closes {
			continue
		}
		if recs := in.recordsOf(m.ID); len(recs) > 0 && (isZero(end) || recs[0].At.Before(end)) {
			end = recs[0].At
		}
	}
	return end
}

func (r *run) step(i int, m Milestone) error {
	if i == 0 {
		r.done[m.ID] = r.in.Start
		r.out = append(r.out, MilestoneStatus{Milestone: m, Occurrence: 1, State: StateDone, Done: r.in.Start})
		return nil
	}
	recs := r.in.recordsOf(m.ID)
	if m.Repeat != "" {
		return r.repeating(m, recs)
	}
	if len(recs) > 0 {
		r.done[m.ID] = recs[0].At
		r.out = append(r.out, doneStatus(m, 1, recs[0]))
		return nil
	}
	st := MilestoneStatus{Milestone: m, Occurrence: 1}
	anchor, anchored := r.done[m.After]
	switch {
	case !isZero(r.ended):
		st.State, st.Why = StateSkipped, whyNotReached
	case !anchored:
		st.State = StateWaiting
	case m.OpenEnded:
		st.State = StateOpen
	default:
		if err := r.limit(&st, anchor); err != nil {
			return err
		}
	}
	r.out = append(r.out, st)
	return nil
}

func doneStatus(m Milestone, occurrence int, rec Record) MilestoneStatus {
	return MilestoneStatus{Milestone: m, Occurrence: occurrence, State: StateDone, Done: rec.At, Outcome: rec.Outcome, By: rec.By}
}

// repeating lists each time the milestone was held, then the next: the first Limit after the
// anchor, each later one Repeat after the latest held (so a late evaluation moves the next
// one with it, as the interval is the treatment's time between evaluations).
func (r *run) repeating(m Milestone, recs []Record) error {
	for k, rec := range recs {
		r.out = append(r.out, doneStatus(m, k+1, rec))
	}
	next := MilestoneStatus{Milestone: m, Occurrence: len(recs) + 1}
	anchor, anchored := r.done[m.After]
	switch {
	case !isZero(r.ended):
		if len(recs) > 0 {
			return nil // it repeats while the pathway runs: no next time after the end
		}
		next.State, next.Why = StateSkipped, whyNotReached
	case !anchored:
		next.State = StateWaiting
	default:
		base, key := anchor, m.Limit
		if len(recs) > 0 {
			base, key = recs[len(recs)-1].At, m.Repeat
		}
		d, err := due(r.cat.law, key, base)
		if err != nil {
			return err
		}
		r.place(&next, d, d)
	}
	r.out = append(r.out, next)
	return nil
}

// limit sets a milestone's window and limit from its anchor, its extensions and its declines.
func (r *run) limit(st *MilestoneStatus, anchor lawdata.Date) error {
	m := st.Milestone
	opens, end, err := r.cat.window(m, anchor)
	if err != nil {
		return err
	}
	exts := r.in.extensionsOf(m.ID)
	for _, e := range exts[:min(len(exts), m.MaxExtensions)] {
		if end, err = due(r.cat.law, m.Extension, end); err != nil {
			return fmt.Errorf("extension of %s: %w", e.At, err)
		}
		opens = end
		st.Extensions++
	}
	if decs := r.in.declinesOf(m.ID); len(decs) > 0 && m.AskAgain != "" {
		ask, err := due(r.cat.law, m.AskAgain, decs[len(decs)-1].At)
		if err != nil {
			return err
		}
		st.Declines, st.AskAgain = len(decs), ask
		opens, end = later(ask, opens), later(ask, end)
	}
	r.place(st, opens, end)
	return nil
}

// window is a milestone's first day and limit counted from its anchor: with no Limit, the
// anchor's own day.
func (c *Catalog) window(m Milestone, anchor lawdata.Date) (opens, end lawdata.Date, err error) {
	if m.Limit == "" {
		return anchor, anchor, nil
	}
	if end, err = due(c.law, m.Limit, anchor); err != nil {
		return opens, end, err
	}
	opens = end
	if m.Opens != "" {
		opens, err = due(c.law, m.Opens, anchor)
	}
	return opens, end, err
}

// place gives a milestone not done its state on the day: late the day after its limit, due soon
// from the lead time before its window opens (or its limit, with no window).
func (r *run) place(st *MilestoneStatus, opens, end lawdata.Date) {
	st.Opens, st.Due = opens, end
	switch {
	case end.Before(r.today):
		st.State, st.DaysLate = StateLate, daysBetween(end, r.today)
	case !addValue(r.today, r.soon).Before(opens):
		st.State = StateDueSoon
	case st.Declines > 0:
		st.State = StateDeclined
	default:
		st.State = StateDue
	}
}

// supersede stops asking again about a declined milestone once the milestone that supersedes
// it is done, has opened, or opens by the day the citizen would be asked again: they are asked
// there instead of twice. A milestone missed without a decline stays late: the unit should see it.
func (r *run) supersede() {
	for i, st := range r.out {
		by := st.Milestone.SupersededBy
		if by == "" || st.Declines == 0 || st.State == StateDone || st.State == StateSkipped {
			continue
		}
		for _, next := range r.out {
			if next.Milestone.ID != by {
				continue
			}
			if next.State == StateDone || (!isZero(next.Opens) && !later(st.AskAgain, r.today).Before(next.Opens)) {
				r.out[i].State, r.out[i].Why, r.out[i].DaysLate = StateSkipped, whySuperseded, 0
			}
		}
	}
}
