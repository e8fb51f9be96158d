package signin

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/webform"
)

// The lockout. Failures are counted in the database per username and per client address over a
// sliding window, so every instance sees the same count and the lock lifts by itself.
const (
	// LockoutWindow is how far back failures count, and so how long a lock lasts.
	LockoutWindow = 15 * time.Minute
	// MaxFailuresPerUser locks a username (existing or not) after this many failures: enough for
	// a person's typos, far too few to guess a password.
	MaxFailuresPerUser = 5
	// MaxFailuresPerAddress locks a client address trying many usernames; higher, because one
	// municipal office may sit behind one address.
	MaxFailuresPerAddress = 20
)

// The refusals. Both are the same whether the user exists or not.
var (
	refusedWrong  = LoginView{Error: "Feil brukernavn eller passord.", ErrorEn: "Wrong username or password."}
	refusedLocked = LoginView{
		Error:   "For mange mislykkede forsøk. Vent 15 minutter og prøv igjen.",
		ErrorEn: "Too many failed attempts. Wait 15 minutes and try again."}
)

// MaxUsernameRunes bounds a username: AddUser refuses a longer one, and the login form counts
// a failure under a longer one for the address only, so a stored lockout key stays small.
const MaxUsernameRunes = 200

// NormalizeUsername is the form usernames are stored and compared in.
func NormalizeUsername(u string) string { return strings.ToLower(strings.TrimSpace(u)) }

// Login serves POST /login: a locked username or address is refused before the password is
// checked; a wrong password or an unknown user gets one message; success starts a new session.
func (s *Service) Login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	if err := webform.Read(w, r); err != nil {
		s.unreadable(w, r, err)
		return
	}
	username := NormalizeUsername(r.PostForm.Get("username"))
	password := r.PostForm.Get("password")
	keys := []string{"user:" + username, "ip:" + clientAddress(r)}
	if utf8.RuneCountInString(username) > MaxUsernameRunes {
		keys[0] = "user:" // no user has the name: its failure counts for the address alone
	}

	locked, err := s.locked(ctx, keys)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if locked {
		s.logger.WarnContext(ctx, "signin: refused, locked out")
		s.pages.Login(w, r, http.StatusTooManyRequests, withUsername(refusedLocked, username))
		return
	}
	u, ok, err := s.check(ctx, username, password)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		if err := s.accounts.AddLoginFailure(ctx, s.now(), keys...); err != nil {
			s.fail(w, r, err)
			return
		}
		s.logger.InfoContext(ctx, "signin: wrong username or password")
		s.pages.Login(w, r, http.StatusUnauthorized, withUsername(refusedWrong, username))
		return
	}
	if err := s.accounts.ClearLoginFailures(ctx, keys[0], s.now().Add(-LockoutWindow)); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.sessions.start(ctx, w, r, u.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.logger.InfoContext(ctx, "signin: signed in", "user", u.ID)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func withUsername(v LoginView, username string) LoginView {
	v.Username = username
	return v
}

func (s *Service) locked(ctx context.Context, keys []string) (bool, error) {
	since := s.now().Add(-LockoutWindow)
	for i, k := range keys {
		n, err := s.accounts.LoginFailures(ctx, k, since)
		if err != nil {
			return false, err
		}
		limit := MaxFailuresPerUser
		if i > 0 {
			limit = MaxFailuresPerAddress
		}
		if n >= limit {
			return true, nil
		}
	}
	return false, nil
}

// check finds the user and verifies the password. An unknown or disabled user costs the same
// hash computation as a known one.
func (s *Service) check(ctx context.Context, username, password string) (store.User, bool, error) {
	u, err := s.accounts.UserByUsername(ctx, username)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return store.User{}, false, err
	}
	hash := u.PasswordHash
	if err != nil || hash == "" || u.Disabled {
		hash = s.dummyHash
	}
	match, verr := VerifyPassword(password, hash)
	if verr != nil {
		return store.User{}, false, fmt.Errorf("user %s: %w", u.ID, verr)
	}
	return u, match && hash != s.dummyHash, nil
}

func (s *Service) fail(w http.ResponseWriter, r *http.Request, err error) {
	if r.Context().Err() != nil { // the client went away (net/http cancels the context): not our fault
		s.logger.InfoContext(r.Context(), "signin: login abandoned by the client", "err", err)
		return
	}
	s.logger.ErrorContext(r.Context(), "signin: login", "err", err)
	http.Error(w, "Intern feil / Internal error", http.StatusInternalServerError)
}

// unreadable answers a login form that did not arrive in full (cut off, too slow, too large):
// the client's error, logged at INFO, and the form again with why.
func (s *Service) unreadable(w http.ResponseWriter, r *http.Request, err error) {
	s.logger.InfoContext(r.Context(), "signin: the login form could not be read", "err", err)
	status := http.StatusBadRequest
	if webform.TooLarge(err) {
		status = http.StatusRequestEntityTooLarge
	}
	nb, en, _ := strings.Cut(apperr.As(err).Message, " / ")
	s.pages.Login(w, r, status, LoginView{Error: nb, ErrorEn: en})
}

// clientAddress is the address the connection comes from. Behind a proxy that is the proxy's,
// so the per-address limit then counts the whole proxy; the per-username limit still holds.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
