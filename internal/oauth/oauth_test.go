package oauth_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/oauth"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

type tokenAnswer struct {
	status    int
	header    http.Header
	Token     string `json:"access_token"`
	Type      string `json:"token_type"`
	ExpiresIn int64  `json:"expires_in"`
	Scope     string `json:"scope"`
	Error     string `json:"error"`
}

func post(t *testing.T, u string, form url.Values, basicID, basicSecret string) tokenAnswer {
	t.Helper()
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basicID != "" {
		req.SetBasicAuth(url.QueryEscape(basicID), url.QueryEscape(basicSecret))
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	a := tokenAnswer{status: res.StatusCode, header: res.Header}
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
		t.Fatalf("body: %v", err)
	}
	return a
}

func TestClientCredentials(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		clock := testutil.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		srv, err := oauth.New(st, oauth.Options{Clock: clock.Now, TokenTTL: 10 * time.Minute})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.TokenHandler())
		t.Cleanup(ts.Close)
		id, secret := testutil.NewAPIClient(t, st, "system/*.read", "system/CarePlan.write")
		cc := func(extra ...string) url.Values {
			f := url.Values{"grant_type": {"client_credentials"}}
			for i := 0; i+1 < len(extra); i += 2 {
				f.Set(extra[i], extra[i+1])
			}
			return f
		}
		for _, tc := range []struct {
			name           string
			form           url.Values
			bid, bsecret   string
			status         int
			err, scope     string
			wantBasicChall bool
		}{
			{"form credentials", cc("client_id", id, "client_secret", secret), "", "", 200, "", "system/*.read system/CarePlan.write", false},
			{"basic credentials", cc(), id, secret, 200, "", "system/*.read system/CarePlan.write", false},
			{"narrowed scope", cc("client_id", id, "client_secret", secret, "scope", "system/Patient.read"), "", "", 200, "", "system/Patient.read", false},
			{"scope beyond the client's", cc("client_id", id, "client_secret", secret, "scope", "system/Patient.write"), "", "", 400, "invalid_scope", "", false},
			{"wrong secret", cc("client_id", id, "client_secret", secret+"x"), "", "", 401, "invalid_client", "", false},
			{"wrong secret, basic", cc(), id, "nope", 401, "invalid_client", "", true},
			{"unknown client", cc("client_id", "nobody", "client_secret", secret), "", "", 401, "invalid_client", "", false},
			{"no credentials", cc(), "", "", 401, "invalid_client", "", false},
			{"other grant", url.Values{"grant_type": {"password"}, "client_id": {id}, "client_secret": {secret}}, "", "", 400, "unsupported_grant_type", "", false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := post(t, ts.URL, tc.form, tc.bid, tc.bsecret)
				if a.status != tc.status || a.Error != tc.err {
					t.Fatalf("got %d %q, want %d %q", a.status, a.Error, tc.status, tc.err)
				}
				if a.header.Get("Cache-Control") != "no-store" {
					t.Errorf("Cache-Control %q", a.header.Get("Cache-Control"))
				}
				if got := a.header.Get("WWW-Authenticate") != ""; got != tc.wantBasicChall {
					t.Errorf("WWW-Authenticate %q", a.header.Get("WWW-Authenticate"))
				}
				if tc.status != 200 {
					return
				}
				if a.Type != "Bearer" || a.ExpiresIn != 600 || a.Scope != tc.scope || len(a.Token) < 40 {
					t.Fatalf("answer %+v", a)
				}
				req := httptest.NewRequest("GET", "/fhir/R4/Patient", nil)
				req.Header.Set("Authorization", "Bearer "+a.Token)
				p, err := srv.Authenticate(req)
				if err != nil || p.ClientID != id || !p.IsSystem() || strings.Join(p.Scopes, " ") != tc.scope {
					t.Fatalf("Authenticate = %+v, %v", p, err)
				}
			})
		}
	})
}

func TestBearerExpiry(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		clock := testutil.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
		srv, err := oauth.New(st, oauth.Options{Clock: clock.Now, TokenTTL: time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.TokenHandler())
		t.Cleanup(ts.Close)
		tok := testutil.Token(t, st, ts.URL, "system/*.read")
		check := func(auth string) error {
			req := httptest.NewRequest("GET", "/fhir/R4/Patient", nil)
			if auth != "" {
				req.Header.Set("Authorization", auth)
			}
			_, err := srv.Authenticate(req)
			return err
		}
		clock.Advance(59 * time.Minute)
		if err := check("Bearer " + tok); err != nil {
			t.Fatalf("a token within its hour: %v", err)
		}
		clock.Advance(time.Minute)
		for name, auth := range map[string]string{
			"expired": "Bearer " + tok, "unknown": "Bearer x" + tok, "none": "", "basic": "Basic " + tok,
		} {
			if err := check(auth); !apperr.Is(err, apperr.Unauthorized) {
				t.Errorf("%s: %v, want unauthorized", name, err)
			}
		}
	})
}

func TestAddClientRefusesBadScopes(t *testing.T) {
	st := testutil.NewSQLite(t)
	for _, scopes := range [][]string{nil, {"user/*.read"}, {"system/*.read", "system/Nope.read"}} {
		if _, _, err := oauth.AddClient(context.Background(), st, "x", scopes, time.Now()); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("AddClient(%v) = %v, want invalid", scopes, err)
		}
	}
}

// countingClients counts the look-ups Authenticate makes.
type countingClients struct {
	store.Store
	store.Clients
	calls int
}

func (c *countingClients) GetBearer(ctx context.Context, hash string) (store.Token, store.Client, error) {
	c.calls++
	return c.Clients.GetBearer(ctx, hash)
}

func (c *countingClients) GetToken(ctx context.Context, hash string) (store.Token, error) {
	c.calls++
	return c.Clients.GetToken(ctx, hash)
}

func (c *countingClients) GetClient(ctx context.Context, id string) (store.Client, error) {
	c.calls++
	return c.Clients.GetClient(ctx, id)
}

// TestBearerSeesChangesAtOnce: a client disabled between two requests is refused on the second,
// and enabled again accepted on the third, with one store look-up per request (no cache could
// outlive the change).
func TestBearerSeesChangesAtOnce(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		cs, err := store.ClientsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		counted := &countingClients{Store: st, Clients: cs}
		srv, err := oauth.New(counted, oauth.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.TokenHandler())
		t.Cleanup(ts.Close)
		id, secret := testutil.NewAPIClient(t, st, "system/*.read")
		tok := testutil.RequestToken(t, ts.URL, id, secret)
		req := httptest.NewRequest("GET", "/fhir/R4/CarePlan/x", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		for i, step := range []struct {
			disabled bool
			want     apperr.Code // "" for signed in
		}{
			{false, ""},
			{true, apperr.Unauthorized},
			{true, apperr.Unauthorized},
			{false, ""},
		} {
			if err := cs.SetClientDisabled(ctx, id, step.disabled); err != nil {
				t.Fatal(err)
			}
			counted.calls = 0
			p, err := srv.Authenticate(req)
			switch {
			case step.want == "" && (err != nil || p.ClientID != id):
				t.Errorf("request %d (disabled %v): %+v, %v; want signed in", i, step.disabled, p, err)
			case step.want != "" && !apperr.Is(err, step.want):
				t.Errorf("request %d (disabled %v): %+v, %v; want %s", i, step.disabled, p, err, step.want)
			}
			if counted.calls != 1 {
				t.Errorf("request %d: %d store look-ups, want 1", i, counted.calls)
			}
		}
	})
}
