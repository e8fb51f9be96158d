package web

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/pathways"
)

// The care pathways on the coordinator's citizen page (the "Forløp" section, its forms to start
// a pathway and to record a milestone or an extension) and the lists of milestones due soon or
// late on the coordinator's and the unit lead's start pages. The write rule decides who may.

// pathwayStateText name a milestone's state in words (catalog keys), so no state is told by
// colour alone.
var pathwayStateText = map[pathways.State]string{
	pathways.StateWaiting:  "Venter på forrige milepæl",
	pathways.StateOpen:     "Ingen frist",
	pathways.StateDue:      "Ikke ennå",
	pathways.StateDueSoon:  "Frist nærmer seg",
	pathways.StateLate:     "Forsinket",
	pathways.StateDone:     "Utført",
	pathways.StateDeclined: "Takket nei, spørres igjen",
	pathways.StateSkipped:  "Ikke nådd",
}

// pathwaySection is the citizen's pathways and the forms on their case page.
type pathwaySection struct {
	URL       string // the citizen's pathways: POST here starts one
	Pathways  []pathwayView
	StartForm *form
	Kinds     []option // the pathways in force, to start
	Err       string   // the pathways could not be read
}

// pathwayView is one pathway with its schedule and its forms.
type pathwayView struct {
	ID, URL       string
	Name          kernel.Text
	Start, End    time.Time
	Rows          []pathwayRow
	MilestoneForm *form
	ExtensionForm *form
	Milestones    []option // milestones one may record
	Extendable    []option // milestones whose limit may be extended
}

// pathwayRow is one milestone (or occurrence) of a schedule.
type pathwayRow struct {
	Name       kernel.Text
	Occurrence int
	State      string // pathwayStateText, the words
	Late, Soon bool
	DaysLate   int
	Due, Done  time.Time
	Outcome    string
	Extensions int
}

// attentionRow is one milestone due soon or late in a start page's list.
type attentionRow struct {
	pathways.AttentionItem
	URL       string
	State     string
	Late      bool
	Due       time.Time
	Milestone kernel.Text
}

func pathwayStartKey(patient string) string  { return "case/" + patient + "/pathway" }
func pathwayFormKey(id, which string) string { return "pathway/" + id + "/" + which }

func pathwayTime(d lawdata.Date) time.Time {
	if d == (lawdata.Date{}) {
		return time.Time{}
	}
	return d.Time(oslo)
}

// pathwaysOf is the section of the citizen's case page; failed is the posted pathway form to
// show with its errors (nil: every form from its draft).
func (w *Web) pathwaysOf(ctx context.Context, p *access.Principal, patient string, failed *form) pathwaySection {
	id := coID(patient)
	open := func(key string) *form {
		if failed != nil && failed.Key == key {
			return failed
		}
		return w.openForm(ctx, p, key)
	}
	s := pathwaySection{URL: coCaseURL(patient) + "/pathways", StartForm: open(pathwayStartKey(id))}
	for _, d := range w.coord.PathwaysInForce() {
		s.Kinds = append(s.Kinds, option{Value: d.ID, Nb: d.Name.NB, Plain: true})
	}
	if s.StartForm.Get("start") == "" {
		s.StartForm.Values.Set("start", w.coord.PathwayToday().String())
	}
	scs, err := w.coord.PathwaysOf(ctx, patient)
	if err != nil {
		s.Err = textOf(err).NB
		return s
	}
	for _, sc := range scs {
		v := pathwayView{ID: sc.Instance.ID, URL: s.URL + "/" + url.PathEscape(sc.Instance.ID), Name: sc.Definition.Name,
			Start: pathwayTime(sc.Instance.Start), End: pathwayTime(sc.Ended)}
		for _, m := range sc.Milestones {
			v.Rows = append(v.Rows, pathwayRow{Name: m.Milestone.Name, Occurrence: m.Occurrence, State: pathwayStateText[m.State],
				Late: m.State == pathways.StateLate, Soon: m.State == pathways.StateDueSoon, DaysLate: m.DaysLate,
				Due: pathwayTime(m.Due), Done: pathwayTime(m.Done), Outcome: m.Outcome, Extensions: m.Extensions})
		}
		for _, m := range sc.Definition.Milestones[1:] {
			v.Milestones = append(v.Milestones, option{Value: m.ID, Nb: m.Name.NB, Plain: true})
			if m.Extension != "" {
				v.Extendable = append(v.Extendable, option{Value: m.ID, Nb: m.Name.NB, Plain: true})
			}
		}
		if sc.Instance.Active() {
			v.MilestoneForm, v.ExtensionForm = open(pathwayFormKey(v.ID, "milestone")), open(pathwayFormKey(v.ID, "extension"))
		}
		s.Pathways = append(s.Pathways, v)
	}
	return s
}

// attentionRows are the milestones due soon or late in the asker's reach, each linked to
// page(patient) (the coordinator's case page, the unit lead's).
func (w *Web) attentionRows(ctx context.Context, page func(string) string) ([]attentionRow, error) {
	items, err := w.coord.Attention(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]attentionRow, 0, len(items))
	for _, it := range items {
		out = append(out, attentionRow{AttentionItem: it, URL: page(it.Patient) + "#forlop", State: pathwayStateText[it.State],
			Late: it.State == pathways.StateLate, Due: pathwayTime(it.Due), Milestone: it.Milestone.Name})
	}
	return out, nil
}

// StartPathway serves POST /coordinator/citizens/{patient}/pathways: start a pathway.
func (w *Web) StartPathway(rw http.ResponseWriter, r *http.Request) {
	patient := r.PathValue("patient")
	p, f, ok := w.postedBy(rw, r, access.Coordinator, pathwayStartKey(patient))
	if !ok {
		return
	}
	f.Require("pathway", "Velg et forløp.")
	start := pathwayDay(f, "start")
	if !f.OK() {
		w.renderCase(rw, r, http.StatusUnprocessableEntity, f)
		return
	}
	_, err := w.coord.StartPathway(r.Context(), pathways.StartInput{Patient: "Patient/" + patient, Pathway: f.Trimmed("pathway"), Start: start})
	w.pathwaySaved(rw, r, p, f, err, "pathway")
}

// PathwayPost serves POST /coordinator/citizens/{patient}/pathways/{id}/{form}: a milestone
// held (milestone) or a limit extended (extension).
func (w *Web) PathwayPost(rw http.ResponseWriter, r *http.Request) {
	id, which := r.PathValue("id"), r.PathValue("form")
	if which != "milestone" && which != "extension" {
		w.fail(rw, r, apperr.New(apperr.NotFound, "no form %q", which))
		return
	}
	p, f, ok := w.postedBy(rw, r, access.Coordinator, pathwayFormKey(id, which))
	if !ok {
		return
	}
	f.Require("milestone", "Velg en milepæl.")
	at := pathwayDay(f, "date")
	if which == "extension" {
		f.Require("reason", "Skriv hvorfor fristen forlenges.")
		f.Limit("reason", kernel.MaxText)
	} else {
		f.Limit("outcome", kernel.MaxText)
	}
	if !f.OK() {
		w.renderCase(rw, r, http.StatusUnprocessableEntity, f)
		return
	}
	var err error
	if which == "extension" {
		_, err = w.coord.ExtendMilestone(r.Context(), id, f.Trimmed("milestone"), at, f.Trimmed("reason"))
	} else {
		_, err = w.coord.RecordMilestone(r.Context(), id, f.Trimmed("milestone"), at, f.Trimmed("outcome"))
	}
	w.pathwaySaved(rw, r, p, f, err, "milestone")
}

// pathwaySaved finishes a pathway form: a refusal at field, with what was typed; else back to
// the section.
func (w *Web) pathwaySaved(rw http.ResponseWriter, r *http.Request, p *access.Principal, f *form, err error, field string) {
	if refuse(f, field, err, apperr.Forbidden, apperr.Unprocessable, apperr.Conflict) {
		w.renderCase(rw, r, apperr.HTTPStatus(apperr.CodeOf(err)), f)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	http.Redirect(rw, r, coCaseURL("Patient/"+r.PathValue("patient"))+"?saved=pathway#forlop", http.StatusSeeOther)
}

// pathwayDay reads a required date field as a calendar date.
func pathwayDay(f *form, name string) lawdata.Date {
	t := f.RequireDate(name, "Skriv datoen som dd.mm.åååå.")
	if t.IsZero() {
		return lawdata.Date{}
	}
	return lawdata.DateOf(t)
}
