package web

import "net/http"

// pageData is what every page template gets.
type pageData struct {
	Title        string // the <title> and heading, in bokmål (a catalog key)
	TitleArgs    []any  // when Title is a format: the values it is filled with (names), not translated
	Municipality string
	User         *userView // nil when nobody is signed in: no menu, no logout
	Here         string    // the page's address, where the language switch comes back to
}

// page is the page data for r: the title, and the header and menu of whoever is signed in.
func (w *Web) page(r *http.Request, title string, args ...any) pageData {
	d := pageData{Title: title, TitleArgs: args, Municipality: w.site(r.Context()).Municipality, Here: r.URL.RequestURI()}
	if p, ok := principalOf(r); ok {
		d.User = newUserView(r, p)
	}
	return d
}

// StartPage serves GET /: what Veiviser is.
func (w *Web) StartPage(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusOK, "start", w.page(r, "Forside"))
}

// NotFound serves every path no route claims, as a page in the site's layout. A record the
// person may not see answers with it too, so its existence does not leak.
func (w *Web) NotFound(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusNotFound, "notfound", w.page(r, "Fant ikke siden"))
}
