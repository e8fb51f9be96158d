package testutil

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/oauth"
	"veiviser/internal/store"
)

// NewAPIClient creates an API client with scopes in st and returns its id and secret.
func NewAPIClient(t testing.TB, st store.Store, scopes ...string) (id, secret string) {
	t.Helper()
	id, secret, err := oauth.AddClient(context.Background(), st, "test client", scopes, time.Now())
	if err != nil {
		t.Fatalf("add API client: %v", err)
	}
	return id, secret
}

// Token creates an API client with scopes in st and signs it in through the real token endpoint
// at tokenURL (client credentials), returning the bearer token.
func Token(t testing.TB, st store.Store, tokenURL string, scopes ...string) string {
	t.Helper()
	id, secret := NewAPIClient(t, st, scopes...)
	return RequestToken(t, tokenURL, id, secret)
}

// RequestToken POSTs client credentials to tokenURL and returns the access token.
func RequestToken(t testing.TB, tokenURL, id, secret string) string {
	t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
	res, err := http.Post(tokenURL, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatalf("POST %s: %v", tokenURL, err)
	}
	defer res.Body.Close()
	var body struct {
		AccessToken string `json:"access_token"`
		Error       string `json:"error"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatalf("POST %s: %d, body not JSON: %v", tokenURL, res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK || body.AccessToken == "" {
		t.Fatalf("POST %s: %d %s", tokenURL, res.StatusCode, body.Error)
	}
	return body.AccessToken
}
