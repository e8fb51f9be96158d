package server

import (
	"net/http"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
)

// crossOrigin refuses state-changing requests another site makes a browser send (CSRF), as
// http.CrossOriginProtection decides; the refusal is an OperationOutcome on the API, as every
// other API error is, and a short text in both languages elsewhere.
func crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(crossOriginRefused))
	return cop.Handler(next)
}

func crossOriginRefused(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if !isAPI(r) {
		http.Error(w, "Forespørselen kom fra et annet nettsted og er avvist. / The request came from another site and is refused.",
			http.StatusForbidden)
		return
	}
	oo := fhir.OperationOutcome(apperr.New(apperr.Forbidden,
		"cross-origin request refused: a browser sent it for another site (use a bearer token from a server, or the same origin)"))
	w.Header().Set("Content-Type", "application/fhir+json; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	_, _ = w.Write(oo.AppendJSON(nil))
}
