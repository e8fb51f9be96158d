package oauth

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/store"
)

// tokenError is an RFC 6749 §5.2 error answer.
type tokenError struct {
	status      int
	code        string
	description string
	basic       bool // the client tried HTTP Basic: a 401 names that scheme
}

// TokenHandler serves POST /oauth2/token.
func (s *Server) TokenHandler() http.Handler { return http.HandlerFunc(s.token) }

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
	Scope       string `json:"scope"`
}

func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	resp, terr := s.issue(r)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	w.Header().Set("Content-Type", "application/json")
	if terr != nil {
		if terr.status == http.StatusUnauthorized && terr.basic {
			w.Header().Set("WWW-Authenticate", `Basic realm="veiviser"`)
		}
		w.WriteHeader(terr.status)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": terr.code, "error_description": terr.description})
		return
	}
	_ = json.NewEncoder(w).Encode(resp)
}

func (s *Server) issue(r *http.Request) (tokenResponse, *tokenError) {
	r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return tokenResponse{}, &tokenError{status: http.StatusBadRequest, code: "invalid_request",
			description: "send an application/x-www-form-urlencoded body"}
	}
	form := r.PostForm
	if gt := form.Get("grant_type"); gt != "client_credentials" {
		return tokenResponse{}, &tokenError{status: http.StatusBadRequest, code: "unsupported_grant_type",
			description: "only grant_type=client_credentials is supported"}
	}
	c, terr := s.authenticateClient(r, form)
	if terr != nil {
		return tokenResponse{}, terr
	}
	scopes, terr := narrow(c.Scopes, form.Get("scope"))
	if terr != nil {
		return tokenResponse{}, terr
	}
	tok, now := randomText(32), s.clock().UTC()
	err := s.clients.AddToken(r.Context(), store.Token{Hash: hash(tok), ClientID: c.ID, Scopes: scopes,
		Issued: now, Expires: now.Add(s.ttl)})
	if err != nil {
		s.logFailure(r, "storing a token", err)
		return tokenResponse{}, &tokenError{status: http.StatusInternalServerError, code: "server_error",
			description: "the token could not be issued"}
	}
	s.log.InfoContext(r.Context(), "token issued", "client_id", c.ID, "scope", strings.Join(scopes, " "))
	return tokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int64(s.ttl.Seconds()),
		Scope: strings.Join(scopes, " ")}, nil
}

// authenticateClient checks HTTP Basic or form credentials (RFC 6749 §2.3.1); every failure
// answers alike, so the answer does not tell which clients exist.
func (s *Server) authenticateClient(r *http.Request, form url.Values) (store.Client, *tokenError) {
	fail := &tokenError{status: http.StatusUnauthorized, code: "invalid_client",
		description: "client authentication failed", basic: r.Header.Get("Authorization") != ""}
	id, secret, basic := r.BasicAuth()
	if basic {
		// RFC 6749 §2.3.1: the Basic credentials are form-urlencoded first
		var err1, err2 error
		id, err1 = url.QueryUnescape(id)
		secret, err2 = url.QueryUnescape(secret)
		if err1 != nil || err2 != nil {
			return store.Client{}, fail
		}
	} else {
		id, secret = form.Get("client_id"), form.Get("client_secret")
	}
	if id == "" || secret == "" {
		return store.Client{}, fail
	}
	c, err := s.clients.GetClient(r.Context(), id)
	if err != nil {
		if !apperr.Is(err, apperr.NotFound) {
			s.logFailure(r, "reading a client", err)
		}
		return store.Client{}, fail
	}
	if subtle.ConstantTimeCompare([]byte(hash(secret)), []byte(c.SecretHash)) != 1 || c.Disabled {
		return store.Client{}, fail
	}
	return c, nil
}

// logFailure logs a failure of the store at ERROR, or at INFO when the client went away
// (net/http cancels the request's context): then it is not the server's fault.
func (s *Server) logFailure(r *http.Request, what string, err error) {
	if r.Context().Err() != nil {
		s.log.InfoContext(r.Context(), what+": abandoned by the client", "err", err)
		return
	}
	s.log.ErrorContext(r.Context(), what, "err", err)
}

// narrow returns the scopes the token gets: all the client's when none were asked for, else the
// ones asked, each of which the client must hold.
func narrow(granted []string, asked string) ([]string, *tokenError) {
	if strings.TrimSpace(asked) == "" {
		return granted, nil
	}
	out := strings.Fields(asked)
	for _, a := range out {
		if !access.ScopesCover(granted, a) {
			return nil, &tokenError{status: http.StatusBadRequest, code: "invalid_scope",
				description: "the scope " + a + " is not granted to this client"}
		}
	}
	return out, nil
}
