package web

import (
	"net/http"

	"veiviser/internal/access"
)

// Home serves GET /: for a signed-in person the workspace of their current role (or, right
// after signing in again, the page they were on when the session ended); for anyone else the
// public start page.
func (w *Web) Home(rw http.ResponseWriter, r *http.Request) {
	p, ok := principalOf(r)
	if !ok {
		w.StartPage(rw, r)
		return
	}
	if back, ok := takeReturn(rw, r); ok {
		http.Redirect(rw, r, back, http.StatusSeeOther)
		return
	}
	w.workspace(rw, r, p, currentRole(r, p))
}

// Workspace serves the start page of one role (GET /citizen, /coordinator, ...); a person
// without the role gets the missing page.
func (w *Web) Workspace(role access.Role) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		p, ok := w.signedIn(rw, r)
		if !ok {
			return
		}
		if !p.Has(role) {
			w.NotFound(rw, r)
			return
		}
		rememberRole(rw, role)
		w.workspace(rw, r, p, role)
	}
}

// workspaceData is every workspace page's data; each role's template reads its part.
type workspaceData struct {
	pageData
	Role access.Role
}

func (w *Web) workspace(rw http.ResponseWriter, r *http.Request, p *access.Principal, role access.Role) {
	if w.staffWorkspace(rw, r, role) {
		return
	}
	switch role {
	case access.Citizen:
		w.citizenHome(rw, r)
	case access.Relative:
		w.relativeHome(rw, r)
	case access.UnitLead:
		w.unitHome(rw, r)
	case access.CaseOfficer:
		w.officeHome(rw, r)
	case access.Administrator:
		w.render(rw, r, http.StatusOK, "ws_admin", workspaceData{pageData: w.page(r, "Administrator"), Role: role})
	default:
		w.render(rw, r, http.StatusOK, "ws_none", workspaceData{pageData: w.page(r, "Min side"), Role: role})
	}
}
