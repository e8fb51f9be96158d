package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/signin"
	"veiviser/internal/webform"
)

// UserAdding is what adding users and units takes (signin.Admin implements it): the checks of
// `veiviser user add`, the staff and units to choose from.
type UserAdding interface {
	AddUser(ctx context.Context, nu signin.NewUser) error
	Staff(ctx context.Context) ([]signin.Linkable, error)
	Units(ctx context.Context) ([]signin.Linkable, error)
	AddUnit(ctx context.Context, id, name, kind string) error
}

// newUserData is the administrator's form for a new user.
type newUserData struct {
	pageData
	Form  *form
	Roles []roleChoice
	Staff []signin.Linkable
	Units []signin.Linkable
}

// roleChoice is a role the new user may get, named as the menus name its workspace: Nb is in
// bokmål (a catalog key; the page translates it).
type roleChoice struct {
	Value string
	Nb    string
}

var roleChoices = []roleChoice{
	{string(access.Citizen), "Innbygger"}, {string(access.Relative), "Pårørende"},
	{string(access.Coordinator), "Koordinator"}, {string(access.ServiceProvider), "Tjenesteyter"},
	{string(access.UnitLead), "Leder i enheten"}, {string(access.CaseOfficer), "Saksbehandler"},
	{string(access.Administrator), "Administrator"},
}

// adder is the signed-in administrator with adding wired in; else the page is missing.
func (w *Web) adder(rw http.ResponseWriter, r *http.Request) (UserAdding, bool) {
	if _, ok := w.administrator(rw, r); !ok {
		return nil, false
	}
	add, ok := w.users.(UserAdding)
	if !ok {
		w.NotFound(rw, r)
	}
	return add, ok
}

// NewUserPage serves GET /admin/users/new.
func (w *Web) NewUserPage(rw http.ResponseWriter, r *http.Request) {
	add, ok := w.adder(rw, r)
	if !ok {
		return
	}
	w.renderNewUser(rw, r, add, http.StatusOK, newForm("admin/users/new", nil))
}

func (w *Web) renderNewUser(rw http.ResponseWriter, r *http.Request, add UserAdding, status int, f *form) {
	staff, err := add.Staff(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	units, err := add.Units(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, "admin/user_new", newUserData{pageData: w.page(r, "Ny bruker"), Form: f,
		Roles: roleChoices, Staff: staff, Units: units})
}

// AddUser serves POST /admin/users/new: the user is added with the roles and links chosen, or
// the form comes back with a message per field (the password never kept: it is not a draft).
func (w *Web) AddUser(rw http.ResponseWriter, r *http.Request) {
	add, ok := w.adder(rw, r)
	if !ok {
		return
	}
	if err := webform.Read(rw, r); err != nil {
		w.fail(rw, r, err)
		return
	}
	kept := url.Values{}
	for k, v := range r.PostForm {
		if k != "password" {
			kept[k] = v
		}
	}
	f := newForm("admin/users/new", kept)
	nu := newUserOf(f, r.PostForm.Get("password"))
	checkNewUser(f, nu)
	if f.OK() {
		err := add.AddUser(r.Context(), nu)
		if refuse(f, "username", err, apperr.Invalid, apperr.Conflict, apperr.Unprocessable) {
			w.renderNewUser(rw, r, add, http.StatusUnprocessableEntity, f)
			return
		}
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		http.Redirect(rw, r, "/admin/users?done=added", http.StatusSeeOther)
		return
	}
	w.renderNewUser(rw, r, add, http.StatusUnprocessableEntity, f)
}

func newUserOf(f *form, password string) signin.NewUser {
	nu := signin.NewUser{Username: f.Trimmed("username"), Name: f.Trimmed("name"), Password: password,
		PractitionerID: f.Trimmed("practitioner"), NationalID: strings.ReplaceAll(f.Trimmed("nationalid"), " ", ""),
		OIDCOnly: f.Has("idporten", "yes"), Units: f.Values["units"]}
	for _, r := range f.Values["roles"] {
		nu.Roles = append(nu.Roles, access.Role(r))
	}
	if nu.Name == "" {
		nu.Name = nu.Username
	}
	return nu
}

// checkNewUser is what the form says per field before the user is added.
func checkNewUser(f *form, nu signin.NewUser) {
	f.Require("username", "Skriv et brukernavn.")
	f.Limit("username", signin.MaxUsernameRunes)
	f.Limit("name", 200)
	if len(nu.Roles) == 0 {
		f.Invalid("roles", "Velg minst én rolle.")
	}
	for _, r := range nu.Roles {
		if !access.ValidRole(r) {
			f.Invalid("roles", "Velg rollene i listen.")
		}
	}
	switch {
	case nu.OIDCOnly && nu.Password != "":
		f.Invalid("password", "La passordet stå tomt for en som bare logger inn med ID-porten.")
	case !nu.OIDCOnly && len([]rune(nu.Password)) < signin.MinPasswordLength:
		f.Invalid("password", "Passordet må ha minst 10 tegn.")
	}
	if id := nu.NationalID; id != "" && fhir.CheckNorwegianIdentifier(fhir.SystemFNR, id) != "" && fhir.CheckNorwegianIdentifier(fhir.SystemDNR, id) != "" {
		f.Invalid("nationalid", "Fødselsnummeret eller d-nummeret er ikke gyldig.")
	}
	if nu.OIDCOnly && nu.NationalID == "" {
		f.Invalid("nationalid", "Skriv fødselsnummeret: det er det ID-porten kjenner personen igjen på.")
	}
}

// unitsData is the administrator's list of organisation units and the form for a new one.
type unitsData struct {
	pageData
	Units []signin.Linkable
	Form  *form
	Done  bool
}

// UnitsPage serves GET /admin/units.
func (w *Web) UnitsPage(rw http.ResponseWriter, r *http.Request) {
	add, ok := w.adder(rw, r)
	if !ok {
		return
	}
	w.renderUnits(rw, r, add, http.StatusOK, newForm("admin/units", nil))
}

func (w *Web) renderUnits(rw http.ResponseWriter, r *http.Request, add UserAdding, status int, f *form) {
	units, err := add.Units(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, "admin/units", unitsData{pageData: w.page(r, "Organisasjonsenheter"), Units: units, Form: f,
		Done: r.URL.Query().Get("done") == "added"})
}

// AddUnit serves POST /admin/units.
func (w *Web) AddUnit(rw http.ResponseWriter, r *http.Request) {
	add, ok := w.adder(rw, r)
	if !ok {
		return
	}
	p, _ := w.signedIn(rw, r)
	f, ok := w.posted(rw, r, p, "admin/units")
	if !ok {
		return
	}
	f.Require("id", "Skriv enhetens id.")
	f.Require("name", "Skriv enhetens navn.")
	f.Limit("id", signin.MaxUnitID)
	f.Limit("name", signin.MaxUnitName)
	f.Limit("kind", signin.MaxUnitID)
	status := http.StatusUnprocessableEntity
	if f.OK() {
		err := add.AddUnit(r.Context(), f.Trimmed("id"), f.Trimmed("name"), f.Trimmed("kind"))
		if err == nil {
			w.dropDraft(r.Context(), p, f.Key)
			http.Redirect(rw, r, "/admin/units?done=added", http.StatusSeeOther)
			return
		}
		if !refuse(f, "id", err, apperr.Unprocessable, apperr.Conflict) {
			w.fail(rw, r, err)
			return
		}
		status = apperr.HTTPStatus(apperr.CodeOf(err))
	}
	w.renderUnits(rw, r, add, status, f)
}
