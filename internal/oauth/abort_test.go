package oauth_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/oauth"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestAnAbandonedTokenRequestIsNotAnError: a client gone while its token is issued (net/http
// cancels the request's context, so the store refuses) is logged at INFO, not ERROR.
func TestAnAbandonedTokenRequestIsNotAnError(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		var logs strings.Builder
		srv, err := oauth.New(st, oauth.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		id, secret := testutil.NewAPIClient(t, st, "system/*.read")
		gone, cancel := context.WithCancel(context.Background())
		cancel()
		form := url.Values{"grant_type": {"client_credentials"}, "client_id": {id}, "client_secret": {secret}}
		req := httptest.NewRequestWithContext(gone, http.MethodPost, "/oauth2/token", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		srv.TokenHandler().ServeHTTP(httptest.NewRecorder(), req)
		if strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "abandoned by the client") {
			t.Errorf("logged:\n%s\nwant INFO and no ERROR", logs.String())
		}
	})
}
