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

// Change is one readable difference between two versions of a plan.
type Change struct {
	Field  string // e.g. "Mål g1 / Goal g1"
	Before string
	After  string
}

// Diff lists what changed from a to b, field by field, in the plan's reading order.
func Diff(a, b IndividualPlan) []Change {
	fa, fb := flatten(a), flatten(b)
	var out []Change
	for _, f := range fieldOrder(fa, fb) {
		if fa.values[f] != fb.values[f] {
			out = append(out, Change{Field: f, Before: fa.values[f], After: fb.values[f]})
		}
	}
	return out
}

type fields struct {
	order  []string
	values map[string]string
}

func (f *fields) set(name, value string) {
	if _, ok := f.values[name]; !ok {
		f.order = append(f.order, name)
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

// flatten turns a plan into labelled text fields, bokmål first, so a diff reads as a list.
func flatten(p IndividualPlan) fields {
	f := fields{values: map[string]string{}}
	f.set("Tittel / Title", p.Title)
	f.set("Status", string(p.Status))
	for _, g := range p.Goals {
		k := "Mål " + g.ID + " / Goal " + g.ID
		f.set(k, g.Text)
		f.set(k+": målbart / target", g.Target)
		f.set(k+": status", string(g.Status))
	}
	for i, e := range p.Resources {
		f.set(fmt.Sprintf("Ressurs %d / Resource %d", i+1, i+1), e.Text)
	}
	for i, e := range p.Needs {
		f.set(fmt.Sprintf("Behov %d / Need %d", i+1, i+1), e.Text)
	}
	for _, pt := range p.Participants {
		f.set("Deltaker / Participant "+pt.Ref, pt.Name+" ("+string(pt.Role)+")")
	}
	f.set("Koordinator / Coordinator", p.CoordinatorName)
	f.set("Eget bidrag / Own contribution", p.OwnContribution)
	for _, c := range p.Contributions {
		f.set("Bidrag / Contribution "+c.Participant, c.Text)
	}
	for _, m := range p.Measures {
		k := "Tiltak " + m.ID + " / Measure " + m.ID
		f.set(k, m.Title)
		f.set(k+": ansvar / responsible", strings.TrimSpace(m.ProviderName+" "+m.ResponsibleName))
		f.set(k+": omfang / scope", m.Scope)
		f.set(k+": periode / period", periodText(m.Period))
		f.set(k+": status", string(m.Status))
		f.set(k+": fremdrift / progress", fmt.Sprint(len(m.Progress)))
	}
	f.set("Samordning / Coordination", p.Coordination)
	f.set("Planperiode / Plan period", periodText(p.Period))
	f.set("Evalueringsdatoer / Evaluation dates", datesText(p.EvaluationDates))
	f.set("Samtykke / Consent", p.ConsentID)
	for i, c := range p.Cooperation {
		f.set(fmt.Sprintf("Samarbeid %d / Cooperation %d", i+1, i+1), c.Party+": "+c.Purpose)
	}
	f.set("Evalueringer / Evaluations", fmt.Sprint(len(p.Evaluations)))
	f.set("Kommentarer / Comments", fmt.Sprint(len(p.Comments)))
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
