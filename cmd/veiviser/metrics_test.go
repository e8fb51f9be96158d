package main

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
)

// TestMetricsListener: the listener of its own serves GET /metrics, without sign-in, and
// nothing else.
func TestMetricsListener(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "veiviser_up 1\n") })
	stop := serveMetrics(ln, h, slog.New(slog.DiscardHandler))
	defer stop()
	for path, want := range map[string]int{"/metrics": http.StatusOK, "/": http.StatusNotFound, "/fhir/R4/metadata": http.StatusNotFound} {
		res, err := http.Get("http://" + ln.Addr().String() + path)
		if err != nil {
			t.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("GET %s = %d, want %d", path, res.StatusCode, want)
		}
	}
}
