package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
)

// registerData is the coordinator register, or one coordinator's entry with the form to add a
// course.
type registerData struct {
	pageData
	Entries   []coordinators.RegisterEntry
	Entry     *coordinators.RegisterEntry // one coordinator's page
	Form      *form                       // the course form on an entry's page; the new entry's on the register
	EntryForm *form                       // an entry's contact, kinds and state
	Action    string
	Saved     bool
	SavedWhat string
}

// KindsOf names a coordinator's special kinds, in bokmål inside a sentence (catalog keys).
func (d registerData) KindsOf(ks []coordinators.CoordinatorKind) []string { return kindList(ks) }

// PathOf is a coordinator's page.
func (d registerData) PathOf(e coordinators.RegisterEntry) string { return coordinatorPath(e.ID) }

func coordinatorPath(practitioner string) string {
	return "/unit/coordinators/" + url.PathEscape(strings.TrimPrefix(practitioner, "Practitioner/"))
}

func courseKey(practitioner string) string {
	return "unit-course/" + strings.TrimPrefix(practitioner, "Practitioner/")
}

// RegisterPage serves GET /unit/coordinators: every coordinator with unit, kinds, caseload and
// courses.
func (w *Web) RegisterPage(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	entries, err := w.coord.RegisterWithCaseloads(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "unit/register", registerData{pageData: w.page(r, "Koordinatorregister"),
		Entries: entries, Form: w.openForm(r.Context(), p, "unit/coordinators/new")})
}

// loadEntry is the register with the coordinator of the path's id as the entry shown.
func (w *Web) loadEntry(r *http.Request, f *form) (registerData, error) {
	entries, err := w.coord.RegisterWithCaseloads(r.Context())
	if err != nil {
		return registerData{}, err
	}
	id := "Practitioner/" + r.PathValue("id")
	for i := range entries {
		if entries[i].ID == id {
			e := &entries[i]
			saved := r.URL.Query().Get("saved")
			return registerData{pageData: w.page(r, "%s", e.Name), Entries: entries, Entry: e, Form: f,
				EntryForm: newForm("unit/coordinators/"+r.PathValue("id")+"/entry", entryValues(e.Coordinator)),
				Action:    coordinatorPath(e.ID) + "/courses", Saved: saved == "course", SavedWhat: saved}, nil
		}
	}
	return registerData{}, apperr.New(apperr.NotFound, "%s is not in the register", id)
}

// CoordinatorEntry serves GET /unit/coordinators/{id}: one coordinator, their courses, and the
// form to add one as the unit lead left it.
func (w *Web) CoordinatorEntry(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	d, err := w.loadEntry(r, w.openForm(r.Context(), p, courseKey(r.PathValue("id"))))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "unit/coordinator", d)
}

// AddCourse serves POST /unit/coordinators/{id}/courses: a completed course, with its date, is
// added to the coordinator's entry.
func (w *Web) AddCourse(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	f, ok := w.posted(rw, r, p, courseKey(r.PathValue("id")))
	if !ok {
		return
	}
	d, err := w.loadEntry(r, f)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	course := w.validCourse(f)
	status := http.StatusUnprocessableEntity
	if f.OK() {
		c := d.Entry.Coordinator
		c.Version = pageVersion(f, c.Version)
		c.Courses = append(append([]coordinators.Course(nil), c.Courses...), course)
		_, err = w.coord.SaveCoordinator(r.Context(), c)
		if !refuse(f, "name", err, apperr.Unprocessable, apperr.Invalid, apperr.Conflict) && err != nil {
			w.fail(rw, r, err)
			return
		}
		if apperr.Is(err, apperr.Conflict) {
			status = http.StatusConflict
		}
	}
	if !f.OK() {
		// The page shows the entry as it is now, with its version, so sending the kept course
		// again after a conflict is saved.
		w.render(rw, r, status, "unit/coordinator", d)
		return
	}
	w.dropDraft(r.Context(), p, f.Key)
	http.Redirect(rw, r, coordinatorPath(d.Entry.ID)+"?saved=course", http.StatusSeeOther)
}

// pageVersion is the entry's version the posted page showed, so a course added from a page
// someone else's change has made stale is refused; read when the form carries none.
func pageVersion(f *form, read int64) int64 {
	if v, err := strconv.ParseInt(f.Trimmed("version"), 10, 64); err == nil && v > 0 {
		return v
	}
	return read
}

// validCourse checks the course form: a name, and a date that has passed (the register holds
// courses taken).
func (w *Web) validCourse(f *form) coordinators.Course {
	f.Require("name", "Skriv navnet på kurset.")
	f.Limit("name", kernel.MaxName)
	f.Limit("provider", kernel.MaxName)
	done := f.RequireDate("completed", "Skriv datoen som dd.mm.åååå.")
	today := w.now().In(oslo)
	if !done.IsZero() && done.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
		f.Invalid("completed", "Kurset må være fullført: datoen kan ikke være etter i dag.")
	}
	return coordinators.Course{Name: f.Trimmed("name"), Completed: done, Provider: f.Trimmed("provider")}
}
