package fhirapi_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/fhirapi"
	"veiviser/internal/store"
)

// TestReasonHeaderIsBounded: X-Purpose-Of-Use is stored with every access it comes with, so one
// longer than fhirapi.MaxReasonRunes characters (or not UTF-8) is refused with 400 and an
// OperationOutcome before anything is read or logged; one at the limit is logged whole.
func TestReasonHeaderIsBounded(t *testing.T) {
	eachLog(t, func(t *testing.T, st store.Store, opts ...clientOption) {
		c := newClient(t, st, opts...)
		w := buildWorld(c)
		h := c.api()
		coord := principals(w)[access.Coordinator]
		goal := "/Goal/" + w.records["Goal"][0]
		for _, reason := range []string{strings.Repeat("ø", fhirapi.MaxReasonRunes+1), "ikke \xff utf-8", strings.Repeat("x", 900<<10)} {
			for _, path := range []string{goal, "/Goal", "/metadata"} {
				req := newReq("GET", path, "")
				req.Header.Set(fhirapi.ReasonHeader, reason)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req.WithContext(access.WithPrincipal(req.Context(), coord)))
				if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), `"resourceType":"OperationOutcome"`) ||
					!strings.HasPrefix(rec.Header().Get("Content-Type"), "application/fhir+json") {
					t.Errorf("GET %s with a reason of %d bytes: %d %s %.200s", path, len(reason), rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
				}
			}
		}
		if n := len(logged(t, c, w.p1, "read")) + len(logged(t, c, w.p1, "search-type")); n != 0 {
			t.Errorf("%d entries logged for refused requests, want none", n)
		}
		req := newReq("GET", goal, "")
		atLimit := strings.Repeat("ø", fhirapi.MaxReasonRunes)
		req.Header.Set(fhirapi.ReasonHeader, atLimit)
		if code, b := serveAs(h, coord, req); code != http.StatusOK {
			t.Fatalf("a reason at the limit: %d %s", code, b)
		}
		if reads := logged(t, c, w.p1, "read"); len(reads) != 1 || !strings.Contains(string(reads[0].Bytes()), atLimit) {
			t.Errorf("the reason at the limit is not logged whole: %d entries", len(reads))
		}
	})
}

// TestEchoedHeadersAreCut: a header quoted back in an error is cut, so an answer never grows
// with what the client sent.
func TestEchoedHeadersAreCut(t *testing.T) {
	eachLog(t, func(t *testing.T, st store.Store, opts ...clientOption) {
		c := newClient(t, st, opts...)
		h := c.api()
		for _, hdr := range []string{"Content-Type", "Content-Encoding"} {
			req := newReq("POST", "/Patient", `{"resourceType":"Patient"}`)
			req.Header.Set(hdr, "application/"+strings.Repeat("x", 10000))
			code, b := serveAs(h, &access.Principal{ClientID: "c", Scopes: []string{"system/*.*"}}, req)
			if code != http.StatusUnsupportedMediaType || len(b) > 1000 {
				t.Errorf("%s of 10 kB: %d, %d bytes: %.300s", hdr, code, len(b), b)
			}
		}
	})
}
