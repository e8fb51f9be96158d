// Package fhirapi is the FHIR R4 REST API over records.Service: thin handlers that parse HTTP,
// call the service and write the answer, with one response writer (content type, ETag, gzip) and
// one error writer (an OperationOutcome with the status of the error's code).
package fhirapi

import (
	"compress/gzip"
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/terminology"
)

// MaxBodyBytes is the largest request body accepted, after gzip decoding; more is a 413.
const MaxBodyBytes = 10 << 20

// Options configures the handler.
type Options struct {
	// BaseURL is the API's public base, e.g. https://veiviser.example.no/fhir/R4; used in
	// Location, fullUrl and links. Empty: derived from each request.
	BaseURL string
	Logger  *slog.Logger
	// Auth checks bearer tokens. Requests without a principal from a session (put in the
	// context by middleware in front) or a valid token are refused; with Auth nil only
	// sessions sign in.
	Auth Authenticator
	// ReadLog stores the access log entries of reads and searches, durably, before the answer
	// goes out; nil means the group-committing accesslog.Log over the record layer. The server
	// passes its one journaled accesslog.Log, shared with the web pages. (Writes log in their own
	// transaction whatever this is.)
	ReadLog ReadLog
	// View gives, for one request of a person, each record as they may see it (changed reports
	// that something was left out): the records' own read rules, such as what a consent does not
	// share (coordination.Service.APIView). Every record a person gets passes it. nil: whole.
	View View
	// Terminology is the project's code systems, served at /CodeSystem and /ValueSet; nil: the
	// embedded ones (terminology.Must).
	Terminology *terminology.Terminology
}

// View is Options.View.
type View func(ctx context.Context, p *access.Principal) func(store.Record) (rec store.Record, changed bool, err error)

// ReadLog is where read accesses are logged: the entries of one access together.
type ReadLog interface {
	RecordAll(ctx context.Context, entries []accesslog.Event) error
}

type api struct {
	svc        *records.Service
	auth       Authenticator
	decider    *access.Decider
	audit      ReadLog
	base       string
	log        *slog.Logger
	gzip       sync.Pool // *gzip.Writer, reused: a fresh one costs about 800 kB of allocation
	gzipped    *gzipCache
	capability []byte // the CapabilityStatement, built once
	terms      terms  // the project's CodeSystems and ValueSets (terminology.go)
	view       View
}

// gzipCacheBytes bounds the cache of gzipped versions.
const gzipCacheBytes = 32 << 20

// New returns the API handler. Mount it at /fhir/R4 with the prefix stripped.
func New(svc *records.Service, opts Options) http.Handler {
	a := &api{svc: svc, base: strings.TrimSuffix(opts.BaseURL, "/"), log: opts.Logger, auth: opts.Auth,
		decider: access.NewDecider(svc.Store(), svc.Now), audit: opts.ReadLog, view: opts.View}
	if a.audit == nil {
		a.audit = accesslog.NewLog(svc)
	}
	if a.log == nil {
		a.log = slog.New(slog.DiscardHandler)
	}
	a.gzip.New = func() any {
		w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed) // the level is valid, so no error
		return w
	}
	a.gzipped = newGzipCache(gzipCacheBytes)
	tm := opts.Terminology
	if tm == nil {
		tm = terminology.Must()
	}
	a.terms = newTerms(tm)
	a.capability = capabilityStatement(a.base, svc.Now())
	return slashes(a.signedIn(a.terminology(a.routes())))
}

// slashes serves every path with and without a trailing slash alike, and the base itself
// (mounted without its slash, the path is empty) as "/": the spec and every client send batches
// and transactions to the base as written, [base] with no slash, and a redirect would lose the
// POST for a client that does not replay it.
func slashes(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		switch {
		case p == "":
			p = "/"
		case len(p) > 1 && strings.HasSuffix(p, "/"):
			p = strings.TrimSuffix(p, "/")
		}
		if p != r.URL.Path {
			r2 := r.Clone(r.Context())
			r2.URL.Path, r2.URL.RawPath = p, ""
			r = r2
		}
		next.ServeHTTP(w, r)
	})
}

// routes registers every interaction in one place.
func (a *api) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metadata", a.metadata)
	mux.HandleFunc("POST /{$}", a.bundle)
	mux.HandleFunc("GET /_history", a.historySystem)
	mux.HandleFunc("GET /{type}", a.searchGet)
	mux.HandleFunc("POST /{type}/_search", a.searchPost)
	mux.HandleFunc("POST /{type}", a.create)
	mux.HandleFunc("GET /{type}/_history", a.historyType)
	mux.HandleFunc("GET /{type}/{id}", a.read)
	mux.HandleFunc("PUT /{type}/{id}", a.update)
	mux.HandleFunc("DELETE /{type}/{id}", a.delete)
	mux.HandleFunc("GET /{type}/{id}/_history", a.historyInstance)
	mux.HandleFunc("GET /{type}/{id}/_history/{vid}", a.vread)
	mux.HandleFunc("POST /Patient/{id}/$emergency-access", a.emergencyAccess)
	mux.HandleFunc("/", a.unrouted)
	return mux
}
