package web

import (
	"net/http"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/contactrequest"
	"veiviser/internal/kernel"
)

// contactListData is the handlers' list of open contact requests.
type contactListData struct {
	pageData
	Requests []contactrequest.Request
	Now      time.Time
	Form     *form // the answer form that was refused, with its request's id
	FormID   string
	Answered bool
}

// Hows are the ways of answering as radio options.
func (d contactListData) Hows() []option {
	names := map[contactrequest.How]string{contactrequest.ByPhone: "På telefon", contactrequest.ByEmail: "På e-post",
		contactrequest.InPerson: "I et møte", contactrequest.NoContact: "Fikk ikke tak i personen"}
	var out []option
	for _, h := range contactrequest.Hows() {
		out = append(out, option{Value: string(h), Nb: names[h]})
	}
	return out
}

// FormFor is the answer form of request id: the refused one with what was typed, else a new one.
func (d contactListData) FormFor(id string) *form {
	if d.Form != nil && d.FormID == id {
		return d.Form
	}
	f := newForm("contact-"+id, nil)
	f.Values.Set("at", d.Now.In(oslo).Format("2006-01-02"))
	return f
}

// Late reports whether r is past its answer-by date.
func (d contactListData) Late(r contactrequest.Request) bool { return r.Late(d.Now) }

// CoordinatorContacts serves GET /coordinator/contacts: the open requests from the public
// cancer-coordinator form, the oldest first, for the unit's staff and coordinators.
func (w *Web) CoordinatorContacts(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.signedIn(rw, r); !ok {
		return
	}
	w.renderContacts(rw, r, http.StatusOK, nil, "")
}

func (w *Web) renderContacts(rw http.ResponseWriter, r *http.Request, status int, f *form, id string) {
	if w.coord == nil {
		w.NotFound(rw, r)
		return
	}
	reqs, err := w.coord.OpenContacts(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, "coordinator/contacts", contactListData{pageData: w.page(r, "Kontaktforespørsler"),
		Requests: reqs, Now: w.now(), Form: f, FormID: id, Answered: r.URL.Query().Get("answered") != ""})
}

// AnswerContact serves POST /coordinator/contacts/{id}/answer: the request is marked answered
// (when, how, a note) and leaves the list; a refused form comes back with what was typed.
func (w *Web) AnswerContact(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.signedIn(rw, r)
	if !ok {
		return
	}
	id := r.PathValue("id")
	f, ok := w.posted(rw, r, p, "contact-"+id)
	if !ok {
		return
	}
	at := f.RequireDate("at", "Skriv når du svarte.")
	how := contactrequest.How(f.Trimmed("how"))
	if !how.Valid() {
		f.Invalid("how", "Velg hvordan du svarte.")
	}
	f.Limit("note", kernel.MaxText)
	today := w.now().In(oslo).Format(time.DateOnly) // the form's date is the person's, in Oslo
	if !at.IsZero() && at.Format(time.DateOnly) > today {
		f.Invalid("at", "Datoen kan ikke være fram i tid.")
	}
	if !at.IsZero() && at.Format(time.DateOnly) == today {
		at = w.now() // answered today: the time too
	}
	if !f.OK() {
		w.renderContacts(rw, r, http.StatusUnprocessableEntity, f, id)
		return
	}
	_, err := w.coord.MarkContactAnswered(r.Context(), contactrequest.AnswerInput{ID: id, At: at, How: how, Note: f.Trimmed("note")})
	if refuse(f, "how", err, apperr.Unprocessable, apperr.Conflict, apperr.PreconditionFailed) {
		w.renderContacts(rw, r, http.StatusUnprocessableEntity, f, id)
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	http.Redirect(rw, r, "/coordinator/contacts?answered=1", http.StatusSeeOther)
}
