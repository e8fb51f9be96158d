package server

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"
)

// recorder remembers the status and the bytes written, for the access log and the metrics.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (rec *recorder) WriteHeader(code int) {
	if rec.status == 0 {
		rec.status = code
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the real writer (Flush, deadlines).
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// Flush passes on flushes, for handlers that stream.
func (rec *recorder) Flush() {
	if f, ok := rec.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// observe logs one access line per request and records the metrics. It logs the route pattern
// and the path-free method, never the query string: a search may carry an identity number.
func observe(logger *slog.Logger, m *httpMetrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		m.inFlight.Inc()
		defer m.inFlight.Dec()
		rec := &recorder{ResponseWriter: w}
		rec.Header()["X-Content-Type-Options"] = hdrNosniff
		next.ServeHTTP(rec, r) // the mux sets r.Pattern on this very request
		if rec.status == 0 {
			rec.status = http.StatusOK // nothing written: net/http sends 200
		}
		elapsed := time.Since(start)
		route := routeLabel(r.Pattern)
		method := methodLabel(r.Method)
		m.observe(route, method, rec.status, elapsed)
		logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("route", route), slog.Int("status", rec.status),
			slog.Int64("bytes", rec.bytes), slog.Duration("duration", elapsed))
	})
}

// routeLabel keeps the metric's label set bounded: the pattern, never the path.
func routeLabel(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	return pattern
}

func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}

// hdrNosniff is assigned, not Set: no canonicalising and no slice per request. Nothing changes
// a header value in place, and an Add would copy it (its capacity is its length).
var hdrNosniff = []string{"nosniff"}

// recoverPanics turns a panicking handler into a 500 and an error line with the stack, so one
// bad request cannot take the process down and the client hears something. It shares observe's
// recorder when it runs inside it: one wrapper less on every write.
func recoverPanics(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec, ok := w.(*recorder)
		if !ok {
			rec = &recorder{ResponseWriter: w}
		}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler { //nolint:errorlint // the sentinel is compared as net/http does
				panic(v) // the handler asked to abort the connection; net/http handles it quietly
			}
			logger.ErrorContext(r.Context(), "panic serving request",
				"panic", fmt.Sprint(v), "route", routeLabel(r.Pattern), "stack", string(debug.Stack()))
			if rec.status == 0 {
				http.Error(rec, "Intern feil / Internal server error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// webHeaders sets the security headers for HTML pages and their files: no inline script or
// style, no framing, no referrer to other sites.
func webHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY") // for browsers that predate frame-ancestors
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy: everything from our own origin; data: images because Designsystemet
// draws its icons as data: SVG in CSS.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; " +
	"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// protect wraps the routes in what every request passes: HSTS, the cap on bodies, the refusal
// of cross-origin state-changing requests (CSRF), and the session middleware that names the
// signed-in person.
func (s *Server) protect(next http.Handler) http.Handler {
	return hsts(s.https, limitBodies(crossOrigin(s.signin.Middleware(next))))
}

// hsts tells the browser to reach this host only over HTTPS for a year, on responses served over
// TLS or, behind a TLS-terminating proxy, when the site is configured as https. Over plain HTTP
// the header would be ignored, and sending it there would pin a development host.
func hsts(https bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if https || r.TLS != nil {
			w.Header().Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}
