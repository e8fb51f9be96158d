package web

import (
	"net/http"
	"strings"

	"veiviser/internal/access"
)

// returnCookie holds the page a person was on when their session ended, so that signing in
// again brings them back to it (and to the draft kept there).
const returnCookie = "veiviser_return"

// principalOf is the signed-in person; system clients have no pages.
func principalOf(r *http.Request) (*access.Principal, bool) {
	p, ok := access.FromContext(r.Context())
	if !ok || p.UserID == "" {
		return nil, false
	}
	return p, true
}

// signedIn returns the signed-in person, or sends the browser to the login form, remembering
// the page to come back to. htmx requests get a full-page redirect to the login form.
func (w *Web) signedIn(rw http.ResponseWriter, r *http.Request) (*access.Principal, bool) {
	if p, ok := principalOf(r); ok {
		return p, true
	}
	back := r.URL.Path
	if r.Method == http.MethodGet && r.URL.RawQuery != "" {
		back += "?" + r.URL.RawQuery
	}
	if r.Header.Get("HX-Request") == "" && safeReturn(back) {
		http.SetCookie(rw, &http.Cookie{Name: returnCookie, Value: back, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteLaxMode, MaxAge: 3600})
	}
	if r.Header.Get("HX-Request") != "" {
		rw.Header().Set("HX-Redirect", "/login")
		rw.WriteHeader(http.StatusUnauthorized)
		return nil, false
	}
	http.Redirect(rw, r, "/login", http.StatusSeeOther)
	return nil, false
}

// safeReturn accepts only a path on this site: never another host ("//x", "/\x").
func safeReturn(path string) bool {
	return strings.HasPrefix(path, "/") && !strings.HasPrefix(path, "//") && !strings.HasPrefix(path, "/\\") &&
		!strings.HasPrefix(path, "/login") && !strings.HasPrefix(path, "/logout") && !strings.ContainsAny(path, "\r\n")
}

// takeReturn returns and clears the page to come back to after signing in, if any.
func takeReturn(rw http.ResponseWriter, r *http.Request) (string, bool) {
	c, err := r.Cookie(returnCookie)
	if err != nil || !safeReturn(c.Value) {
		return "", false
	}
	http.SetCookie(rw, &http.Cookie{Name: returnCookie, Value: "", Path: "/", HttpOnly: true, MaxAge: -1})
	return c.Value, true
}
