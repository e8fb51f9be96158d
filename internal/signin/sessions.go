package signin

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
)

// The session lifetimes. Our own small session manager stands in for scs because scs reads
// time.Now itself, so its idle and absolute expiry cannot be driven by an injected clock, and it
// hands the raw token to its store where we keep only a hash.
const (
	// IdleTimeout ends a session nobody has used for this long (a shared office computer).
	IdleTimeout = 30 * time.Minute
	// AbsoluteTimeout ends every session this long after sign-in, used or not: one working day.
	AbsoluteTimeout = 12 * time.Hour
	// touchEvery limits how often a request writes the session's last use: the idle expiry may
	// then come up to this much early, and reads do not each cost a write.
	touchEvery = time.Minute
	// tokenBytes is the cookie token's entropy (256 bits).
	tokenBytes = 32
)

// sessions keeps sessions in the database; the cookie holds a random token and the database
// only its SHA-256, so a copy of the database opens no session.
type sessions struct {
	accounts store.Accounts
	now      func() time.Time
	secure   bool // cookies only over HTTPS
}

// cookieName is "__Host-" prefixed over HTTPS, so the browser refuses the cookie unless it is
// Secure, host-only and for the whole site.
func (s *sessions) cookieName() string {
	if s.secure {
		return "__Host-veiviser-session"
	}
	return "veiviser-session"
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// start ends the request's current session, if any, and begins a new one for userID under a new
// token, so a token planted before sign-in (session fixation) is worthless after it.
func (s *sessions) start(ctx context.Context, w http.ResponseWriter, r *http.Request, userID string) error {
	if err := s.end(ctx, w, r); err != nil {
		return err
	}
	raw := make([]byte, tokenBytes)
	if _, err := rand.Read(raw); err != nil {
		return fmt.Errorf("session token: %w", err)
	}
	token := base64.RawURLEncoding.EncodeToString(raw)
	now := s.now()
	// sessions nobody comes back to are purged here, at each sign-in, rather than by a timer
	if err := s.accounts.DeleteExpiredSessions(ctx, now); err != nil {
		return fmt.Errorf("purge sessions: %w", err)
	}
	se := store.Session{TokenHash: hashToken(token), UserID: userID, Data: "{}", Created: now,
		LastSeen: now, Expires: now.Add(AbsoluteTimeout)}
	if err := s.accounts.PutSession(ctx, se); err != nil {
		return fmt.Errorf("start session: %w", err)
	}
	// no Expires on the cookie: it ends with the browser, and the server enforces both timeouts
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: token, Path: "/", HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode})
	return nil
}

// load returns the request's live session. An expired one is deleted and reported as absent.
func (s *sessions) load(ctx context.Context, r *http.Request) (store.Session, bool, error) {
	c, err := r.Cookie(s.cookieName())
	if err != nil || c.Value == "" {
		return store.Session{}, false, nil
	}
	h := hashToken(c.Value)
	se, err := s.accounts.Session(ctx, h)
	if apperr.Is(err, apperr.NotFound) {
		return store.Session{}, false, nil
	}
	if err != nil {
		return store.Session{}, false, err
	}
	now := s.now()
	if !now.Before(se.Expires) || !now.Before(se.LastSeen.Add(IdleTimeout)) {
		if err := s.accounts.DeleteSession(ctx, h); err != nil {
			return store.Session{}, false, err
		}
		return store.Session{}, false, nil
	}
	if now.Sub(se.LastSeen) >= touchEvery {
		if err := s.accounts.TouchSession(ctx, h, now); err != nil {
			return store.Session{}, false, err
		}
		se.LastSeen = now
	}
	return se, true, nil
}

// end deletes the request's session, if any, and tells the browser to drop the cookie.
func (s *sessions) end(ctx context.Context, w http.ResponseWriter, r *http.Request) error {
	c, err := r.Cookie(s.cookieName())
	if err != nil || c.Value == "" {
		return nil
	}
	if err := s.accounts.DeleteSession(ctx, hashToken(c.Value)); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	http.SetCookie(w, &http.Cookie{Name: s.cookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secure, SameSite: http.SameSiteLaxMode})
	return nil
}
