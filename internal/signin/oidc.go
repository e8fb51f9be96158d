package signin

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// The two kinds of OpenID Connect provider. The kind is also the provider's name in its URLs:
// /login/oidc/citizen starts a sign-in through ID-porten, /login/oidc/staff one through the
// staff directory, and each comes back to its own /callback under that.
const (
	// OIDCCitizen is ID-porten: the person is the user recording the national identity number
	// in the claim (pid).
	OIDCCitizen = "citizen"
	// OIDCStaff is the municipality's staff directory: the person is the staff user whose
	// username is the claim's value (preferred_username, email, ...).
	OIDCStaff = "staff"
)

// The claims used when OIDCProvider.Claim is empty.
const (
	// DefaultCitizenClaim is where ID-porten puts the fødselsnummer or d-nummer.
	DefaultCitizenClaim = "pid"
	// DefaultStaffClaim is the standard claim most directories fill with the login name.
	DefaultStaffClaim = "preferred_username"
)

// OIDCProvider configures one OpenID Connect provider (authorization code flow with PKCE).
type OIDCProvider struct {
	Kind         string // OIDCCitizen or OIDCStaff
	Issuer       string // e.g. https://idporten.no; its /.well-known/openid-configuration is read at first use
	ClientID     string
	ClientSecret string
	// RedirectURL is the callback registered at the provider: the public base URL +
	// "/login/oidc/" + Kind + "/callback" (see RedirectURL).
	RedirectURL string
	Claim       string       // the claim a person is matched by; "" for the kind's default
	Scopes      []string     // nil: openid, plus profile and email for staff
	HTTPClient  *http.Client // nil: a client with a 10 s timeout
}

// RedirectURL is the callback URL of a provider kind under the public base URL.
func RedirectURL(baseURL, kind string) string { return baseURL + "/login/oidc/" + kind + "/callback" }

// oidcProvider is a configured provider whose discovery document is fetched at the first
// sign-in rather than at start, so Veiviser starts (and local sign-in works) while a provider
// is down; a failed discovery is tried again at the next sign-in.
type oidcProvider struct {
	cfg    OIDCProvider
	client *http.Client

	mu         sync.Mutex
	discovered *oidc.Provider
}

func newOIDCProviders(list []OIDCProvider) (map[string]*oidcProvider, error) {
	out := make(map[string]*oidcProvider, len(list))
	for _, c := range list {
		if c.Kind != OIDCCitizen && c.Kind != OIDCStaff {
			return nil, fmt.Errorf("oidc provider kind %q: want %s or %s", c.Kind, OIDCCitizen, OIDCStaff)
		}
		if _, dup := out[c.Kind]; dup {
			return nil, fmt.Errorf("oidc provider %s configured twice", c.Kind)
		}
		if c.Issuer == "" || c.ClientID == "" || c.RedirectURL == "" {
			return nil, fmt.Errorf("oidc provider %s: issuer, client id and redirect URL are required", c.Kind)
		}
		if c.Claim == "" {
			c.Claim = map[string]string{OIDCCitizen: DefaultCitizenClaim, OIDCStaff: DefaultStaffClaim}[c.Kind]
		}
		if c.Scopes == nil {
			c.Scopes = []string{oidc.ScopeOpenID}
			if c.Kind == OIDCStaff {
				c.Scopes = append(c.Scopes, "profile", "email")
			}
		}
		client := c.HTTPClient
		if client == nil {
			client = &http.Client{Timeout: 10 * time.Second}
		}
		out[c.Kind] = &oidcProvider{cfg: c, client: client}
	}
	return out, nil
}

// withClient makes go-oidc and oauth2 use the provider's HTTP client.
func (p *oidcProvider) withClient(ctx context.Context) context.Context {
	return context.WithValue(oidc.ClientContext(ctx, p.client), oauth2.HTTPClient, p.client)
}

// provider returns the discovered provider, discovering it now if need be. go-oidc checks that
// the document names the configured issuer.
func (p *oidcProvider) provider(ctx context.Context) (*oidc.Provider, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.discovered != nil {
		return p.discovered, nil
	}
	d, err := oidc.NewProvider(p.withClient(ctx), p.cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("oidc discovery of %s: %w", p.cfg.Issuer, err)
	}
	p.discovered = d
	return d, nil
}

func (p *oidcProvider) oauth2Config(d *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: p.cfg.ClientID, ClientSecret: p.cfg.ClientSecret, Endpoint: d.Endpoint(),
		RedirectURL: p.cfg.RedirectURL, Scopes: p.cfg.Scopes}
}

// The refusals of an OpenID Connect sign-in, on the login page.
var (
	oidcRefused = LoginView{Error: "Innloggingen mislyktes. Prøv igjen.",
		ErrorEn: "Sign-in failed. Try again."}
	oidcCancelled = LoginView{Error: "Innloggingen ble avbrutt.", ErrorEn: "Sign-in was cancelled."}
	oidcNoUser    = LoginView{
		Error: "Vi fant ingen bruker i Veiviser for deg, så du er ikke logget inn. " +
			"Ta kontakt med kommunen hvis du mener du skal ha tilgang.",
		ErrorEn: "We found no Veiviser user for you, so you are not signed in. " +
			"Contact the municipality if you think you should have access."}
	oidcUnavailable = LoginView{Error: "Innloggingstjenesten svarer ikke nå. Prøv igjen om litt.",
		ErrorEn: "The sign-in service does not answer now. Try again in a while."}
)

// OIDCStart serves GET /login/oidc/{provider}: it remembers a new state, nonce and PKCE
// verifier in a short-lived cookie and sends the browser to the provider.
func (s *Service) OIDCStart(w http.ResponseWriter, r *http.Request) {
	p, ok := s.oidc[r.PathValue("provider")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	d, err := p.provider(r.Context())
	if err != nil {
		s.logger.ErrorContext(r.Context(), "signin: oidc start", "provider", p.cfg.Kind, "err", err)
		s.pages.Login(w, r, http.StatusBadGateway, oidcUnavailable)
		return
	}
	f, err := newOIDCFlow(p.cfg.Kind)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.setFlowCookie(w, f)
	u := p.oauth2Config(d).AuthCodeURL(f.State, oauth2.S256ChallengeOption(f.Verifier), oidc.Nonce(f.Nonce))
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// errNoUser says the provider signed a person in whom no enabled user matches.
var errNoUser = errors.New("no user matches")

// OIDCCallback serves GET /login/oidc/{provider}/callback: it checks the state against the
// cookie, redeems the code with the PKCE verifier, verifies the ID token (signature, issuer,
// audience, expiry against the injected clock, nonce), finds the user and starts the same
// database session as the login form does.
func (s *Service) OIDCCallback(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, ok := s.oidc[r.PathValue("provider")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	f, ok := s.takeFlowCookie(w, r)
	q := r.URL.Query()
	switch {
	case !ok || f.Provider != p.cfg.Kind || !equalSecret(f.State, q.Get("state")):
		// a callback this browser did not start: a forged or replayed link, or a stale tab
		s.logger.WarnContext(ctx, "signin: oidc callback refused, state does not match", "provider", p.cfg.Kind)
		s.pages.Login(w, r, http.StatusBadRequest, oidcRefused)
		return
	case q.Get("error") != "":
		s.logger.InfoContext(ctx, "signin: oidc provider returned an error", "provider", p.cfg.Kind,
			"error", q.Get("error"))
		s.pages.Login(w, r, http.StatusUnauthorized, oidcCancelled)
		return
	}
	u, err := s.oidcUser(ctx, p, f, q.Get("code"))
	if errors.Is(err, errNoUser) {
		s.logger.InfoContext(ctx, "signin: oidc sign-in matched no user", "provider", p.cfg.Kind)
		s.pages.Login(w, r, http.StatusForbidden, oidcNoUser)
		return
	}
	if err != nil {
		s.logger.WarnContext(ctx, "signin: oidc callback refused", "provider", p.cfg.Kind, "err", err)
		s.pages.Login(w, r, http.StatusBadRequest, oidcRefused)
		return
	}
	if err := s.sessions.start(ctx, w, r, u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.logger.InfoContext(ctx, "signin: signed in", "user", u.ID, "provider", p.cfg.Kind)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// oidcPages adds the configured providers' buttons to every login page.
type oidcPages struct {
	Pages
	citizen, staff bool
}

func (p oidcPages) Login(w http.ResponseWriter, r *http.Request, status int, v LoginView) {
	v.OIDCCitizen, v.OIDCStaff = p.citizen, p.staff
	p.Pages.Login(w, r, status, v)
}
