package signin

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"
)

// oidcFlowTimeout is how long a person has at the provider before the callback is refused.
const oidcFlowTimeout = 10 * time.Minute

// oidcFlow is what the callback must find again: which provider was asked, the state that ties
// the callback to this browser (CSRF), the nonce that ties the ID token to this sign-in (replay)
// and the PKCE verifier that only the browser that started may redeem the code with.
//
// It travels in a cookie rather than in the database: none of it is worth anything to anyone
// but the browser holding it, a cookie needs no cleanup of abandoned sign-ins, and every
// instance behind a load balancer sees it. The cookie is HttpOnly, SameSite=Lax (sent on the
// provider's top-level redirect back), __Host- over HTTPS, and used once.
type oidcFlow struct {
	Provider string `json:"p"`
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
}

func newOIDCFlow(kind string) (oidcFlow, error) {
	state, err := randomString()
	if err != nil {
		return oidcFlow{}, err
	}
	nonce, err := randomString()
	if err != nil {
		return oidcFlow{}, err
	}
	return oidcFlow{Provider: kind, State: state, Nonce: nonce, Verifier: oauth2.GenerateVerifier()}, nil
}

func randomString() (string, error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("oidc random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// OIDCFlowCookie is the name of the cookie holding a sign-in in progress, without the __Host-
// prefix it has over HTTPS. Tests read it.
const OIDCFlowCookie = "veiviser-oidc"

func (s *Service) flowCookieName() string {
	if s.sessions.secure {
		return "__Host-" + OIDCFlowCookie
	}
	return OIDCFlowCookie
}

func (s *Service) setFlowCookie(w http.ResponseWriter, f oidcFlow) {
	b, _ := json.Marshal(f) // four strings: cannot fail
	http.SetCookie(w, &http.Cookie{Name: s.flowCookieName(), Value: base64.RawURLEncoding.EncodeToString(b),
		Path: "/", MaxAge: int(oidcFlowTimeout / time.Second), HttpOnly: true, Secure: s.sessions.secure,
		SameSite: http.SameSiteLaxMode})
}

// takeFlowCookie reads the flow and deletes the cookie, so a callback URL works once.
func (s *Service) takeFlowCookie(w http.ResponseWriter, r *http.Request) (oidcFlow, bool) {
	c, err := r.Cookie(s.flowCookieName())
	if err != nil {
		return oidcFlow{}, false
	}
	http.SetCookie(w, &http.Cookie{Name: s.flowCookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.sessions.secure, SameSite: http.SameSiteLaxMode})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil {
		return oidcFlow{}, false
	}
	var f oidcFlow
	if err := json.Unmarshal(b, &f); err != nil || f.State == "" || f.Nonce == "" || f.Verifier == "" {
		return oidcFlow{}, false
	}
	return f, true
}

// equalSecret compares in constant time; an empty value never matches.
func equalSecret(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
