package web

import "net/http"

// pageData is what every page template gets.
type pageData struct {
	Title   string // the <title>, in bokmål
	TitleEn string
}

// StartPage serves GET /: what Veiviser is, in bokmål with English beside it.
func (w *Web) StartPage(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusOK, "start", pageData{Title: "Forside", TitleEn: "Start page"})
}

// NotFound serves every path no route claims, as a page in the site's layout.
func (w *Web) NotFound(rw http.ResponseWriter, r *http.Request) {
	w.render(rw, r, http.StatusNotFound, "notfound",
		pageData{Title: "Fant ikke siden", TitleEn: "Page not found"})
}
