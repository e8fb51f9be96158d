package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"veiviser/internal/store"
	"veiviser/internal/testutil/benchcpu"
	"veiviser/internal/web"
)

// BenchmarkMiddleware measures what every API request pays in front of the FHIR handler: request
// id, metrics, the access line (at warn, as scripts/bench runs), panic recovery, HSTS, cross-origin
// protection and the session middleware, around a handler that writes a read's 800 bytes.
//
//	go test ./internal/server -run '^$' -bench Middleware -benchmem -count 5
func BenchmarkMiddleware(b *testing.B) {
	st, err := store.Open(context.Background(), store.Config{DataDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	w, err := web.New(web.Options{})
	if err != nil {
		b.Fatal(err)
	}
	body := make([]byte, 800)
	fhir := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = []string{"application/fhir+json; charset=utf-8"}
		_, _ = w.Write(body)
	})
	srv, err := New(Options{Store: st, FHIR: fhir, Web: w, SignIn: newSignIn(b, st, w),
		Logger: slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn})), Registry: prometheus.NewRegistry()})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	ctx, cancel := context.WithCancel(context.Background()) // as net/http's request contexts are
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", "/fhir/R4/CarePlan/1", nil)
	req.Header.Set("Authorization", "Bearer x")
	req.Header.Set("Accept-Encoding", "gzip")
	cpu := benchcpu.Start(b)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rw := httptest.NewRecorder()
			h.ServeHTTP(rw, req)
			if rw.Code != http.StatusOK {
				b.Errorf("status %d", rw.Code)
				return
			}
		}
	})
	cpu.Report()
}
