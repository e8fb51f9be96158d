package signin

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/store"
)

// Pages renders the login form (*web.Web does: signin names what it shows, and web draws it).
type Pages interface {
	Login(w http.ResponseWriter, r *http.Request, status int, v LoginView)
}

// Options configure sign-in.
type Options struct {
	Accounts store.Accounts
	Pages    Pages
	// Secure marks cookies Secure (and __Host- prefixed): set it when the site is served over
	// HTTPS, directly or behind a proxy (a https base URL).
	Secure bool
	Clock  func() time.Time // nil means time.Now
	Logger *slog.Logger
	OIDC   []OIDCProvider // OpenID Connect providers, at most one of each kind (oidc.go)
}

// Service is sign-in for people: the login and logout handlers and the session middleware.
type Service struct {
	accounts  store.Accounts
	pages     Pages
	sessions  *sessions
	now       func() time.Time
	logger    *slog.Logger
	dummyHash string // verified against when the user does not exist, so timing does not tell
	oidc      map[string]*oidcProvider
}

// New makes the service.
func New(opts Options) (*Service, error) {
	if opts.Accounts == nil || opts.Pages == nil {
		return nil, errors.New("signin: Accounts and Pages are required")
	}
	now := opts.Clock
	if now == nil {
		now = time.Now
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	dummy, err := HashPassword("no user has this password")
	if err != nil {
		return nil, fmt.Errorf("signin: %w", err)
	}
	providers, err := newOIDCProviders(opts.OIDC)
	if err != nil {
		return nil, fmt.Errorf("signin: %w", err)
	}
	pages := oidcPages{Pages: opts.Pages, citizen: providers[OIDCCitizen] != nil, staff: providers[OIDCStaff] != nil}
	return &Service{accounts: opts.Accounts, pages: pages, now: now, logger: logger, dummyHash: dummy,
		sessions: &sessions{accounts: opts.Accounts, now: now, secure: opts.Secure}, oidc: providers}, nil
}

// Middleware puts the signed-in person's access.Principal in the request context when the
// request carries a live session of an enabled user; other requests pass on without one.
func (s *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := s.principal(r)
		if err != nil {
			s.logger.ErrorContext(r.Context(), "signin: loading session", "err", err)
			http.Error(w, "Intern feil / Internal error", http.StatusInternalServerError)
			return
		}
		if p == nil {
			next.ServeHTTP(w, r)
			return
		}
		inner := r.WithContext(access.WithPrincipal(r.Context(), p))
		next.ServeHTTP(w, inner)
		// the mux set the route on the copy; the access log and the metrics read it from ours
		r.Pattern = inner.Pattern
	})
}

func (s *Service) principal(r *http.Request) (*access.Principal, error) {
	se, ok, err := s.sessions.load(r.Context(), r)
	if err != nil || !ok {
		return nil, err
	}
	u, err := s.accounts.UserByID(r.Context(), se.UserID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, nil // a disabled user's sessions stop working on the next request
	}
	return Principal(u), nil
}

// Principal is who a user is, for the access decisions.
func Principal(u store.User) *access.Principal {
	roles := make([]access.Role, 0, len(u.Roles))
	for _, r := range u.Roles {
		roles = append(roles, access.Role(r))
	}
	return &access.Principal{UserID: u.ID, Username: u.Username, Name: u.Name, Roles: roles,
		PatientID: u.PatientID, RelatedPersonIDs: u.RelatedPersonIDs, PractitionerID: u.PractitionerID,
		Units: u.Units, Language: u.Language}
}

// LoginForm serves GET /login.
func (s *Service) LoginForm(w http.ResponseWriter, r *http.Request) {
	s.pages.Login(w, r, http.StatusOK, LoginView{})
}

// Logout serves POST /logout: it deletes the session and goes to the start page.
func (s *Service) Logout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.end(r.Context(), w, r); err != nil {
		s.logger.ErrorContext(r.Context(), "signin: logout", "err", err)
		http.Error(w, "Intern feil / Internal error", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// LoginView is what the login form shows: the username typed so far and, after a refused
// attempt, one message in bokmål and English. The message never says whether the user exists.
type LoginView struct {
	Username string
	Error    string
	ErrorEn  string
	// OIDCCitizen and OIDCStaff show the buttons of the configured OpenID Connect providers.
	OIDCCitizen, OIDCStaff bool
}
