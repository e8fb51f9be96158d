// Package server builds Veiviser's HTTP handler (routes, middleware, health, metrics) and runs
// it with a graceful shutdown. It wires handlers it is given; it holds no business logic.
package server

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/web"
)

// Options are the parts the server puts together.
type Options struct {
	Store  store.Store     // pinged by /healthz, reported by /metrics, closed by Serve at shutdown
	FHIR   http.Handler    // the FHIR REST API; mounted at /fhir/R4/ with "/fhir/R4" stripped
	Web    *web.Web        // the HTML pages and static files
	SignIn *signin.Service // the login form, logout and the session middleware
	// HTTPS says the site is served over HTTPS behind a proxy (an https base URL): HSTS is then
	// sent on every response, as it is on requests that arrive over TLS.
	HTTPS  bool
	OAuth  http.Handler // POST /oauth2/token (client credentials); not mounted when nil
	Logger *slog.Logger
	// Registry collects the metrics; nil makes a fresh one. Tests pass their own so two
	// servers in one process do not collide.
	Registry *prometheus.Registry
	// Limits are the HTTP server's timeouts and sizes for Serve (config.HTTP gives the defaults).
	Limits Limits
	// MetricsToken, when set, serves /metrics on this handler to requests bearing it; empty,
	// /metrics is not served here (MetricsHandler serves it on a listener of its own).
	MetricsToken string
}

// Limits bound what a client may take of the server. A zero field is net/http's zero: no limit
// (ReadHeaderTimeout falls back to ReadTimeout, IdleTimeout to ReadTimeout, MaxHeaderBytes to
// 1 MB); the binary always sets them from its configuration.
type Limits struct {
	ReadHeaderTimeout time.Duration // the request line and headers
	ReadTimeout       time.Duration // the whole request, body included
	WriteTimeout      time.Duration // from the end of the headers to the end of the answer
	IdleTimeout       time.Duration // a kept-alive connection between requests
	MaxHeaderBytes    int           // the request line and headers together
	MaxConnections    int           // served at once; more wait to be accepted
}

// Server is the assembled handler and what Serve needs to shut it down.
type Server struct {
	store   store.Store
	fhir    http.Handler
	web     *web.Web
	signin  *signin.Service
	https   bool
	oauth   http.Handler
	logger  *slog.Logger
	metrics *httpMetrics
	reg     *prometheus.Registry
	limits  Limits
	// metricsToken is the bearer token /metrics asks for; "" when it is not served here
	metricsToken string
	handler      http.Handler
}

// New assembles the handler.
func New(opts Options) (*Server, error) {
	if opts.Store == nil || opts.FHIR == nil || opts.Web == nil || opts.SignIn == nil {
		return nil, errors.New("server: Store, FHIR, Web and SignIn are required")
	}
	s := &Server{store: opts.Store, fhir: opts.FHIR, web: opts.Web, oauth: opts.OAuth, logger: opts.Logger, reg: opts.Registry}
	s.signin, s.https, s.limits, s.metricsToken = opts.SignIn, opts.HTTPS, opts.Limits, opts.MetricsToken
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	if s.reg == nil {
		s.reg = prometheus.NewRegistry()
	}
	var err error
	if s.metrics, err = newMetrics(s.reg, s.store); err != nil {
		return nil, fmt.Errorf("server: registering metrics: %w", err)
	}
	// outermost first: the id exists before anything logs; the access log sees the status
	// the panic handler wrote
	s.handler = withRequestID(observe(s.logger, s.metrics, recoverPanics(s.logger, s.protect(s.routes()))))
	return s, nil
}

// Handler is the whole application as one http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

func (s *Server) metricsHandler() http.Handler {
	return promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(s.logger.Handler(), slog.LevelError),
	})
}
