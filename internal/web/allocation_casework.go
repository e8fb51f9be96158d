package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"veiviser/internal/access"
	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/webform"
)

// The case's assessment (the facts, the citizen's view, the home visit, the functional
// assessment) and its notes, on the case page.

const (
	assessmentKey = "case-officer-assessment" // + "/" + reference
	noteKey       = "case-officer-note"       // + "/" + reference
	documentsKey  = "case-officer-documents"  // + "/" + reference: the upload form's errors
)

// scoreField is one IPLOS variable as a select on the assessment form.
type scoreField struct {
	Name, Label string
}

// scoreChoices are the IPLOS scores as options.
func scoreChoices() []option {
	return []option{{Value: "", Nb: "Ikke kartlagt"}, {Value: "1", Nb: "1 Klarer seg selv"}, {Value: "2", Nb: "2 Trenger litt hjelp"},
		{Value: "3", Nb: "3 Trenger en del hjelp"}, {Value: "4", Nb: "4 Trenger mye hjelp"}, {Value: "5", Nb: "5 Trenger all hjelp"},
		{Value: "9", Nb: "9 Ikke relevant"}}
}

// ScoreChoices are the score options for the page.
func (d officeData) ScoreChoices() []option { return scoreChoices() }

// assessmentForm fills the assessment form from the case's assessment when no draft holds it.
func assessmentForm(f *form, a *allocation.Assessment) *form {
	if a == nil || !f.Restored.IsZero() || len(f.Values) > 0 {
		return f
	}
	f.Values.Set("facts", a.Facts)
	f.Values.Set("view", a.CitizenView)
	f.Values.Set("visitedBy", a.VisitedBy)
	if !a.HomeVisit.IsZero() {
		f.Values.Set("visit", a.HomeVisit.In(oslo).Format("2006-01-02"))
	}
	for code, score := range a.Scores {
		f.Values.Set("score-"+code, strconv.Itoa(score))
	}
	return f
}

// SaveAssessment serves POST /case-officer/applications/{ref}/assessment.
func (w *Web) SaveAssessment(rw http.ResponseWriter, r *http.Request) {
	w.caseAction(caseForm{key: keyed(assessmentKey, "ref"), find: w.byApplication, field: "facts", done: "assessed",
		check: func(f *form) change {
			a := assessmentFromForm(f, w.coord.FunctionVariables().Variables)
			return func(ctx context.Context, _, _ i18n.Lang) (string, error) {
				_, err := w.coord.SaveAssessment(ctx, r.PathValue("ref"), a)
				return "", err
			}
		}})(rw, r)
}

// assessmentFromForm reads the assessment form: its texts, the home visit and a score per
// IPLOS variable chosen.
func assessmentFromForm(f *form, variables []allocation.FunctionVariable) allocation.Assessment {
	for _, name := range []string{"facts", "view"} {
		f.Limit(name, kernel.MaxText)
	}
	f.Limit("visitedBy", kernel.MaxName)
	a := allocation.Assessment{Facts: f.Trimmed("facts"), CitizenView: f.Trimmed("view"), VisitedBy: f.Trimmed("visitedBy"),
		HomeVisit: formDate(f, "visit", false, "Skriv datoen for hjemmebesøket."), Scores: map[string]int{}}
	for _, v := range variables {
		if s := f.Trimmed("score-" + v.Code); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				f.Invalid("score-"+v.Code, "Velg et funksjonsnivå fra listen.")
			}
			a.Scores[v.Code] = n
		}
	}
	return a
}

// AddCaseNote serves POST /case-officer/applications/{ref}/notes.
func (w *Web) AddCaseNote(rw http.ResponseWriter, r *http.Request) {
	w.caseAction(caseForm{key: keyed(noteKey, "ref"), find: w.byApplication, field: "text", done: "noted",
		check: func(f *form) change {
			f.Require("text", "Notatet er tomt.")
			f.Limit("text", kernel.MaxText)
			return func(ctx context.Context, _, _ i18n.Lang) (string, error) {
				_, err := w.coord.AddCaseNote(ctx, r.PathValue("ref"), f.Trimmed("text"))
				return "", err
			}
		}})(rw, r)
}

// noteView is a case note with its author's name.
type noteView struct {
	allocation.Note
	AuthorName string
}

// caseWork fills the case page's assessment form, its score fields and its notes.
func (w *Web) caseWork(r *http.Request, od *officeData, formFor func(string) *form) {
	lang := w.langOf(r)
	for _, v := range w.coord.FunctionVariables().Variables {
		od.ScoreFields = append(od.ScoreFields, scoreField{Name: "score-" + v.Code, Label: v.Name.In(lang)})
	}
	od.AssessmentForm = assessmentForm(formFor(assessmentKey+"/"+od.Application.Reference), od.Case.Assessment)
	od.NoteForm = formFor(noteKey + "/" + od.Application.Reference)
	od.DocumentsForm = formFor(documentsKey + "/" + od.Application.Reference)
	if docs, err := w.coord.CaseDocuments(r.Context(), od.Application.Reference); err == nil {
		od.CaseDocuments = docs
	}
	if incomes, err := w.coord.IncomesOf(r.Context(), od.Application.Subject); err == nil {
		od.Incomes = incomes
	}
	for _, n := range od.Case.Notes {
		od.Notes = append(od.Notes, noteView{Note: n, AuthorName: w.coord.ApplicantName(r.Context(), n.Author)})
	}
}

// AddCaseDocuments serves POST /case-officer/applications/{ref}/documents (multipart): the
// files are added to the case, each checked by its content.
func (w *Web) AddCaseDocuments(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.holder(rw, r, access.CaseOfficer); !ok {
		return
	}
	ref := r.PathValue("ref")
	_, files, err := webform.ReadUpload(rw, r, "files")
	if err == nil && len(files) == 0 {
		err = kernel.Violation("Velg en fil.", "Choose a file.")
	}
	for _, f := range files {
		if err != nil {
			break
		}
		_, err = w.coord.AddCaseDocument(r.Context(), ref, allocation.Upload{Name: f.Name, Data: f.Data})
	}
	if apperr.Is(err, apperr.Unprocessable) {
		form := newForm(documentsKey+"/"+ref, nil)
		form.InvalidText("files", textOf(err))
		w.renderOfficeApplication(rw, r, http.StatusUnprocessableEntity, form)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, "/case-officer/applications/"+url.PathEscape(ref)+"?documented=1", http.StatusSeeOther)
}
