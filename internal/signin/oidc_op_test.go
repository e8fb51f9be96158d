package signin_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// The test provider is zitadel's OpenID Provider (pkg/op, a certified OP implementation) on an
// httptest server, with the in-memory storage of zitadel's example server for its clients,
// codes and tokens, our own users, and the small login page every zitadel OP is given by the
// application embedding it. Nothing of the protocol is written here.

const (
	opClientID     = "veiviser"
	opClientSecret = "veiviser-hemmelig"
	opPassword     = "passord-hos-idp"
)

// opUser is a person the provider knows. pid is the national identity number ID-porten puts in
// the ID token; preferred_username and email go to userinfo (profile and email scopes).
type opUser struct {
	id, username, email, pid string
}

// opUsers is the provider's user store.
type opUsers map[string]*storage.User

func (u opUsers) GetUserByID(id string) *storage.User { return u[id] }
func (u opUsers) GetUserByUsername(name string) *storage.User {
	for _, user := range u {
		if user.Username == name {
			return user
		}
	}
	return nil
}
func (u opUsers) ExampleClientID() string { return "service" }

// opStorage is the example storage plus the pid claim in the ID token, as ID-porten sends it.
type opStorage struct {
	*storage.Storage
	pids map[string]string // user id → pid
}

func (s *opStorage) SetUserinfoFromRequest(ctx context.Context, ui *oidc.UserInfo, token op.IDTokenRequest, scopes []string) error {
	if err := s.Storage.SetUserinfoFromRequest(ctx, ui, token, scopes); err != nil {
		return err
	}
	if pid := s.pids[token.GetSubject()]; pid != "" {
		ui.AppendClaims("pid", pid)
	}
	return nil
}

func (s *opStorage) SetUserinfoFromToken(ctx context.Context, ui *oidc.UserInfo, tokenID, subject, origin string) error {
	if err := s.Storage.SetUserinfoFromToken(ctx, ui, tokenID, subject, origin); err != nil {
		return err
	}
	if pid := s.pids[ui.Subject]; pid != "" {
		ui.AppendClaims("pid", pid)
	}
	return nil
}

// testOP is a running provider. Its handler can be swapped (useImpostor) while its URL stays.
type testOP struct {
	url     string
	users   []opUser
	handler atomic.Pointer[http.Handler]
}

// newTestOP starts a provider whose client veiviser may come back to redirectURIs.
func newTestOP(t *testing.T, users []opUser, redirectURIs ...string) *testOP {
	t.Helper()
	o := &testOP{users: users}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*o.handler.Load()).ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	o.url = ts.URL
	h := o.provider(t, o.url, redirectURIs)
	o.handler.Store(&h)
	return o
}

// provider makes a zitadel OP with the issuer, the users and the client.
func (o *testOP) provider(t *testing.T, issuer string, redirectURIs []string) http.Handler {
	t.Helper()
	users, pids := opUsers{}, map[string]string{}
	for _, u := range o.users {
		users[u.id] = &storage.User{ID: u.id, Username: u.username, Password: opPassword, FirstName: "Test",
			LastName: u.username, Email: u.email, EmailVerified: true}
		pids[u.id] = u.pid
	}
	clients := map[string]*storage.Client{opClientID: storage.WebClient(opClientID, opClientSecret, redirectURIs...)}
	st := &opStorage{Storage: storage.NewStorageWithClients(users, clients), pids: pids}
	p, err := op.NewProvider(&op.Config{CryptoKey: sha256.Sum256([]byte(t.Name())), CodeMethodS256: true,
		AuthMethodPost: true}, st, op.StaticIssuer(issuer), op.WithAllowInsecure())
	if err != nil {
		t.Fatalf("op.NewProvider: %v", err)
	}
	mux := http.NewServeMux()
	mux.Handle("/login/username", op.NewIssuerInterceptor(p.IssuerFromRequest).Handler(opLogin(st, op.AuthCallbackURL(p))))
	mux.Handle("/", p)
	return mux
}

// useImpostor replaces the provider behind the URL by another one, with its own keys and the
// issuer URL+"/other", which it also answers under.
func (o *testOP) useImpostor(t *testing.T, redirectURIs ...string) {
	t.Helper()
	p := o.provider(t, o.url+"/other", redirectURIs)
	mux := http.NewServeMux()
	mux.Handle("/other/", http.StripPrefix("/other", p))
	mux.Handle("/", p)
	var h http.Handler = mux
	o.handler.Store(&h)
}

// opLogin is the provider's login page: a username and password form for one auth request.
func opLogin(st *opStorage, callback func(context.Context, string) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			_, _ = fmt.Fprintf(w, `<form method="post" action="/login/username"><input type="hidden" name="id" value="%s">`+
				`<input name="username"><input name="password" type="password"><button>Login</button></form>`,
				html.EscapeString(r.URL.Query().Get("authRequestID")))
			return
		}
		id := r.PostFormValue("id")
		if err := st.CheckUsernamePassword(r.PostFormValue("username"), r.PostFormValue("password"), id); err != nil {
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		http.Redirect(w, r, callback(r.Context(), id), http.StatusFound)
	})
}

// get requests an absolute URL with the browser's cookies, without following redirects.
func (b *browser) get(t *testing.T, u string) response {
	t.Helper()
	res, err := b.c.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer func() { _ = res.Body.Close() }()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	return response{status: res.StatusCode, header: res.Header, body: string(body)}
}

// location resolves a redirect's Location against the URL it answered.
func location(t *testing.T, from string, res response) string {
	t.Helper()
	if res.status < 300 || res.status > 399 {
		t.Fatalf("GET %s = %d, want a redirect; body %.300s", from, res.status, res.body)
	}
	base, err := url.Parse(from)
	if err != nil {
		t.Fatal(err)
	}
	to, err := base.Parse(res.header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	return to.String()
}

// oidcToProvider starts a sign-in at the app and returns the provider's authorize URL.
func (b *browser) oidcToProvider(t *testing.T, kind string) string {
	t.Helper()
	start := b.app.url + "/login/oidc/" + kind
	return location(t, start, b.get(t, start))
}

// signInAtProvider goes from the authorize URL through the provider's login form and returns
// the app's callback URL (with code and state) the provider sends the browser back to.
func (b *browser) signInAtProvider(t *testing.T, authorize, username string) string {
	t.Helper()
	loginPage := location(t, authorize, b.get(t, authorize))
	lu, _ := url.Parse(loginPage)
	form := url.Values{"id": {lu.Query().Get("authRequestID")}, "username": {username}, "password": {opPassword}}
	res, err := b.c.PostForm(lu.Scheme+"://"+lu.Host+"/login/username", form)
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	opCallback := location(t, loginPage, response{status: res.StatusCode, header: res.Header})
	return location(t, opCallback, b.get(t, opCallback))
}
