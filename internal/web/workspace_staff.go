package web

import (
	"net/http"

	"veiviser/internal/access"
)

// staffWorkspace is the start page of the coordinator and the service provider; false for
// other roles, and without the workflows wired in (the sign-in tests), when the plain start
// page serves.
func (w *Web) staffWorkspace(rw http.ResponseWriter, r *http.Request, role access.Role) bool {
	if w.coord == nil {
		return false
	}
	switch role {
	case access.Coordinator:
		w.coordinatorWorkspace(rw, r)
	case access.ServiceProvider:
		w.providerWorkspace(rw, r)
	default:
		return false
	}
	return true
}
