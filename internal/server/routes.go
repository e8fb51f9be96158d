package server

import (
	"context"
	"net/http"
	"time"
)

// routes is the one place where every URL of the application is registered: the operations',
// the API's and sign-in's here, the web's pages from the one list of them, web.Routes.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()

	// operations
	mux.HandleFunc("GET /healthz", s.healthz)
	if s.metricsToken != "" { // else /metrics is not on this listener: see MetricsHandler
		mux.Handle("GET /metrics", s.tokenMetrics())
	}

	// the FHIR R4 API; it sets its own headers and answers every method itself
	mux.Handle("/fhir/R4/", http.StripPrefix("/fhir/R4", s.fhir))
	mux.Handle("/fhir/R4", http.StripPrefix("/fhir/R4", s.fhir)) // the base itself: no redirect
	if s.oauth != nil {
		mux.Handle("POST /oauth2/token", s.oauth) // API clients sign in (client credentials)
	}

	// sign-in
	mux.Handle("GET /login", webHeaders(http.HandlerFunc(s.signin.LoginForm)))
	mux.Handle("POST /login", webHeaders(http.HandlerFunc(s.signin.Login)))
	mux.Handle("POST /logout", webHeaders(http.HandlerFunc(s.signin.Logout)))
	mux.Handle("GET /login/oidc/{provider}", webHeaders(http.HandlerFunc(s.signin.OIDCStart)))
	mux.Handle("GET /login/oidc/{provider}/callback", webHeaders(http.HandlerFunc(s.signin.OIDCCallback)))

	// the web UI: every page, by area, is listed in internal/web/routes.go
	for _, rt := range s.web.Routes() {
		mux.Handle(rt.Pattern, webHeaders(rt.Handler))
	}
	mux.Handle("/", webHeaders(http.HandlerFunc(s.web.NotFound)))
	return mux
}

// healthz answers 200 when the store answers within two seconds, else 503, so a load balancer
// takes an instance out when its database is gone.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	if err := s.store.Ping(ctx); err != nil {
		s.logger.WarnContext(r.Context(), "healthz: store does not answer", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"status":"unavailable"}` + "\n"))
		return
	}
	_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
}
