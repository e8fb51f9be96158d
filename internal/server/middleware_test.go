package server

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// logLines parses the JSON log lines.
func logLines(t *testing.T, logs string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", l)
		}
		out = append(out, m)
	}
	return out
}

func TestRequestID(t *testing.T) {
	tests := []struct {
		name, sent string
		keep       bool
	}{
		{"none sent", "", false},
		{"sane kept", "abc-123_x.y:z", true},
		{"too long replaced", strings.Repeat("a", 65), false},
		{"newline replaced", "abc\ndef", false},
		{"space replaced", "abc def", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// the FHIR slot logs through the process logger with the request's context, as
			// every handler should
			var f fixture
			f = newServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				f.srv.logger.InfoContext(r.Context(), "inside handler")
			}))
			hdr := map[string]string{}
			if tt.sent != "" {
				hdr["X-Request-ID"] = tt.sent
			}
			res, _ := do(t, f.srv.Handler(), "GET", "/fhir/R4/Patient", hdr)
			id := res.Header.Get("X-Request-ID")
			if tt.keep && id != tt.sent {
				t.Errorf("X-Request-ID = %q, want the sent %q", id, tt.sent)
			}
			if !tt.keep && !regexp.MustCompile(`^[0-9a-f]{24}$`).MatchString(id) {
				t.Errorf("X-Request-ID = %q, want a generated id", id)
			}
			lines := logLines(t, f.logs.String())
			if len(lines) != 2 {
				t.Fatalf("want 2 log lines (handler, access), got %d:\n%s", len(lines), f.logs.String())
			}
			for _, l := range lines {
				if l["request_id"] != id {
					t.Errorf("log line %v has request_id %v, want %q", l["msg"], l["request_id"], id)
				}
			}
		})
	}
}

func TestAccessLogNeverHasQuery(t *testing.T) {
	f := newServer(t, echoPath)
	const fnr = "13097248022" // a synthetic identity number in the query string
	do(t, f.srv.Handler(), "GET", "/fhir/R4/Patient?identifier=urn:oid:2.16.578.1.12.4.1.4.1|"+fnr, nil)
	logs := f.logs.String()
	if strings.Contains(logs, fnr) || strings.Contains(logs, "identifier") {
		t.Fatalf("access log shows the query string:\n%s", logs)
	}
	lines := logLines(t, logs)
	if len(lines) != 1 {
		t.Fatalf("want one access line, got:\n%s", logs)
	}
	l := lines[0]
	for key, want := range map[string]any{"msg": "request", "method": "GET", "route": "/fhir/R4/", "status": float64(200)} {
		if l[key] != want {
			t.Errorf("access log %s = %v, want %v", key, l[key], want)
		}
	}
	for _, key := range []string{"bytes", "duration", "request_id"} {
		if _, ok := l[key]; !ok {
			t.Errorf("access log lacks %s: %v", key, l)
		}
	}
}

func TestPanicBecomes500(t *testing.T) {
	f := newServer(t, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("boom")
	}))
	res, body := do(t, f.srv.Handler(), "GET", "/fhir/R4/Patient", nil)
	if res.StatusCode != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", res.StatusCode)
	}
	if strings.Contains(body, "boom") {
		t.Errorf("panic value reached the client: %q", body)
	}
	logs := f.logs.String()
	if !strings.Contains(logs, "panic serving request") || !strings.Contains(logs, "boom") {
		t.Errorf("panic not logged:\n%s", logs)
	}
	if !strings.Contains(logs, `"status":500`) {
		t.Errorf("access log does not show 500:\n%s", logs)
	}
	// the server still serves after the panic
	if res, _ := do(t, f.srv.Handler(), "GET", "/healthz", nil); res.StatusCode != 200 {
		t.Errorf("healthz after panic = %d", res.StatusCode)
	}
}

func TestMetricsCountByRoutePattern(t *testing.T) {
	f := newServer(t, echoPath)
	h := f.srv.Handler()
	for _, id := range []string{"a", "b", "c"} {
		do(t, h, "GET", "/fhir/R4/Patient/"+id, nil)
	}
	do(t, h, "GET", "/nowhere", nil)
	_, body := do(t, h, "GET", "/metrics", metricsAuth)
	for _, want := range []string{
		`veiviser_http_requests_total{method="GET",route="/fhir/R4/",status="200"} 3`,
		`veiviser_http_requests_total{method="GET",route="/",status="404"} 1`,
		`veiviser_http_request_duration_seconds_bucket{method="GET",route="/fhir/R4/",le="+Inf"} 3`,
		`veiviser_http_requests_in_flight 1`, // the /metrics request itself
		`veiviser_store_open_connections{dialect="sqlite"}`,
		`veiviser_store_connection_waits_total{dialect="sqlite"}`,
		`go_goroutines`,
		`process_resident_memory_bytes`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(body, "/Patient/a") {
		t.Error("metrics carry a path instead of the route pattern")
	}
}
