package signin_test

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// testPID is a synthetic national identity number (fhir-notes §2.2).
const testPID = "13031353453"

// The provider's people; the local users are made by addOIDCUsers.
var opPeople = []opUser{
	{id: "op-kari", username: "kari@idporten", pid: testPID},             // a citizen Veiviser knows by number
	{id: "op-ukjent", username: "ukjent@idporten", pid: "01010150000"},   // a citizen Veiviser does not know
	{id: "op-ola", username: "ola.ansatt", email: "ola@kommune.example"}, // staff, known by username
	{id: "op-per", username: "per-katalog", email: "per@kommune.example"},
	{id: "op-nils", username: "nils"}, // a directory name that is a citizen's local username
}

func addOIDCUsers(t *testing.T, a *app) {
	t.Helper()
	for _, nu := range []signin.NewUser{
		{Username: "kari.innbygger", Roles: []access.Role{access.Citizen}, NationalID: testPID, OIDCOnly: true},
		{Username: "ola.ansatt", Roles: []access.Role{access.Coordinator}, OIDCOnly: true},
		{Username: "per@kommune.example", Roles: []access.Role{access.CaseOfficer}, OIDCOnly: true},
		{Username: "nils", Roles: []access.Role{access.Citizen}, Password: testPassword},
	} {
		nu.Name = "Test " + nu.Username
		if _, err := signin.AddUser(context.Background(), a.accounts, nu, a.clock.Now()); err != nil {
			t.Fatalf("AddUser(%s): %v", nu.Username, err)
		}
	}
}

// newOIDCApp is an app with both providers at one real test provider. The clock starts at the
// real time, since the provider stamps its tokens with it.
func newOIDCApp(t *testing.T, st store.Store, staffClaim string, logs io.Writer) (*app, *testOP) {
	t.Helper()
	var o *testOP
	a := newApp(t, st, appOptions{clock: testutil.NewClock(time.Now()), logs: logs, oidc: func(appURL string) []signin.OIDCProvider {
		citizen, staff := signin.RedirectURL(appURL, signin.OIDCCitizen), signin.RedirectURL(appURL, signin.OIDCStaff)
		o = newTestOP(t, opPeople, citizen, staff)
		return []signin.OIDCProvider{
			{Kind: signin.OIDCCitizen, Issuer: o.url, ClientID: opClientID, ClientSecret: opClientSecret, RedirectURL: citizen},
			{Kind: signin.OIDCStaff, Issuer: o.url, ClientID: opClientID, ClientSecret: opClientSecret, RedirectURL: staff,
				Claim: staffClaim},
		}
	}})
	return a, o
}

// TestOIDCSignIn drives the whole flow over HTTP: the app, the provider's authorize endpoint
// and login form, the provider's redirect back, the app's callback, the start page.
func TestOIDCSignIn(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		byUsername, _ := newOIDCApp(t, st, "", nil)
		addOIDCUsers(t, byUsername)
		byEmail, _ := newOIDCApp(t, st, "email", nil)
		tests := []struct {
			name, kind, opUsername string
			app                    *app
			want                   string // the signed-in username; "" for a refusal
		}{
			{"citizen matched by pid", signin.OIDCCitizen, "kari@idporten", byUsername, "kari.innbygger"},
			{"staff matched by preferred_username (from userinfo)", signin.OIDCStaff, "ola.ansatt", byUsername, "ola.ansatt"},
			{"staff matched by a configured claim (email)", signin.OIDCStaff, "per-katalog", byEmail, "per@kommune.example"},
			{"citizen whose number no user records", signin.OIDCCitizen, "ukjent@idporten", byUsername, ""},
			{"staff directory name of a citizen-only user", signin.OIDCStaff, "nils", byUsername, ""},
			{"staff without the configured claim", signin.OIDCStaff, "nils", byEmail, ""},
			{"citizen at the staff provider (no preferred_username match)", signin.OIDCStaff, "kari@idporten", byUsername, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				b := tt.app.browser(t)
				appURL, _ := url.Parse(tt.app.url)
				planted := &http.Cookie{Name: "veiviser-session", Value: "planted-before-sign-in", Path: "/"}
				b.c.Jar.SetCookies(appURL, []*http.Cookie{planted})

				callback := b.signInAtProvider(t, b.oidcToProvider(t, tt.kind), tt.opUsername)
				res := b.get(t, callback)
				if tt.want == "" {
					if res.status != http.StatusForbidden || !strings.Contains(res.body, "Vi fant ingen bruker") {
						t.Fatalf("callback = %d, want 403 with Vi fant ingen bruker; body %.400s", res.status, res.body)
					}
				} else if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
					t.Fatalf("callback = %d to %q, want 303 to /; body %.400s", res.status, res.header.Get("Location"), res.body)
				}
				if got := b.signedInAs(t); got != tt.want {
					t.Errorf("signed in as %q, want %q", got, tt.want)
				}
				for _, c := range b.c.Jar.Cookies(appURL) {
					if c.Name == "veiviser-session" && c.Value == planted.Value && tt.want != "" {
						t.Error("the session id was not renewed")
					}
					if c.Name == signin.OIDCFlowCookie {
						t.Error("the flow cookie outlives the callback")
					}
				}
			})
		}
	})
}

// TestOIDCAuthorizeRequest: the app asks for the code flow with PKCE S256, a state and a nonce,
// and the challenge is the SHA-256 of the verifier it keeps.
func TestOIDCAuthorizeRequest(t *testing.T) {
	a, o := newOIDCApp(t, testutil.NewSQLite(t), "", nil)
	b := a.browser(t)
	res := b.get(t, a.url+"/login/oidc/citizen")
	authorize := location(t, a.url, res)
	if !strings.HasPrefix(authorize, o.url+"/") {
		t.Fatalf("sent to %s, want the provider %s", authorize, o.url)
	}
	u, _ := url.Parse(authorize)
	q := u.Query()
	for k, want := range map[string]string{"response_type": "code", "client_id": opClientID, "scope": "openid",
		"code_challenge_method": "S256", "redirect_uri": a.url + "/login/oidc/citizen/callback"} {
		if q.Get(k) != want {
			t.Errorf("%s = %q, want %q", k, q.Get(k), want)
		}
	}
	flow := flowCookie(t, b)
	sum := sha256.Sum256([]byte(flow["v"]))
	if q.Get("code_challenge") != base64.RawURLEncoding.EncodeToString(sum[:]) {
		t.Error("code_challenge is not the S256 of the kept verifier")
	}
	if q.Get("state") == "" || q.Get("state") != flow["s"] || q.Get("nonce") == "" || q.Get("nonce") != flow["n"] {
		t.Errorf("state/nonce %q/%q, cookie has %q/%q", q.Get("state"), q.Get("nonce"), flow["s"], flow["n"])
	}
	setCookie := res.header.Get("Set-Cookie")
	for _, want := range []string{signin.OIDCFlowCookie + "=", "HttpOnly", "SameSite=Lax", "Max-Age=600"} {
		if !strings.Contains(setCookie, want) {
			t.Errorf("flow cookie %q lacks %q", setCookie, want)
		}
	}
}

// flowCookie decodes the browser's sign-in-in-progress cookie: p, s (state), n (nonce), v (verifier).
func flowCookie(t *testing.T, b *browser) map[string]string {
	t.Helper()
	appURL, _ := url.Parse(b.app.url)
	for _, c := range b.c.Jar.Cookies(appURL) {
		if c.Name == signin.OIDCFlowCookie {
			raw, err := base64.RawURLEncoding.DecodeString(c.Value)
			if err != nil {
				t.Fatal(err)
			}
			var f map[string]string
			if err := json.Unmarshal(raw, &f); err != nil {
				t.Fatal(err)
			}
			return f
		}
	}
	t.Fatal("no flow cookie")
	return nil
}

// editFlowCookie changes one field of the flow cookie, as only a test can.
func editFlowCookie(t *testing.T, b *browser, key, value string) {
	t.Helper()
	f := flowCookie(t, b)
	f[key] = value
	raw, _ := json.Marshal(f)
	appURL, _ := url.Parse(b.app.url)
	b.c.Jar.SetCookies(appURL, []*http.Cookie{{Name: signin.OIDCFlowCookie, Path: "/",
		Value: base64.RawURLEncoding.EncodeToString(raw)}})
}

func withQuery(t *testing.T, u, key, value string) string {
	t.Helper()
	p, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := p.Query()
	q.Set(key, value)
	p.RawQuery = q.Encode()
	return p.String()
}

// TestOIDCRefusals: a callback this browser did not start, an ID token that is not for this
// sign-in or not from the configured issuer, and a code redeemed without the right PKCE
// verifier all end on the login page with nobody signed in.
func TestOIDCRefusals(t *testing.T) {
	tests := []struct {
		name       string
		before     func(t *testing.T, a *app, o *testOP) // before the browser goes to the provider
		tamper     func(t *testing.T, a *app, b *browser, callback string) string
		wantStatus int
		wantBody   string
		wantLog    string // the reason, in the log only
	}{
		{name: "wrong state", wantLog: "state does not match", wantStatus: http.StatusBadRequest, wantBody: "Innloggingen mislyktes",
			tamper: func(t *testing.T, _ *app, _ *browser, cb string) string { return withQuery(t, cb, "state", "forged") }},
		{name: "no state", wantLog: "state does not match", wantStatus: http.StatusBadRequest, wantBody: "Innloggingen mislyktes",
			tamper: func(t *testing.T, _ *app, _ *browser, cb string) string { return withQuery(t, cb, "state", "") }},
		{name: "callback in a browser that did not start the sign-in", wantLog: "state does not match", wantStatus: http.StatusBadRequest,
			wantBody: "Innloggingen mislyktes",
			tamper: func(t *testing.T, _ *app, b *browser, cb string) string {
				appURL, _ := url.Parse(b.app.url)
				b.c.Jar.SetCookies(appURL, []*http.Cookie{{Name: signin.OIDCFlowCookie, Path: "/", MaxAge: -1}})
				return cb
			}},
		{name: "state of the other provider", wantLog: "state does not match", wantStatus: http.StatusBadRequest, wantBody: "Innloggingen mislyktes",
			tamper: func(t *testing.T, _ *app, _ *browser, cb string) string {
				return strings.Replace(cb, "/login/oidc/citizen/", "/login/oidc/staff/", 1)
			}},
		{name: "wrong nonce", wantLog: "nonce does not match", wantStatus: http.StatusBadRequest, wantBody: "Innloggingen mislyktes",
			tamper: func(t *testing.T, _ *app, b *browser, cb string) string {
				editFlowCookie(t, b, "n", "another-sign-in")
				return cb
			}},
		{name: "wrong PKCE verifier (the provider refuses the code)", wantLog: "code_verifier", wantStatus: http.StatusBadRequest,
			wantBody: "Innloggingen mislyktes",
			tamper: func(t *testing.T, _ *app, b *browser, cb string) string {
				editFlowCookie(t, b, "v", strings.Repeat("x", 43))
				return cb
			}},
		{name: "expired ID token", wantLog: "token is expired", wantStatus: http.StatusBadRequest, wantBody: "Innloggingen mislyktes",
			tamper: func(t *testing.T, a *app, _ *browser, cb string) string {
				a.clock.Advance(3 * time.Hour)
				return cb
			}},
		{name: "token from another issuer", wantLog: "issued by a different provider", wantStatus: http.StatusBadRequest, wantBody: "Innloggingen mislyktes",
			before: func(t *testing.T, a *app, o *testOP) {
				o.useImpostor(t, signin.RedirectURL(a.url, signin.OIDCCitizen))
			}},
		{name: "the person cancelled at the provider", wantLog: "access_denied", wantStatus: http.StatusUnauthorized, wantBody: "avbrutt",
			tamper: func(t *testing.T, _ *app, _ *browser, cb string) string {
				p, _ := url.Parse(cb)
				q := url.Values{"error": {"access_denied"}, "state": {p.Query().Get("state")}}
				p.RawQuery = q.Encode()
				return p.String()
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs := &syncBuffer{}
			a, o := newOIDCApp(t, testutil.NewSQLite(t), "", logs)
			addOIDCUsers(t, a)
			b := a.browser(t)
			authorize := b.oidcToProvider(t, signin.OIDCCitizen)
			if tt.before != nil {
				tt.before(t, a, o)
			}
			callback := b.signInAtProvider(t, authorize, "kari@idporten")
			if tt.tamper != nil {
				callback = tt.tamper(t, a, b, callback)
			}
			res := b.get(t, callback)
			if res.status != tt.wantStatus || !strings.Contains(res.body, tt.wantBody) {
				t.Errorf("callback = %d, want %d with %q; body %.400s", res.status, tt.wantStatus, tt.wantBody, res.body)
			}
			if got := b.signedInAs(t); got != "" {
				t.Errorf("signed in as %q", got)
			}
			if !strings.Contains(logs.String(), tt.wantLog) {
				t.Errorf("log lacks the reason %q:\n%s", tt.wantLog, logs.String())
			}
			if strings.Contains(logs.String(), testPID) {
				t.Error("the log shows the national identity number")
			}
		})
	}
}

func TestOIDCLoginPage(t *testing.T) {
	withOIDC, _ := newOIDCApp(t, testutil.NewSQLite(t), "", nil)
	plain := newApp(t, testutil.NewSQLite(t), appOptions{})
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	unreachable := newApp(t, testutil.NewSQLite(t), appOptions{oidc: func(appURL string) []signin.OIDCProvider {
		return []signin.OIDCProvider{{Kind: signin.OIDCCitizen, Issuer: down.URL, ClientID: "x",
			RedirectURL: signin.RedirectURL(appURL, signin.OIDCCitizen)}}
	}})
	tests := []struct {
		name       string
		app        *app
		path       string
		wantStatus int
		want, not  []string
	}{
		{"both buttons", withOIDC, "/login", http.StatusOK,
			[]string{`href="/login/oidc/citizen"`, "Logg inn med ID-porten", `href="/login/oidc/staff"`, "Logg inn (ansatte)"}, nil},
		{"buttons after a refused password", withOIDC, "/login/oidc/citizen/callback", http.StatusBadRequest,
			[]string{"Logg inn med ID-porten"}, nil},
		{"no buttons when not configured", plain, "/login", http.StatusOK, nil, []string{"/login/oidc/"}},
		{"only the configured button", unreachable, "/login", http.StatusOK, []string{"Logg inn med ID-porten"},
			[]string{"Logg inn (ansatte)"}},
		{"unknown provider", withOIDC, "/login/oidc/facebook", http.StatusNotFound, nil, nil},
		{"provider not configured", plain, "/login/oidc/citizen", http.StatusNotFound, nil, nil},
		{"provider down", unreachable, "/login/oidc/citizen", http.StatusBadGateway, []string{"svarer ikke"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := tt.app.browser(t).get(t, tt.app.url+tt.path)
			if res.status != tt.wantStatus {
				t.Fatalf("GET %s = %d, want %d", tt.path, res.status, tt.wantStatus)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(res.body, n) {
					t.Errorf("page has %q", n)
				}
			}
		})
	}
}

// syncBuffer collects a log written by the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
