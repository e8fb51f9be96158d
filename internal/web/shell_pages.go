package web

import "net/http"

// pageData is what every page template gets.
type pageData struct {
	Title        string // the <title>, in bokmål
	TitleEn      string
	Municipality string
	User         *userView // nil when nobody is signed in: no menu, no logout
}

// page is the page data for r: the title, and the header and menu of whoever is signed in.
func (w *Web) page(r *http.Request, title, titleEn string) pageData {
	d := pageData{Title: title, TitleEn: titleEn, Municipality: w.town}
	if p, ok := principalOf(r); ok {
		d.User = newUserView(r, p)
	}
	return d
}

// StartPage serves GET /: what Veiviser is, in bokmål with English beside it.
func (w *Web) StartPage(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusOK, "start", pageData{Title: "Forside", TitleEn: "Start page", Municipality: w.town})
}

// NotFound serves every path no route claims, as a page in the site's layout. A record the
// person may not see answers with it too, so its existence does not leak.
func (w *Web) NotFound(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusNotFound, "notfound", w.page(r, "Fant ikke siden", "Page not found"))
}
