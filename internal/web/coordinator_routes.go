package web

import (
	"net/http"

	"veiviser/internal/access"
)

// CoordinatorRoutes are the pages of the coordinator and the service provider (their start
// pages are the workspaces, registered with the others).
func (w *Web) CoordinatorRoutes() []Route {
	hf := func(pattern string, h http.HandlerFunc) Route { return Route{Pattern: pattern, Handler: h} }
	return []Route{
		hf("GET /coordinator/citizens/{patient}", w.CasePage),
		hf("POST /coordinator/citizens/{patient}/plan", w.OpenPlan),
		hf("GET /coordinator/citizens/{patient}/consent", w.ConsentPage),
		hf("POST /coordinator/citizens/{patient}/consent", w.RecordConsent),
		hf("GET /coordinator/plans/{plan}", w.PlanPage),
		hf("POST /coordinator/plans/{plan}/{form}", w.PlanPost),
		hf("POST /coordinator/plans/{plan}/proposals/{proposal}", w.AcceptProposal),
		hf("GET /coordinator/plans/{plan}/meetings/{meeting}", w.MeetingPage),
		hf("POST /coordinator/plans/{plan}/meetings/{meeting}", w.MeetingPost),
		hf("GET /coordinator/plans/{plan}/log", w.PlanLog),
		hf("GET /coordinator/plans/{plan}/versions", w.PlanVersions),
		hf("POST /coordinator/tasks/{task}/complete", w.CompleteTask),
		hf("GET /provider/plans/{plan}", w.ProviderPlan),
		hf("POST /provider/plans/{plan}/measures/{measure}/progress", w.RecordProgress),
	}
}

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
