package web

import (
	"net/http"
	"path"
	"strings"
)

// Static serves the embedded static files under /static/ (the caller strips nothing: the
// handler expects the full path). Files are immutable per URL because links carry a content
// hash (see asset), so they are cached for a year. Folders are not listed.
func (w *Web) Static() http.Handler {
	files := http.StripPrefix("/static/", http.FileServerFS(w.static))
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if _, ok := w.hashes[name]; !ok {
			w.NotFound(rw, r)
			return
		}
		if ct := contentType(path.Ext(name)); ct != "" {
			// set before FileServer looks, so the type does not depend on the host's mime tables
			rw.Header().Set("Content-Type", ct)
		}
		rw.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(rw, r)
	})
}

// contentType is the type for the extensions we ship; "" leaves it to FileServer.
func contentType(ext string) string {
	switch ext {
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".woff2":
		return "font/woff2"
	case ".txt":
		return "text/plain; charset=utf-8"
	}
	return ""
}
