package oauth

import (
	"net/http"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
)

// Authenticate returns the system principal of the request's bearer token. No Authorization
// header, another scheme, an unknown token, an expired one, or one of a disabled client are all
// Unauthorized. The token and its client are read in one query on every request and never
// cached, so a disabled client or a deleted token fails at the very next request on every
// instance.
func (s *Server) Authenticate(r *http.Request) (*access.Principal, error) {
	h := r.Header.Get("Authorization")
	scheme, tok, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(tok) == "" {
		return nil, apperr.New(apperr.Unauthorized, "a bearer token or a session is required")
	}
	t, c, err := s.clients.GetBearer(r.Context(), hash(strings.TrimSpace(tok)))
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return nil, apperr.New(apperr.Unauthorized, "the bearer token is not valid")
		}
		return nil, err
	}
	if !s.clock().Before(t.Expires) {
		return nil, apperr.New(apperr.Unauthorized, "the bearer token has expired")
	}
	if c.Disabled {
		return nil, apperr.New(apperr.Unauthorized, "the bearer token's client is not active")
	}
	return &access.Principal{ClientID: c.ID, Name: c.Name, Scopes: t.Scopes}, nil
}
