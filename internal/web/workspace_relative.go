package web

import (
	"net/http"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
)

// relativeHomeData is a relative's start page: the citizens whose consent lets them take part.
type relativeHomeData struct {
	pageData
	WS coordination.RelativeWorkspace
}

// relativeHome serves GET /relative.
func (w *Web) relativeHome(rw http.ResponseWriter, r *http.Request) {
	if w.withoutWorkflows(rw, r, access.Relative) {
		return
	}
	if _, ok := w.holder(rw, r, access.Relative); !ok {
		return
	}
	ws, err := w.coord.RelativeWorkspace(r.Context())
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "relative/home", relativeHomeData{pageData: w.page(r, "Min side"), WS: ws})
}
