package web

import (
	"context"
	"net/http"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/signin"
	"veiviser/internal/webform"
)

// UserAdmin is the administrator's user administration (signin.Admin implements it).
type UserAdmin interface {
	Users(ctx context.Context) ([]signin.UserEntry, error)
	SetDisabled(ctx context.Context, id string, disabled bool) error
	SetPassword(ctx context.Context, id, password string) error
}

// adminUsersData is the administrator's list of users.
type adminUsersData struct {
	pageData
	Users []signin.UserEntry
	Done  string // what was just done: disabled, enabled, password
	Form  *form  // a refused new password, on the user it was for
	For   string // the user the refused form was for
}

// administrator is the signed-in administrator with user administration wired in; else the page
// is missing.
func (w *Web) administrator(rw http.ResponseWriter, r *http.Request) (*access.Principal, bool) {
	p, ok := w.signedIn(rw, r)
	if !ok {
		return nil, false
	}
	if !p.Has(access.Administrator) || w.users == nil {
		w.NotFound(rw, r)
		return nil, false
	}
	return p, true
}

// AdminUsers serves GET /admin/users: every user with roles, links and state.
func (w *Web) AdminUsers(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.administrator(rw, r); !ok {
		return
	}
	w.renderAdminUsers(rw, r, http.StatusOK, nil, "")
}

func (w *Web) renderAdminUsers(rw http.ResponseWriter, r *http.Request, status int, f *form, forUser string) {
	users, err := w.users.Users(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, status, "admin/users", adminUsersData{pageData: w.page(r, "Brukere"), Users: users,
		Done: r.URL.Query().Get("done"), Form: f, For: forUser})
}

// AdminSetDisabled serves POST /admin/users/{id}/disable and /enable: a disabled user is signed
// out at once.
func (w *Web) AdminSetDisabled(disabled bool) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		if _, ok := w.administrator(rw, r); !ok {
			return
		}
		if err := w.users.SetDisabled(r.Context(), r.PathValue("id"), disabled); err != nil {
			w.fail(rw, r, err)
			return
		}
		done := "enabled"
		if disabled {
			done = "disabled"
		}
		http.Redirect(rw, r, "/admin/users?done="+done, http.StatusSeeOther)
	}
}

// AdminSetPassword serves POST /admin/users/{id}/password: a new password the administrator
// gives the user (who is told it another way).
func (w *Web) AdminSetPassword(rw http.ResponseWriter, r *http.Request) {
	if _, ok := w.administrator(rw, r); !ok {
		return
	}
	id := r.PathValue("id")
	if err := webform.Read(rw, r); err != nil { // not postedForm: a password is never kept as a draft
		w.fail(rw, r, err)
		return
	}
	f := newForm("admin/password/"+id, url.Values{"password": r.PostForm["password"]})
	var err error
	f.Require("password", "Skriv det nye passordet.")
	if f.OK() {
		err = w.users.SetPassword(r.Context(), id, f.Get("password"))
		if err == nil {
			http.Redirect(rw, r, "/admin/users?done=password", http.StatusSeeOther)
			return
		}
		if !refuse(f, "password", err, apperr.Unprocessable, apperr.Invalid) {
			w.fail(rw, r, err)
			return
		}
	}
	f.Values.Del("password")
	w.renderAdminUsers(rw, r, http.StatusUnprocessableEntity, f, id)
}
