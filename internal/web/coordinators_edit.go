package web

import (
	"net/http"
	"slices"
	"strconv"

	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
)

// specialKinds are the kinds a coordinator may be besides an ordinary one, for the checkboxes
// (their names are kindNames).
var specialKinds = []coordinators.CoordinatorKind{coordinators.KindCancer, coordinators.KindChild, coordinators.KindPathway}

// EntryPath is the page of the entry shown, where its form is posted.
func (d registerData) EntryPath() string {
	if d.Entry == nil {
		return ""
	}
	return coordinatorPath(d.Entry.ID)
}

// coordinatorFromForm reads the register entry's form onto c.
func coordinatorFromForm(f *form, c coordinators.Coordinator) coordinators.Coordinator {
	c.Name, c.Phone, c.Email = f.Trimmed("name"), f.Trimmed("phone"), f.Trimmed("email")
	c.Kinds = nil
	for _, k := range specialKinds {
		if f.Has("kind-"+string(k), "yes") {
			c.Kinds = append(c.Kinds, k)
		}
	}
	c.Active = f.Has("active", "yes")
	return c
}

func checkCoordinatorForm(f *form) {
	f.Require("name", "Skriv koordinatorens navn.")
	for _, name := range []string{"name", "phone", "email"} {
		f.Limit(name, kernel.MaxName)
	}
}

// AddCoordinator serves POST /unit/coordinators: a new entry in the register, in the unit.
func (w *Web) AddCoordinator(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	f, ok := w.posted(rw, r, p, "unit/coordinators/new")
	if !ok {
		return
	}
	checkCoordinatorForm(f)
	if f.OK() {
		c := coordinatorFromForm(f, coordinators.Coordinator{Unit: kernel.Ref("Organization", w.coord.Unit())})
		saved, err := w.coord.SaveCoordinator(r.Context(), c)
		if err == nil {
			w.dropDraft(r.Context(), p, f.Key)
			http.Redirect(rw, r, coordinatorPath(saved.ID)+"?saved=entry", http.StatusSeeOther)
			return
		}
		if !refuse(f, "name", err, apperr.Unprocessable, apperr.Invalid, apperr.Forbidden) {
			w.fail(rw, r, err)
			return
		}
	}
	entries, err := w.coord.RegisterWithCaseloads(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusUnprocessableEntity, "unit/register", registerData{pageData: w.page(r, "Koordinatorregister"),
		Entries: entries, Form: f})
}

// EditCoordinator serves POST /unit/coordinators/{id}: the entry's contact, kinds and whether
// it is active (an inactive coordinator keeps their history but is not offered for new
// appointments).
func (w *Web) EditCoordinator(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.unitLead(rw, r)
	if !ok {
		return
	}
	f, ok := w.posted(rw, r, p, "unit/coordinators/"+r.PathValue("id")+"/entry")
	if !ok {
		return
	}
	d, err := w.loadEntry(r, newForm(courseKey(r.PathValue("id")), nil))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d.EntryForm = f
	checkCoordinatorForm(f)
	status := http.StatusUnprocessableEntity
	if f.OK() {
		c := coordinatorFromForm(f, d.Entry.Coordinator)
		c.Version = pageVersion(f, c.Version)
		_, err = w.coord.SaveCoordinator(r.Context(), c)
		if err == nil {
			w.dropDraft(r.Context(), p, f.Key)
			http.Redirect(rw, r, coordinatorPath(d.Entry.ID)+"?saved=entry", http.StatusSeeOther)
			return
		}
		if !refuse(f, "name", err, apperr.Unprocessable, apperr.Invalid, apperr.Conflict) {
			w.fail(rw, r, err)
			return
		}
		if apperr.Is(err, apperr.Conflict) {
			status = http.StatusConflict
		}
	}
	w.render(rw, r, status, "unit/coordinator", d)
}

// entryValues are a coordinator's entry as the edit form's values.
func entryValues(c coordinators.Coordinator) map[string][]string {
	v := map[string][]string{"name": {c.Name}, "phone": {c.Phone}, "email": {c.Email}, "version": {strconv.FormatInt(c.Version, 10)}}
	for _, k := range specialKinds {
		if slices.Contains(c.Kinds, k) {
			v["kind-"+string(k)] = []string{"yes"}
		}
	}
	if c.Active {
		v["active"] = []string{"yes"}
	}
	return v
}
