package plan

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// LogEntry is one event in the plan's log (e.g. "consent recorded", "meeting held").
type LogEntry struct {
	At     time.Time
	By     string
	Event  string // a short code: created, activated, goal-added, consent-withdrawn, meeting-held, ...
	Detail kernel.Text
}

// Version is one saved state of the plan: who changed it and when.
type Version struct {
	N    int
	At   time.Time
	By   string
	Plan IndividualPlan
}

// NewVersion returns the next version of the history with p as its state; p.Version is set to it.
func NewVersion(history []Version, p IndividualPlan, by string, at time.Time) []Version {
	n := 1
	if len(history) > 0 {
		n = history[len(history)-1].N + 1
	}
	p.Version = n
	return append(slices.Clone(history), Version{N: n, At: at, By: by, Plan: p})
}

// Change is one readable difference between two versions of a plan. Label is a bokmål format
// (a catalog key) filled with Args, so the page shows it in the reader's language.
type Change struct {
	Label  string // e.g. "Mål %s: målbart"
	Args   []any
	Before string
	After  string
}

// Name is the label filled in, in bokmål: the field's identity within one diff.
func (c Change) Name() string {
	if len(c.Args) == 0 {
		return c.Label
	}
	return fmt.Sprintf(c.Label, c.Args...)
}

// Diff lists what changed from a to b, field by field, in the plan's reading order.
func Diff(a, b IndividualPlan) []Change {
	fa, fb := flatten(a), flatten(b)
	var out []Change
	for _, f := range fieldOrder(fa, fb) {
		if fa.values[f] != fb.values[f] {
			l := fa.labels[f]
			if l.Label == "" {
				l = fb.labels[f]
			}
			out = append(out, Change{Label: l.Label, Args: l.Args, Before: fa.values[f], After: fb.values[f]})
		}
	}
	return out
}

type fields struct {
	order  []string
	values map[string]string
	labels map[string]Change
}

func (f *fields) set(value, label string, args ...any) {
	l := Change{Label: label, Args: args}
	name := l.Name()
	if _, ok := f.values[name]; !ok {
		f.order = append(f.order, name)
		f.labels[name] = l
	}
	f.values[name] = value
}

func fieldOrder(a, b fields) []string {
	order := slices.Clone(a.order)
	for _, k := range b.order {
		if _, ok := a.values[k]; !ok {
			order = append(order, k)
		}
	}
	return order
}

// flatten turns a plan into labelled text fields, so a diff reads as a list.
func flatten(p IndividualPlan) fields {
	f := fields{values: map[string]string{}, labels: map[string]Change{}}
	f.set(p.Title, "Tittel")
	f.set(string(p.Status), "Status")
	for _, g := range p.Goals {
		f.set(g.Text, "Mål %s", g.ID)
		f.set(g.Target, "Mål %s: målbart", g.ID)
		f.set(string(g.Status), "Mål %s: status", g.ID)
	}
	for i, e := range p.Resources {
		f.set(e.Text, "Ressurs %d", i+1)
	}
	for i, e := range p.Needs {
		f.set(e.Text, "Behov %d", i+1)
	}
	for _, pt := range p.Participants {
		f.set(pt.Name+" ("+string(pt.Role)+")", "Deltaker %s", pt.Ref)
	}
	f.set(p.CoordinatorName, "Koordinator")
	f.set(p.OwnContribution, "Eget bidrag")
	for _, c := range p.Contributions {
		f.set(c.Text, "Bidrag %s", c.Participant)
	}
	for _, m := range p.Measures {
		f.set(m.Title, "Tiltak %s", m.ID)
		f.set(strings.TrimSpace(m.ProviderName+" "+m.ResponsibleName), "Tiltak %s: ansvar", m.ID)
		f.set(m.Scope, "Tiltak %s: omfang", m.ID)
		f.set(periodText(m.Period), "Tiltak %s: periode", m.ID)
		f.set(string(m.Status), "Tiltak %s: status", m.ID)
		f.set(fmt.Sprint(len(m.Progress)), "Tiltak %s: fremdrift", m.ID)
	}
	f.set(p.Coordination, "Samordning")
	f.set(periodText(p.Period), "Planperiode")
	f.set(datesText(p.EvaluationDates), "Evalueringsdatoer")
	f.set(p.ConsentID, "Samtykke")
	for i, c := range p.Cooperation {
		f.set(c.Party+": "+c.Purpose, "Samarbeid %d", i+1)
	}
	f.set(fmt.Sprint(len(p.Evaluations)), "Evalueringer")
	f.set(fmt.Sprint(len(p.Comments)), "Kommentarer")
	return f
}

func periodText(p kernel.Period) string {
	s := dateText(p.Start) + "–"
	if !p.End.IsZero() {
		s += dateText(p.End)
	}
	return s
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02.01.2006")
}

func datesText(ds []time.Time) string {
	var s []string
	for _, d := range ds {
		s = append(s, dateText(d))
	}
	return strings.Join(s, ", ")
}
