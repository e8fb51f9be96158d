package signin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/web"
)

// cutBody is a login form whose connection is cut before the end.
type cutBody struct{ r io.Reader }

func (b cutBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

// TestAnAbortedLoginIsTheClientsError: a login form cut off mid-body, or a client gone while
// the form is checked (net/http cancels the request's context), is logged at INFO, not as a
// server error at ERROR; a form that did not arrive answers 400 with the form again.
func TestAnAbortedLoginIsTheClientsError(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		w, err := web.New(web.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var logs strings.Builder
		si, err := signin.New(signin.Options{Accounts: accounts, Pages: w, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		gone, cancel := context.WithCancel(context.Background())
		cancel()
		cases := []struct {
			name   string
			body   io.Reader
			ctx    context.Context
			status int // 0: nobody hears the answer
		}{
			{"cut off mid-body", cutBody{strings.NewReader("username=kari&passw")}, context.Background(), http.StatusBadRequest},
			{"cut off, client gone", cutBody{strings.NewReader("username=kari&passw")}, gone, http.StatusBadRequest},
			{"client gone while checking", strings.NewReader("username=kari&password=" + testPassword), gone, 0},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				logs.Reset()
				req := httptest.NewRequestWithContext(c.ctx, http.MethodPost, "/login", c.body)
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				rec := httptest.NewRecorder()
				si.Login(rec, req)
				if strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "level=INFO") {
					t.Errorf("logged:\n%s\nwant INFO and no ERROR", logs.String())
				}
				if c.status != 0 && (rec.Code != c.status || !strings.Contains(rec.Body.String(), "Skjemaet kom ikke fram")) {
					t.Errorf("status %d, want %d with the form again", rec.Code, c.status)
				}
			})
		}
	})
}

// TestALongUsernameIsNotStored: a username longer than signin.MaxUsernameRunes is refused as a
// wrong one, and its failure is counted under no key that holds it.
func TestALongUsernameIsNotStored(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		a := newApp(t, st, appOptions{})
		long := strings.Repeat("k", 50000)
		if res := a.browser(t).login(t, long, testPassword); res.status != http.StatusUnauthorized {
			t.Fatalf("login with a long username: %d, want 401", res.status)
		}
		n, err := a.accounts.LoginFailures(context.Background(), "user:"+long, t0.Add(-24*time.Hour))
		if err != nil || n != 0 {
			t.Errorf("failures stored under the long username: %d, %v", n, err)
		}
		_, err = signin.AddUser(context.Background(), a.accounts, signin.NewUser{Username: long[:signin.MaxUsernameRunes+1],
			Password: testPassword, Roles: []access.Role{access.Citizen}}, t0)
		if err == nil || !strings.Contains(err.Error(), "username: at most") {
			t.Errorf("AddUser with a long username: %v", err)
		}
	})
}
