package signin_test

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/testutil"
)

// TestCrossOriginRefused: a state-changing request another site makes the browser send is
// refused before any handler runs, so a signed-in session cannot be ridden (CSRF).
func TestCrossOriginRefused(t *testing.T) {
	a := newApp(t, testutil.NewSQLite(t), appOptions{})
	a.addUser(t, "kari", access.Coordinator)
	b := a.browser(t)
	b.login(t, "kari", testPassword)
	tests := []struct {
		name, method, path string
		hdr                map[string]string
		want               int
	}{
		{"logout from another site", "POST", "/logout", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"login from another site", "POST", "/login", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"logout with a foreign Origin", "POST", "/logout", map[string]string{"Origin": "https://angriper.example"}, http.StatusForbidden},
		{"API write from another site", "POST", "/fhir/R4/Patient", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"a link from another site may still open a page", "GET", "/", map[string]string{"Sec-Fetch-Site": "cross-site"}, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if res := b.do(t, tc.method, tc.path, nil, tc.hdr); res.status != tc.want {
				t.Errorf("status %d, want %d", res.status, tc.want)
			}
		})
	}
	if b.signedInAs(t) != "kari" {
		t.Error("a refused cross-origin logout signed the user out")
	}
	if res := b.do(t, "POST", "/logout", nil, map[string]string{"Sec-Fetch-Site": "same-origin"}); res.status != http.StatusSeeOther {
		t.Errorf("same-origin logout: status %d, want 303", res.status)
	}
}

func TestSecurityHeaders(t *testing.T) {
	tests := []struct {
		name       string
		opts       appOptions
		hsts       bool
		secureCook bool
	}{
		{"plain HTTP", appOptions{}, false, false},
		{"over TLS", appOptions{tls: true}, true, true},
		{"behind an https proxy", appOptions{https: true}, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := newApp(t, testutil.NewSQLite(t), tc.opts)
			a.addUser(t, "kari", access.Coordinator)
			b := a.browser(t)
			for _, path := range []string{"/login", "/"} {
				h := b.do(t, "GET", path, nil, nil).header
				csp := h.Get("Content-Security-Policy")
				for _, want := range []string{"frame-ancestors 'none'", "script-src 'self'", "form-action 'self'"} {
					if !strings.Contains(csp, want) {
						t.Errorf("%s: CSP %q lacks %q", path, csp, want)
					}
				}
				if strings.Contains(csp, "unsafe-inline") {
					t.Errorf("%s: CSP allows inline code", path)
				}
				if h.Get("X-Frame-Options") != "DENY" || h.Get("X-Content-Type-Options") != "nosniff" {
					t.Errorf("%s: X-Frame-Options %q, X-Content-Type-Options %q", path, h.Get("X-Frame-Options"), h.Get("X-Content-Type-Options"))
				}
				if h.Get("Cache-Control") != "no-store" {
					t.Errorf("%s: Cache-Control %q, want no-store", path, h.Get("Cache-Control"))
				}
				if got := h.Get("Strict-Transport-Security"); (got != "") != tc.hsts || (tc.hsts && !strings.Contains(got, "max-age=31536000")) {
					t.Errorf("%s: Strict-Transport-Security %q, want present=%v", path, got, tc.hsts)
				}
			}
			if tc.opts.https && !tc.opts.tls {
				return // the test client speaks plain HTTP and would not send a Secure cookie back
			}
			cookie := b.login(t, "kari", testPassword).header.Get("Set-Cookie")
			if got := strings.Contains(cookie, "Secure") && strings.HasPrefix(cookie, "__Host-"); got != tc.secureCook {
				t.Errorf("cookie %q: Secure and __Host- = %v, want %v", cookie, got, tc.secureCook)
			}
			if tc.secureCook && b.signedInAs(t) != "kari" {
				t.Error("not signed in over TLS")
			}
		})
	}
}

// TestSessionSharedByTwoInstances: two app instances on one PostgreSQL database, as behind a
// load balancer; a session started on one is honoured by the other, and a logout on the second
// ends it on the first.
func TestSessionSharedByTwoInstances(t *testing.T) {
	dbURL := testutil.PostgresURL(t)
	clock := testutil.NewClock(t0)
	one := newApp(t, openURL(t, dbURL), appOptions{clock: clock})
	two := newApp(t, openURL(t, dbURL), appOptions{clock: clock})
	one.addUser(t, "kari", access.Coordinator)

	b1 := one.browser(t)
	if res := b1.login(t, "kari", testPassword); res.status != http.StatusSeeOther {
		t.Fatalf("login on instance one = %d", res.status)
	}
	b2 := b1.onApp(t, two)
	if got := b2.signedInAs(t); got != "kari" {
		t.Fatalf("instance two sees %q, want kari", got)
	}
	if res := b2.do(t, "POST", "/logout", nil, nil); res.status != http.StatusSeeOther {
		t.Fatalf("logout on instance two = %d", res.status)
	}
	if got := b1.signedInAs(t); got != "" {
		t.Errorf("after logout on instance two, instance one still signs in %q", got)
	}
}

// TestSignedInRequestsKeepTheirRoute: the session middleware copies the request; the access log
// and the metrics must still see the route the mux matched.
func TestSignedInRequestsKeepTheirRoute(t *testing.T) {
	a := newApp(t, testutil.NewSQLite(t), appOptions{})
	a.addUser(t, "kari", access.Coordinator)
	b := a.browser(t)
	b.login(t, "kari", testPassword)
	b.signedInAs(t)
	metrics := b.do(t, "GET", "/metrics", nil, map[string]string{"Authorization": "Bearer " + metricsToken}).body
	if !strings.Contains(metrics, `route="GET /{$}"`) {
		t.Errorf("no request counted under the route GET /{$}")
	}
	if strings.Contains(metrics, `route="unmatched"`) {
		t.Errorf("signed-in requests are counted as unmatched")
	}
}
