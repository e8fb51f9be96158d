package web

import (
	"net/http"
	"net/url"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/plan"
)

// The plan page is a read view of the nine elements; one part's form is open at a time. A
// part's "Legg til" or "Endre" link opens its form in place (htmx swaps the plan, and the
// address keeps ?open= so a reload keeps it open); a form's draft is kept while it is closed and
// comes back when it is opened again.

// planOpening is which form the request opens: ?open= on a page, the form posted to on a
// submit; item is the measure being changed or the goal being evaluated.
type planOpening struct{ form, item string }

func openingOf(r *http.Request) planOpening {
	q := r.URL.Query()
	o := planOpening{form: q.Get("open")}
	if r.Method == http.MethodPost {
		o.form = r.PathValue("form")
	}
	switch o.form {
	case "measure":
		o.item = q.Get("measure")
	case "evaluation":
		o.item = q.Get("goal")
	}
	return o
}

// formKey is the draft key of form name as this opening shows it: a measure being changed has
// a draft of its own, apart from the new measure's.
func (o planOpening) formKey(planID, name string) string {
	if name == "measure" && o.form == "measure" && o.item != "" {
		return planFormKey(planID, "measure/"+o.item)
	}
	return planFormKey(planID, name)
}

// planForms fills d.Forms with the open form (the refused one, when a submit was refused) and
// the activate button; a closed form with a draft is named in d.Drafts.
func (w *Web) planForms(r *http.Request, p *access.Principal, d *planData, refused *form) {
	o := openingOf(r)
	if r.Method == http.MethodPost && refused == nil {
		o = planOpening{} // saved: the form closes
	}
	d.Open, d.Item = o.form, o.item
	for _, pf := range planFormList {
		key := o.formKey(d.V.Plan.ID, pf.key)
		switch {
		case refused != nil && refused.Key == key:
			d.Forms[pf.key] = refused
		case pf.key == o.form || pf.key == "activate":
			d.Forms[pf.key] = w.openForm(r.Context(), p, key)
		default:
			if f := w.openForm(r.Context(), p, key); !f.Restored.IsZero() {
				d.Drafts[pf.key] = true
			}
		}
	}
	planPrefill(d.Forms, d.V.Plan, o)
}

// planPrefill puts the plan's current text into the open form that changes it, when nothing
// was typed: the needs, the coordination, the period, the measure being changed, the goal
// being evaluated.
func planPrefill(forms map[string]*form, p plan.IndividualPlan, o planOpening) {
	if f := forms["text"]; f != nil && len(f.Values) == 0 {
		f.Values.Set("needs", joinEntries(p.Needs))
		f.Values.Set("resources", joinEntries(p.Resources))
	}
	if f := forms["coordination"]; f != nil && len(f.Values) == 0 && p.Coordination != "" {
		f.Values.Set("coordination", p.Coordination)
	}
	if f := forms["period"]; f != nil && len(f.Values) == 0 && !p.Period.Start.IsZero() {
		f.Values.Set("start", day(p.Period.Start))
		if !p.Period.End.IsZero() {
			f.Values.Set("end", day(p.Period.End))
		}
		for _, e := range p.EvaluationDates {
			f.Values.Add("evaluation", day(e))
		}
	}
	if f := forms["evaluation"]; f != nil && len(f.Values) == 0 && o.item != "" {
		f.Values.Set("goal", o.item)
	}
	if f := forms["measure"]; f != nil && len(f.Values) == 0 && o.item != "" {
		for _, m := range p.Measures {
			if m.ID == o.item {
				f.Values = measureValues(m)
			}
		}
	}
}

func measureValues(m plan.Measure) url.Values {
	v := url.Values{"id": {m.ID}, "title": {m.Title}, "description": {m.Description}, "provider": {m.Provider},
		"responsible": {m.ResponsiblePerson}, "scope": {m.Scope}, "goals": m.Goals, "decision": {m.DecisionRef}}
	if !m.Period.Start.IsZero() {
		v.Set("from", day(m.Period.Start))
	}
	if !m.Period.End.IsZero() {
		v.Set("to", day(m.Period.End))
	}
	return v
}

func day(t time.Time) string { return t.In(oslo).Format(time.DateOnly) }

// opener is a link that opens (or, open, closes) one part's form in place; Nb is its text in
// bokmål (the page translates it).
type opener struct {
	Href, Section, Nb string
	Draft, Open       bool
}

// Opener is the link that opens form in section, for item (a measure, a goal) when not "";
// when that form is open it is the link that closes it.
func (d planData) Opener(form, item, section, nb string) opener {
	// a draft is the form's without an item (a measure being changed has a draft key of its own,
	// and is marked only when open)
	o := opener{Section: section, Nb: nb, Draft: d.Drafts[form] && item == ""}
	if d.Open == form && d.Item == item {
		o.Open, o.Nb = true, "Lukk skjemaet"
		o.Href = d.URL
		return o
	}
	q := url.Values{"open": {form}}
	switch form {
	case "measure":
		if item != "" {
			q.Set("measure", item)
		}
	case "evaluation":
		q.Set("goal", item)
	}
	o.Href = d.URL + "?" + q.Encode()
	return o
}

// IsOpen reports whether form is open for item.
func (d planData) IsOpen(form, item string) bool {
	return d.Open == form && d.Item == item && d.Forms[form] != nil
}

// planForm is one of the editor's forms with the page it is on, for a form's template.
type planForm struct {
	D planData
	F *form
}

// With is f on the page, for a form's template.
func (d planData) With(f *form) planForm { return planForm{D: d, F: f} }

// goalRow is a goal with the page it is on, for the goal's template (its evaluate link).
type goalRow struct {
	D planData
	G planGoal
}

// GoalRow is g on the page.
func (d planData) GoalRow(g planGoal) goalRow { return goalRow{D: d, G: g} }

// measureStatusText names a measure's status, in bokmål (measureStatus translates it).
var measureStatusText = map[plan.MeasureStatus]string{
	plan.MeasureNotStarted: "ikke startet", plan.MeasureInProgress: "pågår",
	plan.MeasureCompleted: "fullført", plan.MeasureStopped: "avbrutt",
}

func measureStatusName(s plan.MeasureStatus) string {
	if t, ok := measureStatusText[s]; ok {
		return t
	}
	return string(s)
}
