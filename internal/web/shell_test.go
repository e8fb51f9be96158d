package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"veiviser/internal/signin"
)

func newWeb(t *testing.T) *Web {
	t.Helper()
	w, err := New(Options{})
	if err != nil {
		t.Fatalf("web.New: %v", err)
	}
	return w
}

func get(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return res, string(body)
}

func TestStartPage(t *testing.T) {
	w := newWeb(t)
	res, body := get(t, http.HandlerFunc(w.StartPage), "/")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status = %d", res.StatusCode)
	}
	if ct := res.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	checks := []struct{ what, pattern string }{
		{"bokmål document", `<html lang="nb"`},
		{"viewport for phones", `<meta name="viewport" content="width=device-width, initial-scale=1">`},
		{"skip link to main", `<a class="ds-skip-link" href="#main">`},
		{"main landmark", `<main id="main"`},
		{"header landmark", `<header`},
		{"footer landmark", `<footer`},
		{"the switch offers English", `name="lang" value="en" lang="en"`},
		{"link to metadata", `href="/fhir/R4/metadata"`},
		{"link to healthz", `href="/healthz"`},
		{"own stylesheet with hash", `href="/static/app\.css\?v=[0-9a-f]{12}"`},
		{"Designsystemet stylesheet", `href="/static/vendor/designsystemet/designsystemet.css`},
	}
	for _, c := range checks {
		if !regexp.MustCompile(c.pattern).MatchString(body) {
			t.Errorf("%s: %q not in page", c.what, c.pattern)
		}
	}
	if n := strings.Count(body, "<h1"); n != 1 {
		t.Errorf("page has %d h1 elements, want 1", n)
	}
	if strings.Contains(body, "<script>") || strings.Contains(body, " style=") || strings.Contains(body, "<style") {
		t.Error("page has inline script or style, which the Content-Security-Policy forbids")
	}
}

// TestStartPageInEnglish: one who chose English reads the start page in English only, with no
// bokmål twin beside it.
func TestStartPageInEnglish(t *testing.T) {
	w := newWeb(t)
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(&http.Cookie{Name: langCookie, Value: "en"})
	rec := httptest.NewRecorder()
	w.StartPage(rec, req)
	body := rec.Body.String()
	for _, want := range []string{`<html lang="en"`, "Sign in", "Who is Veiviser for?", "Skip to main content"} {
		if !strings.Contains(body, want) {
			t.Errorf("the English start page lacks %q", want)
		}
	}
	for _, not := range []string{"Logg inn", "Hvem er Veiviser for?", "Hopp til hovedinnholdet"} {
		if strings.Contains(body, not) {
			t.Errorf("the English start page has the bokmål %q", not)
		}
	}
}

// TestLoginRefusalInTheReadersLanguage: signin gives its refusal in bokmål and English; the
// login page shows the reader's language only.
func TestLoginRefusalInTheReadersLanguage(t *testing.T) {
	w := newWeb(t)
	v := signin.LoginView{Username: "kari", Error: "Feil brukernavn eller passord.", ErrorEn: "Wrong username or password."}
	for _, tc := range []struct{ lang, want, not string }{
		{"", "Feil brukernavn eller passord.", "Wrong username"},
		{"nn", "Feil brukarnamn eller passord.", "Wrong username"},
		{"en", "Wrong username or password.", "Feil brukernavn"},
	} {
		req := httptest.NewRequest(http.MethodPost, "/login", nil)
		if tc.lang != "" {
			req.AddCookie(&http.Cookie{Name: langCookie, Value: tc.lang})
		}
		rec := httptest.NewRecorder()
		w.Login(rec, req, http.StatusUnauthorized, v)
		if body := rec.Body.String(); !strings.Contains(body, tc.want) || strings.Contains(body, tc.not) {
			t.Errorf("language %q: the page should say %q and not %q:\n%s", tc.lang, tc.want, tc.not, body)
		}
	}
}

func TestNotFoundPage(t *testing.T) {
	w := newWeb(t)
	res, body := get(t, http.HandlerFunc(w.NotFound), "/no/such/page")
	if res.StatusCode != http.StatusNotFound {
		t.Errorf("status = %d, want 404", res.StatusCode)
	}
	if !strings.Contains(body, "Fant ikke siden") {
		t.Errorf("404 page lacks its heading:\n%s", body)
	}
}

func TestStatic(t *testing.T) {
	w := newWeb(t)
	tests := []struct {
		path, status, contentType, cache string
	}{
		{"/static/app.css", "200", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/static/app.css?v=anything", "200", "text/css; charset=utf-8", "public, max-age=31536000, immutable"},
		{"/static/", "404", "text/html; charset=utf-8", "no-store"},
		{"/static/vendor/", "404", "text/html; charset=utf-8", "no-store"},
		{"/static/missing.css", "404", "text/html; charset=utf-8", "no-store"},
		{"/static/../web.go", "404", "text/html; charset=utf-8", "no-store"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, body := get(t, w.Static(), tt.path)
			if got := http.StatusText(res.StatusCode); res.Status[:3] != tt.status {
				t.Errorf("status = %d %s, want %s", res.StatusCode, got, tt.status)
			}
			if ct := res.Header.Get("Content-Type"); ct != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", ct, tt.contentType)
			}
			if cc := res.Header.Get("Cache-Control"); cc != tt.cache {
				t.Errorf("Cache-Control = %q, want %q", cc, tt.cache)
			}
			if tt.status == "200" && !strings.Contains(body, "site-width") {
				t.Errorf("app.css body not served: %.80q", body)
			}
		})
	}
}

// TestVendorAssetsWhenPresent checks the copied Designsystemet files are served with their
// types; it is skipped only when scripts/vendor-assets has not run before this build.
func TestVendorAssetsWhenPresent(t *testing.T) {
	w := newWeb(t)
	if _, ok := w.hashes["vendor/designsystemet/designsystemet.css"]; !ok {
		t.Skip("internal/web/static/vendor not populated; run scripts/vendor-assets")
	}
	for path, ct := range map[string]string{
		"/static/vendor/designsystemet/designsystemet.css": "text/css; charset=utf-8",
		"/static/vendor/designsystemet/theme.css":          "text/css; charset=utf-8",
		"/static/vendor/htmx/htmx.min.js":                  "text/javascript; charset=utf-8",
	} {
		res, body := get(t, w.Static(), path)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != ct || len(body) < 1000 {
			t.Errorf("%s: status %d, type %q, %d bytes", path, res.StatusCode, res.Header.Get("Content-Type"), len(body))
		}
	}
}
