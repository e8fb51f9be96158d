package web

import (
	"net/http"

	"veiviser/internal/access"
)

// Route is one page's method and path, and its handler, for internal/server's routes.
type Route struct {
	Pattern string
	Handler http.Handler
}

// CitizenRoutes are the pages of the citizen, the relative and the unit lead (their start
// pages are the workspaces, registered with the others).
func (w *Web) CitizenRoutes() []Route {
	hf := func(pattern string, h http.HandlerFunc) Route { return Route{Pattern: pattern, Handler: h} }
	return append([]Route{
		hf("GET /citizen/inquiry", w.inquiryForm(access.Citizen)),
		hf("POST /citizen/inquiry", w.sendInquiry(access.Citizen)),
		hf("GET /citizen/plan", w.myPlan(access.Citizen)),
		hf("POST /citizen/plan/comment", w.planWrite(access.Citizen, "comment")),
		hf("POST /citizen/plan/proposal", w.planWrite(access.Citizen, "proposal")),
		hf("GET /citizen/coordinator", w.CitizenCoordinator),
		hf("GET /citizen/consent", w.CitizenConsent),
		hf("POST /citizen/consent", w.GiveConsent),
		hf("GET /citizen/consent/{id}/withdraw", w.ConfirmWithdraw),
		hf("POST /citizen/consent/{id}/withdraw", w.Withdraw),
		hf("GET /citizen/access-log", w.CitizenAccessLog),
		hf("GET /relative/inquiry", w.inquiryForm(access.Relative)),
		hf("POST /relative/inquiry", w.sendInquiry(access.Relative)),
		hf("GET /relative/plan", w.myPlan(access.Relative)),
		hf("POST /relative/plan/comment", w.planWrite(access.Relative, "comment")),
		hf("GET /unit/inbox", w.UnitInbox),
	}, w.unitRoutes()...)
}
