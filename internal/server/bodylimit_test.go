package server

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"veiviser/internal/webform"
)

// countingBody is a body of n bytes of a form that counts what the server read of it.
type countingBody struct {
	r    io.Reader
	read *atomic.Int64
}

func newCountingBody(n int) countingBody {
	return countingBody{r: strings.NewReader("text=" + strings.Repeat("a", n)), read: new(atomic.Int64)}
}

func (b countingBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read.Add(int64(n))
	return n, err
}

func (b countingBody) Close() error { return nil }

// TestEveryWebBodyIsCappedBeforeItIsRead: a 1 MB form posted to any route but the API's is
// read no further than webform.MaxFormBytes, whichever handler reads it and however (the login
// form read it whole with PostFormValue; the token endpoint's handler here reads it all).
func TestEveryWebBodyIsCappedBeforeItIsRead(t *testing.T) {
	var tokenErr atomic.Value
	f := newServerWith(t, echoPath, func(o *Options) {
		o.OAuth = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, err := io.ReadAll(r.Body)
			tokenErr.Store(errorString(err))
		})
	})
	const big = 1 << 20
	for _, path := range []string{"/login", "/logout", "/drafts", "/oauth2/token", "/citizen/plan/comment",
		"/coordinator/plans/p1/goal", "/emergency", "/no/such/page"} {
		t.Run(path, func(t *testing.T) {
			body := newCountingBody(big)
			req := httptest.NewRequest(http.MethodPost, path, nil)
			req.Body, req.ContentLength = body, -1
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			f.srv.Handler().ServeHTTP(rec, req)
			if n := body.read.Load(); n > webform.MaxFormBytes+1 {
				t.Errorf("the server read %d bytes of the body, want at most %d", n, webform.MaxFormBytes+1)
			}
			if rec.Code == http.StatusInternalServerError {
				t.Errorf("status 500 for a body too large:\n%s", rec.Body.String())
			}
		})
	}
	if got, _ := tokenErr.Load().(string); !strings.Contains(got, "request body too large") {
		t.Errorf("the token endpoint read %q, want a *http.MaxBytesError", got)
	}
	// the API bounds its own bodies (10 MB) and answers them as OperationOutcomes
	body := newCountingBody(big)
	req := httptest.NewRequest(http.MethodPost, "/fhir/R4/Patient", nil)
	req.Body = body
	f.srv.Handler().ServeHTTP(httptest.NewRecorder(), req)
	if n := body.read.Load(); n != 0 {
		t.Errorf("the API's test handler does not read, yet %d bytes were read", n)
	}
}

func errorString(err error) string {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		return mb.Error()
	}
	if err != nil {
		return err.Error()
	}
	return "no error"
}
