package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// MetricsHandler serves the Prometheus text format, with no sign-in of its own: for a listener
// of its own (--metrics-addr) on the monitoring network. The main listener serves it only
// behind the metrics token (Options.MetricsToken).
func (s *Server) MetricsHandler() http.Handler { return s.metricsHandler() }

// tokenMetrics is /metrics on the main listener: the bearer token or 401. The token is compared
// as a hash in constant time, so the comparison tells nothing of it.
func (s *Server) tokenMetrics() http.Handler {
	want := sha256.Sum256([]byte(s.metricsToken))
	next := s.metricsHandler()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		sum := sha256.Sum256([]byte(got))
		if !ok || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="veiviser-metrics"`)
			http.Error(w, "Unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}
