package fhirapi_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
)

// TestAnAbandonedRequestIsNotAnError: a request whose client went away (net/http cancels its
// context, so the store refuses) is logged at INFO, not as a server error at ERROR.
func TestAnAbandonedRequestIsNotAnError(t *testing.T) {
	eachLog(t, func(t *testing.T, st store.Store, opts ...clientOption) {
		c := newClient(t, st, opts...)
		w := buildWorld(c)
		var logs strings.Builder
		h := fhirapi.New(c.svc, fhirapi.Options{ReadLog: c.readLog, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		gone, cancel := context.WithCancel(context.Background())
		cancel()
		req := newReq("GET", "/Goal/"+w.records["Goal"][0], "")
		req = req.WithContext(access.WithPrincipal(gone, principals(w)[access.Coordinator]))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "abandoned by the client") {
			t.Errorf("status %d, logged:\n%s\nwant INFO and no ERROR", rec.Code, logs.String())
		}
	})
}
