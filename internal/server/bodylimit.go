package server

import (
	"net/http"
	"strings"

	"veiviser/internal/webform"
)

// apiPrefix is where the FHIR API is mounted; it bounds its own bodies (fhirapi.MaxBodyBytes,
// 10 MB after gzip) and answers an OperationOutcome when one is larger.
const apiPrefix = "/fhir/R4/"

// isAPI reports whether the request is for the FHIR API, its base without the slash included.
func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, apiPrefix) || r.URL.Path == strings.TrimSuffix(apiPrefix, "/")
}

// limitBodies caps the body of every request but the API's at webform.MaxFormBytes (a page
// that takes files at webform.MaxUploadBytes) before any
// handler or middleware can read it: the web's forms, /login, /logout, /drafts and
// /oauth2/token alike. One place, so a handler that reads the form early (FormValue) cannot
// read more; reading past the cap fails with *http.MaxBytesError and closes the connection.
func limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case isAPI(r):
		case webform.IsUploadPath(r.URL.Path) && r.Method == http.MethodPost:
			r.Body = http.MaxBytesReader(w, r.Body, webform.MaxUploadBytes) // ReadUpload bounds each part
		default:
			r.Body = http.MaxBytesReader(w, r.Body, webform.MaxFormBytes)
		}
		next.ServeHTTP(w, r)
	})
}
