package bench

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"time"
)

// baseline is the physical limit of the machine for this load: a bare net/http handler that serves
// the same CarePlan bytes, gzipped when asked, for any GET.
type baseline struct {
	srv *http.Server
	url string
}

func startBaseline(plan object) (*baseline, error) {
	raw, err := json.Marshal(plan)
	if err != nil {
		return nil, err
	}
	// The bytes are compressed once, as Veiviser caches the gzip of each immutable version: the
	// baseline is what serving ready bytes costs, the physical limit for a read.
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
	_, _ = zw.Write(raw)
	_ = zw.Close()
	compressed := buf.Bytes()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/fhir+json")
		body := raw
		if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			body = compressed
			w.Header().Set("Content-Encoding", "gzip")
		}
		_, _ = w.Write(body)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return &baseline{srv: srv, url: "http://" + ln.Addr().String()}, nil
}

func (b *baseline) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = b.srv.Shutdown(ctx)
}
