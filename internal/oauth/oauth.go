// Package oauth signs in systems: OAuth2 client credentials (RFC 6749 §4.4) at POST
// /oauth2/token, and the bearer tokens it issues (RFC 6750), kept in the database so every app
// instance on one PostgreSQL accepts them.
//
// Secrets and tokens are 256 random bits each and stored only as their SHA-256: with that much
// entropy a fast hash is as safe as argon2id against guessing, and a token check stays one
// indexed lookup instead of a deliberately slow hash on every API request.
package oauth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/store"
)

// DefaultTokenTTL is how long an issued token is valid when Options says nothing.
const DefaultTokenTTL = time.Hour

// Options configures a Server. Zero fields get defaults.
type Options struct {
	Clock    func() time.Time // time.Now when nil; expiry is decided by it
	TokenTTL time.Duration
	Logger   *slog.Logger
}

// Server issues and checks tokens.
type Server struct {
	clients store.Clients
	clock   func() time.Time
	ttl     time.Duration
	log     *slog.Logger
}

// New returns a Server over the store's clients.
func New(st store.Store, opts Options) (*Server, error) {
	cs, err := store.ClientsOf(st)
	if err != nil {
		return nil, err
	}
	s := &Server{clients: cs, clock: opts.Clock, ttl: opts.TokenTTL, log: opts.Logger}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.ttl <= 0 {
		s.ttl = DefaultTokenTTL
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s, nil
}

// AddClient creates an API client with the given scopes and returns its id and secret; the
// secret is shown this once and only its hash is kept.
func AddClient(ctx context.Context, st store.Store, name string, scopes []string, now time.Time) (id, secret string, err error) {
	defer apperr.Wrap(&err, "oauth.AddClient")
	if name == "" {
		return "", "", apperr.New(apperr.Invalid, "a client needs a name")
	}
	if len(scopes) == 0 {
		return "", "", apperr.New(apperr.Invalid, "a client needs at least one scope")
	}
	for _, sc := range scopes {
		if _, ok := access.ParseScope(sc); !ok {
			return "", "", apperr.New(apperr.Invalid, "%q is not a scope (system/Type.read, system/*.write, system/Type.cruds, ...)", sc)
		}
	}
	cs, err := store.ClientsOf(st)
	if err != nil {
		return "", "", err
	}
	id, secret = randomText(16), randomText(32)
	err = cs.AddClient(ctx, store.Client{ID: id, SecretHash: hash(secret), Name: name, Scopes: scopes, Created: now.UTC()})
	if err != nil {
		return "", "", fmt.Errorf("store the client: %w", err)
	}
	return id, secret, nil
}

// randomText returns n random bytes as unpadded base64url.
func randomText(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
