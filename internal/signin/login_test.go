package signin_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestLoginLogout(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		a := newApp(t, st, appOptions{})
		a.addUser(t, "kari.koordinator", access.Coordinator, access.UnitLead)
		b := a.browser(t)

		form := b.do(t, "GET", "/login", nil, nil)
		for _, want := range []string{`action="/login"`, `name="username"`, `autocomplete="username"`,
			`name="password"`, `type="password"`, `autocomplete="current-password"`, `<label class="ds-label" for="username">`,
			`lang="nb"`} {
			if !strings.Contains(form.body, want) {
				t.Errorf("login form lacks %q", want)
			}
		}
		if b.signedInAs(t) != "" {
			t.Fatal("signed in before logging in")
		}

		res := b.login(t, "Kari.Koordinator ", testPassword) // case and spaces do not matter
		if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
			t.Fatalf("login = %d to %q, want 303 to /", res.status, res.header.Get("Location"))
		}
		cookie := res.header.Get("Set-Cookie")
		for _, want := range []string{"veiviser-session=", "HttpOnly", "SameSite=Lax", "Path=/"} {
			if !strings.Contains(cookie, want) {
				t.Errorf("session cookie %q lacks %q", cookie, want)
			}
		}
		if strings.Contains(cookie, "Secure") {
			t.Errorf("cookie %q is Secure on plain HTTP", cookie)
		}
		if got := b.signedInAs(t); got != "kari.koordinator" {
			t.Fatalf("signed in as %q", got)
		}
		home := b.do(t, "GET", "/", nil, nil)
		for _, want := range []string{"Test kari.koordinator", "Koordinator", "Fagleder", `action="/logout"`} {
			if !strings.Contains(home.body, want) {
				t.Errorf("signed-in start page lacks %q", want)
			}
		}

		// keep the session cookie to replay it after logout
		old := b.onApp(t, a)
		res = b.do(t, "POST", "/logout", nil, nil)
		if res.status != http.StatusSeeOther {
			t.Fatalf("logout = %d", res.status)
		}
		if got := b.signedInAs(t); got != "" {
			t.Errorf("after logout signed in as %q", got)
		}
		if got := old.signedInAs(t); got != "" {
			t.Errorf("the cookie of a logged-out session still signs in as %q", got)
		}
	})
}

func TestLoginRefusals(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		a := newApp(t, st, appOptions{})
		a.addUser(t, "kari", access.Coordinator)
		b := a.browser(t)
		wrong := b.login(t, "kari", "feil-passord-123")
		unknown := b.login(t, "ola", testPassword)
		for name, res := range map[string]response{"wrong password": wrong, "unknown user": unknown} {
			if res.status != http.StatusUnauthorized {
				t.Errorf("%s: status %d, want 401", name, res.status)
			}
			if !strings.Contains(res.body, "Feil brukernavn eller passord.") || !strings.Contains(res.body, "ds-error-summary") {
				t.Errorf("%s: no error summary with the one message", name)
			}
			if strings.Contains(res.header.Get("Set-Cookie"), "veiviser-session=") {
				t.Errorf("%s: a session cookie was set", name)
			}
		}
		if b.signedInAs(t) != "" {
			t.Error("a refused login signed in")
		}
	})
}

func TestSessionRenewedAtLogin(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		a := newApp(t, st, appOptions{})
		a.addUser(t, "kari", access.Coordinator)
		a.addUser(t, "per", access.CaseOfficer)
		b := a.browser(t)
		if res := b.login(t, "kari", testPassword); res.status != http.StatusSeeOther {
			t.Fatalf("login = %d", res.status)
		}
		first := b.onApp(t, a) // a copy of the first session's cookie
		if res := b.login(t, "per", testPassword); res.status != http.StatusSeeOther {
			t.Fatalf("second login = %d", res.status)
		}
		if got := b.signedInAs(t); got != "per" {
			t.Errorf("after second login signed in as %q", got)
		}
		if got := first.signedInAs(t); got != "" {
			t.Errorf("the session before the new login still works, as %q", got)
		}
	})
}

func TestLockout(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		a := newApp(t, st, appOptions{})
		a.addUser(t, "kari", access.Coordinator)
		b := a.browser(t)
		for i := range signin.MaxFailuresPerUser {
			if res := b.login(t, "kari", "feil-passord-123"); res.status != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d", i+1, res.status)
			}
			a.clock.Advance(time.Second)
		}
		locked := b.login(t, "kari", testPassword)
		if locked.status != http.StatusTooManyRequests || !strings.Contains(locked.body, "For mange mislykkede forsøk") {
			t.Fatalf("right password while locked: status %d", locked.status)
		}
		// an unknown username locks the same way, so the lock does not tell who exists
		for range signin.MaxFailuresPerUser {
			b.login(t, "finnes-ikke", "feil-passord-123")
		}
		if res := b.login(t, "finnes-ikke", "x"); res.status != http.StatusTooManyRequests {
			t.Errorf("unknown user after failures: status %d, want 429", res.status)
		}
		a.clock.Advance(signin.LockoutWindow - time.Duration(signin.MaxFailuresPerUser)*time.Second + time.Second)
		if res := b.login(t, "kari", testPassword); res.status != http.StatusSeeOther {
			t.Fatalf("after the window: status %d, want 303", res.status)
		}
	})
}

func TestLockoutPerAddress(t *testing.T) {
	a := newApp(t, testutil.NewSQLite(t), appOptions{})
	a.addUser(t, "kari", access.Coordinator)
	b := a.browser(t)
	// many usernames, each below its own limit, from one address
	for i := range signin.MaxFailuresPerAddress {
		b.login(t, "bruker"+strings.Repeat("x", i), "feil-passord-123")
	}
	if res := b.login(t, "kari", testPassword); res.status != http.StatusTooManyRequests {
		t.Fatalf("right password from a locked address: status %d, want 429", res.status)
	}
	a.clock.Advance(signin.LockoutWindow + time.Second)
	if res := b.login(t, "kari", testPassword); res.status != http.StatusSeeOther {
		t.Fatalf("after the window: status %d, want 303", res.status)
	}
}

func TestSessionExpiry(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		a := newApp(t, st, appOptions{})
		a.addUser(t, "kari", access.Coordinator)

		idle := a.browser(t)
		idle.login(t, "kari", testPassword)
		a.clock.Advance(signin.IdleTimeout - time.Minute)
		if idle.signedInAs(t) != "kari" {
			t.Fatal("signed out before the idle timeout")
		}
		a.clock.Advance(signin.IdleTimeout - time.Minute) // used a minute before: still live
		if idle.signedInAs(t) != "kari" {
			t.Fatal("use did not extend the idle timeout")
		}
		a.clock.Advance(signin.IdleTimeout)
		if got := idle.signedInAs(t); got != "" {
			t.Errorf("idle for %s: still signed in as %q", signin.IdleTimeout, got)
		}

		busy := a.browser(t)
		busy.login(t, "kari", testPassword)
		for elapsed := time.Duration(0); elapsed < signin.AbsoluteTimeout-10*time.Minute; elapsed += 10 * time.Minute {
			if busy.signedInAs(t) != "kari" {
				t.Fatalf("signed out after %s of steady use", elapsed)
			}
			a.clock.Advance(10 * time.Minute)
		}
		a.clock.Advance(10 * time.Minute)
		if got := busy.signedInAs(t); got != "" {
			t.Errorf("after %s of steady use still signed in as %q", signin.AbsoluteTimeout, got)
		}
	})
}
