package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/store"
)

// testNow is the fixed time of the web tests.
var testNow = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

// newWebWithDrafts is a Web keeping drafts in st.
func newWebWithDrafts(t *testing.T, st store.Store) *Web {
	t.Helper()
	ds, err := store.DraftsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	w, err := New(Options{Drafts: store.FormDrafts{Drafts: ds}, Clock: func() time.Time { return testNow }, Municipality: "Fjordvik kommune"})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	return w
}

// page is an answer read whole.
type page struct {
	status int
	header http.Header
	body   string
}

// as sends a request as p (nil: nobody signed in), with a form body when form is not nil.
func as(t *testing.T, h http.Handler, p *access.Principal, method, path string, form url.Values, hdr ...string) page {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	if p != nil {
		req = req.WithContext(access.WithPrincipal(context.Background(), p))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return page{status: res.StatusCode, header: res.Header, body: string(b)}
}

// checkPage checks what every page must hold: the status, one h1 with the heading, the
// signed-in person's name, and no inline script or style.
func checkPage(t *testing.T, got page, status int, h1 string, contains ...string) {
	t.Helper()
	if got.status != status {
		t.Fatalf("status = %d, want %d\n%s", got.status, status, got.body)
	}
	if n := strings.Count(got.body, "<h1"); n != 1 {
		t.Errorf("page has %d h1 elements, want 1", n)
	}
	if _, after, ok := strings.Cut(got.body, "<h1"); !ok || !strings.Contains(strings.SplitN(after, "</h1>", 2)[0], h1) {
		t.Errorf("h1 lacks %q", h1)
	}
	for _, c := range contains {
		if !strings.Contains(got.body, c) {
			t.Errorf("page lacks %q", c)
		}
	}
	if strings.Contains(got.body, "<script>") || strings.Contains(got.body, " style=") || strings.Contains(got.body, "<style") {
		t.Error("page has inline script or style, which the Content-Security-Policy forbids")
	}
}
