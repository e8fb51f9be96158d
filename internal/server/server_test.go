package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"veiviser/internal/store"
	"veiviser/internal/web"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// openSQLite opens a real SQLite store in a temporary folder.
func openSQLite(t *testing.T) store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

type fixture struct {
	srv  *Server
	st   store.Store
	logs *syncBuffer
}

// newServer assembles a server over a real SQLite store and the real web package; fhir is the
// handler mounted at /fhir/R4/ (tests give one that shows what it receives).
func newServer(t *testing.T, fhir http.Handler) fixture {
	t.Helper()
	return newServerWith(t, fhir, nil)
}

// newServerWith is newServer with the options edited by edit (nil: as they are).
func newServerWith(t *testing.T, fhir http.Handler, edit func(*Options)) fixture {
	t.Helper()
	st := openSQLite(t)
	w, err := web.New(web.Options{})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	logs := &syncBuffer{}
	logger, err := NewLogger(logs, "json", slog.LevelDebug)
	if err != nil {
		t.Fatalf("NewLogger: %v", err)
	}
	opts := Options{Store: st, FHIR: fhir, Web: w, SignIn: newSignIn(t, st, w), Logger: logger, Registry: prometheus.NewRegistry(),
		MetricsToken: testMetricsToken}
	if edit != nil {
		edit(&opts)
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	return fixture{srv: srv, st: st, logs: logs}
}

// testMetricsToken serves /metrics on the test servers; metricsAuth is its header.
const testMetricsToken = "a-metrics-token-for-the-server-tests"

var metricsAuth = map[string]string{"Authorization": "Bearer " + testMetricsToken}

// echoPath answers with the path it was given, to show the /fhir/R4 prefix is stripped.
var echoPath = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain")
	_, _ = io.WriteString(w, r.URL.Path)
})

func do(t *testing.T, h http.Handler, method, target string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(body)
}

func TestRoutes(t *testing.T) {
	f := newServer(t, echoPath)
	h := f.srv.Handler()
	tests := []struct {
		method, target string
		status         int
		bodyHas        string
		csp            bool // the web security headers are expected
	}{
		{"GET", "/", 200, `lang="nb"`, true},
		{"GET", "/static/app.css", 200, "site-width", true},
		{"GET", "/healthz", 200, `{"status":"ok"}`, false},
		{"GET", "/metrics", 200, "veiviser_http_requests_in_flight", false},
		{"GET", "/fhir/R4/Patient/123?name=x", 200, "/Patient/123", false},
		{"POST", "/fhir/R4/Patient", 200, "/Patient", false},
		{"GET", "/fhir/R4/metadata", 200, "/metadata", false},
		{"GET", "/no/such/page", 404, "Fant ikke siden", true},
		{"POST", "/healthz", 404, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			var hdr map[string]string
			if tt.target == "/metrics" {
				hdr = metricsAuth // served on this listener behind the token
			}
			res, body := do(t, h, tt.method, tt.target, hdr)
			if res.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d; body %.200q", res.StatusCode, tt.status, body)
			}
			if !strings.Contains(body, tt.bodyHas) {
				t.Errorf("body lacks %q: %.300q", tt.bodyHas, body)
			}
			if res.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Error("X-Content-Type-Options: nosniff missing")
			}
			csp := res.Header.Get("Content-Security-Policy")
			if tt.csp != (csp != "") {
				t.Errorf("Content-Security-Policy = %q, want present=%v", csp, tt.csp)
			}
			if tt.csp {
				for _, want := range []string{"frame-ancestors 'none'", "script-src 'self'"} {
					if !strings.Contains(csp, want) {
						t.Errorf("CSP %q lacks %q", csp, want)
					}
				}
				if strings.Contains(csp, "unsafe-inline") {
					t.Errorf("CSP allows inline code: %q", csp)
				}
				if got := res.Header.Get("Referrer-Policy"); got != "same-origin" {
					t.Errorf("Referrer-Policy = %q", got)
				}
			}
		})
	}
}

func TestHealthzWhenStoreIsGone(t *testing.T) {
	f := newServer(t, echoPath)
	if err := f.st.Close(); err != nil {
		t.Fatalf("closing store: %v", err)
	}
	res, body := do(t, f.srv.Handler(), "GET", "/healthz", nil)
	if res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503 (body %q)", res.StatusCode, body)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(body), &got); err != nil || got["status"] != "unavailable" {
		t.Errorf("body = %q (%v)", body, err)
	}
}

// TestMetricsAreNotPublic: /metrics answered anyone. Without a metrics token it is not served
// on the main listener at all; with one, only to a request bearing it (401 otherwise).
// MetricsHandler serves it for a listener of its own.
func TestMetricsAreNotPublic(t *testing.T) {
	none := newServerWith(t, echoPath, func(o *Options) { o.MetricsToken = "" })
	if res, body := do(t, none.srv.Handler(), "GET", "/metrics", metricsAuth); res.StatusCode != http.StatusNotFound ||
		strings.Contains(body, "veiviser_http") {
		t.Errorf("no token configured: /metrics = %d %.100q, want 404 without figures", res.StatusCode, body)
	}
	h := newServer(t, echoPath).srv.Handler()
	for name, hdr := range map[string]map[string]string{
		"no token":    nil,
		"wrong token": {"Authorization": "Bearer " + testMetricsToken + "x"},
		"not bearer":  {"Authorization": "Basic " + testMetricsToken},
	} {
		res, body := do(t, h, "GET", "/metrics", hdr)
		if res.StatusCode != http.StatusUnauthorized || strings.Contains(body, "veiviser_http") ||
			!strings.HasPrefix(res.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("%s: /metrics = %d %q %.100q, want 401 with a Bearer challenge", name, res.StatusCode, res.Header.Get("WWW-Authenticate"), body)
		}
	}
	rec := httptest.NewRecorder()
	none.srv.MetricsHandler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "veiviser_http_requests_in_flight") {
		t.Errorf("MetricsHandler: %d", rec.Code)
	}
}

// TestCrossOriginRefusalOnTheAPIIsAnOperationOutcome: the API's cross-origin 403 was the
// standard library's text/plain; it is an OperationOutcome as every API error is. The web's
// stays a short text.
func TestCrossOriginRefusalOnTheAPIIsAnOperationOutcome(t *testing.T) {
	h := newServer(t, echoPath).srv.Handler()
	cross := map[string]string{"Sec-Fetch-Site": "cross-site"}
	res, body := do(t, h, "POST", "/fhir/R4/Patient", cross)
	var oo struct {
		ResourceType string `json:"resourceType"`
		Issue        []struct{ Severity, Code, Diagnostics string }
	}
	if err := json.Unmarshal([]byte(body), &oo); err != nil || res.StatusCode != http.StatusForbidden || oo.ResourceType != "OperationOutcome" ||
		len(oo.Issue) != 1 || oo.Issue[0].Code != "forbidden" || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/fhir+json") {
		t.Errorf("API: %d %q %s (%v)", res.StatusCode, res.Header.Get("Content-Type"), body, err)
	}
	res, body = do(t, h, "POST", "/logout", cross)
	if res.StatusCode != http.StatusForbidden || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") || !strings.Contains(body, "another site") {
		t.Errorf("web: %d %q %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
}
