package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/unitpage"
)

// publicUnitData is the coordinating unit's public page, and for its edit page the form.
type publicUnitData struct {
	pageData
	Page  unitpage.Page
	Form  *form
	Rows  []int // the question-and-answer rows the edit form shows
	Saved bool
}

// PublicUnitPage serves GET /koordinerende-enhet: what the unit does and how to reach it, for
// anyone, without sign-in.
func (w *Web) PublicUnitPage(rw http.ResponseWriter, r *http.Request) {
	if w.coord == nil {
		w.NotFound(rw, r)
		return
	}
	pg, err := w.coord.PublicPage(r.Context())
	if err != nil && !apperr.Is(err, apperr.NotFound) { // no unit yet: the page without its details
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "public/unit", publicUnitData{pageData: w.page(r, "Koordinerende enhet"), Page: pg})
}

const publicPageKey = "unit/public-page"

// PublicPageForm serves GET /unit/public-page: the unit lead's form for the public page, with
// their draft if they left one.
func (w *Web) PublicPageForm(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	pg, err := w.coord.PublicPage(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	f := w.openForm(r.Context(), p, publicPageKey)
	if f.Restored.IsZero() {
		f.Values = pageValues(pg)
	}
	w.renderPublicPageForm(rw, r, http.StatusOK, pg, f)
}

func (w *Web) renderPublicPageForm(rw http.ResponseWriter, r *http.Request, status int, pg unitpage.Page, f *form) {
	rows := len(pg.QA) + 3
	for n := len(pg.QA); f.Get(qaField(n, "question")) != "" || f.Get(qaField(n, "answer")) != ""; n++ {
		rows = max(rows, n+2)
	}
	d := publicUnitData{pageData: w.page(r, "Enhetens side"), Page: pg, Form: f,
		Saved: r.URL.Query().Get("saved") != ""}
	for i := range min(rows, unitpage.MaxQA) {
		d.Rows = append(d.Rows, i)
	}
	w.render(rw, r, status, "unit/public_edit", d)
}

// SavePublicPage serves POST /unit/public-page.
func (w *Web) SavePublicPage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	f, ok := w.posted(rw, r, p, publicPageKey)
	if !ok {
		return
	}
	current, err := w.coord.PublicPage(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	pg := pageFromForm(f)
	pg.Version = pageVersion(f, current.Version)
	f.Limit("intro", kernel.MaxLongText)
	for _, name := range []string{"phone", "email", "address", "opening"} {
		f.Limit(name, kernel.MaxName)
	}
	status := http.StatusUnprocessableEntity
	if f.OK() {
		_, err = w.coord.SavePublicPage(r.Context(), pg)
		if err == nil {
			w.dropDraft(r.Context(), p, f.Key)
			http.Redirect(rw, r, "/unit/public-page?saved=1", http.StatusSeeOther)
			return
		}
		if !refuse(f, "intro", err, apperr.Unprocessable, apperr.Invalid, apperr.Conflict) {
			w.fail(rw, r, err)
			return
		}
		if apperr.Is(err, apperr.Conflict) {
			status = http.StatusConflict
		}
	}
	w.renderPublicPageForm(rw, r, status, current, f)
}

func qaField(n int, part string) string { return fmt.Sprintf("qa-%d-%s", n, part) }

// pageValues are the page as the form's values.
func pageValues(pg unitpage.Page) url.Values {
	v := url.Values{"intro": {pg.Intro}, "phone": {pg.Phone}, "email": {pg.Email}, "address": {pg.Address},
		"opening": {pg.OpeningHours}, "version": {strconv.FormatInt(pg.Version, 10)}}
	for i, q := range pg.QA {
		v[qaField(i, "question")], v[qaField(i, "answer")] = []string{q.Question}, []string{q.Answer}
	}
	return v
}

// pageFromForm reads the page from the form; a row left empty is no question.
func pageFromForm(f *form) unitpage.Page {
	pg := unitpage.Page{Intro: f.Trimmed("intro"), Phone: f.Trimmed("phone"), Email: f.Trimmed("email"),
		Address: f.Trimmed("address"), OpeningHours: f.Trimmed("opening")}
	for i := range unitpage.MaxQA + 1 {
		q, a := f.Trimmed(qaField(i, "question")), f.Trimmed(qaField(i, "answer"))
		if q != "" || a != "" {
			pg.QA = append(pg.QA, unitpage.QA{Question: q, Answer: a})
		}
	}
	return pg
}

// QAField is a question-and-answer row's field name, for the template.
func (d publicUnitData) QAField(n int, part string) string { return qaField(n, part) }

// Tel is the phone number as a tel: link wants it, without spaces.
func (d publicUnitData) Tel() string { return strings.ReplaceAll(d.Page.Phone, " ", "") }
