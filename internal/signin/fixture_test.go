package signin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"veiviser/internal/access"
	"veiviser/internal/server"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/web"
)

var t0 = time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)

const testPassword = "riktig-hest-batteri"

// metricsToken serves /metrics on the test apps (without one it is not served there).
const metricsToken = "metrics-token-of-the-signin-tests-0123"

// app is one real server (the whole handler, real HTTP) over a store, with a clock the test moves.
type app struct {
	url      string
	ts       *httptest.Server
	accounts store.Accounts
	clock    *testutil.ManualClock
}

type appOptions struct {
	https bool // the site is configured as https (behind a proxy)
	tls   bool // serve over TLS
	clock *testutil.ManualClock
	// oidc configures OpenID Connect providers once the app's URL is known (oidc_op_test.go)
	oidc func(appURL string) []signin.OIDCProvider
	// logs, when set, receives the sign-in service's log as text
	logs io.Writer
}

func newApp(t *testing.T, st store.Store, o appOptions) *app {
	t.Helper()
	if o.clock == nil {
		o.clock = testutil.NewClock(t0)
	}
	accounts, err := store.AccountsOf(st)
	if err != nil {
		t.Fatal(err)
	}
	w, err := web.New(web.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// started first, so the OpenID Connect redirect URLs can name it
	ts := httptest.NewUnstartedServer(nil)
	if o.tls {
		ts.StartTLS()
	} else {
		ts.Start()
	}
	t.Cleanup(ts.Close)
	var providers []signin.OIDCProvider
	if o.oidc != nil {
		providers = o.oidc(ts.URL)
	}
	logger := slog.New(slog.DiscardHandler)
	if o.logs != nil {
		logger = slog.New(slog.NewTextHandler(o.logs, nil))
	}
	si, err := signin.New(signin.Options{Accounts: accounts, Pages: w, Clock: o.clock.Now, Secure: o.https || o.tls,
		OIDC: providers, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Options{Store: st, FHIR: http.NotFoundHandler(), Web: w, SignIn: si,
		HTTPS: o.https, Registry: prometheus.NewRegistry(), MetricsToken: metricsToken})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()
	return &app{url: ts.URL, ts: ts, accounts: accounts, clock: o.clock}
}

// addUser creates a user with testPassword.
func (a *app) addUser(t *testing.T, username string, roles ...access.Role) store.User {
	t.Helper()
	u, err := signin.AddUser(context.Background(), a.accounts, signin.NewUser{Username: username,
		Password: testPassword, Name: "Test " + username, Roles: roles}, a.clock.Now())
	if err != nil {
		t.Fatalf("AddUser: %v", err)
	}
	return u
}

// browser is an HTTP client with a cookie jar that does not follow redirects, so tests see them.
type browser struct {
	c   *http.Client
	app *app
}

func (a *app) browser(t *testing.T) *browser {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &browser{app: a, c: &http.Client{Jar: jar, Transport: a.ts.Client().Transport,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// onApp returns a browser for another app that carries this browser's cookies (a second
// instance behind the same load balancer).
func (b *browser) onApp(t *testing.T, other *app) *browser {
	t.Helper()
	nb := other.browser(t)
	from, _ := url.Parse(b.app.url)
	to, _ := url.Parse(other.url)
	nb.c.Jar.SetCookies(to, b.c.Jar.Cookies(from))
	return nb
}

type response struct {
	status int
	header http.Header
	body   string
}

func (b *browser) do(t *testing.T, method, path string, form url.Values, hdr map[string]string) response {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.app.url+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := b.c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer func() { _ = res.Body.Close() }()
	text, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(text)}
}

func (b *browser) login(t *testing.T, username, password string) response {
	t.Helper()
	return b.do(t, "POST", "/login", url.Values{"username": {username}, "password": {password}}, nil)
}

// signedInAs reports the username the start page shows, "" when it shows the public start page.
func (b *browser) signedInAs(t *testing.T) string {
	t.Helper()
	res := b.do(t, "GET", "/", nil, nil)
	if res.status != http.StatusOK {
		t.Fatalf("GET / = %d", res.status)
	}
	_, after, ok := strings.Cut(res.body, `data-testid="username">`)
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(after, "<")
	return name
}
