package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeTags are the rules axe-core runs: WCAG 2.0 and 2.1, levels A and AA.
const axeTags = `["wcag2a","wcag2aa","wcag21a","wcag21aa"]`

// axeSource is axe-core from node_modules (pinned in package.json, installed by npm ci, which
// scripts/test and scripts/run do). Without it the test is skipped on a developer's machine and
// fails in CI.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core not installed (npm ci): %v", err)
		}
		t.Skipf("axe-core not installed; run npm ci: %v", err)
	}
	return string(b)
}

// axeViolation is what axe-core reports of one broken rule.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []struct{ Target []any }
}

// checkAxe runs axe-core in the page now open in the tab and fails the test for every WCAG
// 2.1 A or AA violation. The source is evaluated through the DevTools protocol, which the
// page's Content-Security-Policy does not govern.
func checkAxe(t *testing.T, ctx context.Context, src, page string) {
	t.Helper()
	violations, err := axeRun(ctx, src)
	if err != nil {
		t.Fatalf("%s: %v", page, err)
	}
	for _, v := range violations {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, fmt.Sprint(n.Target...))
		}
		t.Errorf("%s: %s (%s): %s at %s", page, v.ID, v.Impact, v.Help, strings.Join(where, ", "))
	}
}

func axeRun(ctx context.Context, src string) ([]axeViolation, error) {
	run := fmt.Sprintf(`axe.run(document, {runOnly: {type: "tag", values: %s}, resultTypes: ["violations"]}).then(r => r.violations)`, axeTags)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](src+";true")); err != nil {
		return nil, fmt.Errorf("loading axe-core: %w", err)
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](run, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	return v, nil
}

// TestAccessibility runs axe-core in Chromium on every page a person meets before the
// coordination flow (start, login, a refused login, the missing page, the start pages of
// roles), at a phone's width and a desktop's; TestCoordinationFlowInChromium checks the
// pages of the flow the same way.
func TestAccessibility(t *testing.T) {
	src := axeSource(t)
	dir := t.TempDir()
	if out, code := userAdd(t, nil, "--data", dir, "--username", "ola", "--password", e2ePassword,
		"--role", "case-officer", "--role", "administrator", "--name", "Ola Testmann"); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, out)
	}
	s := startServer(t, dir)
	ctx := newBrowser(t)
	t.Run("axe finds a violation", func(t *testing.T) {
		// an image without a text alternative: proof that the check below can fail
		if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitVisible("h1")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("main").append(document.createElement("img")); true`)); err != nil {
			t.Fatal(err)
		}
		v, err := axeRun(ctx, src)
		if err != nil || len(v) == 0 || v[0].ID != "image-alt" {
			t.Fatalf("axe-core reported %+v (%v), want image-alt", v, err)
		}
	})
	for _, width := range []int64{360, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatal(err)
		}
		at := func(name string) string { return fmt.Sprintf("%s at %d px", name, width) }
		for _, path := range []string{"/", "/login", "/no/such/page", "/koordinerende-enhet", "/tjenester", "/tjenester/home-help"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+path), chromedp.WaitVisible("h1")); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			checkAxe(t, ctx, src, at(path))
		}
		if width == 360 {
			loginAs(t, ctx, s.URL, "ola", "feil-passord-123")
			if err := chromedp.Do(ctx, chromedp.WaitVisible(".ds-error-summary")); err != nil {
				t.Fatalf("refused login: %v", err)
			}
			checkAxe(t, ctx, src, at("refused login"))
			loginAs(t, ctx, s.URL, "ola", e2ePassword)
			if err := chromedp.Do(ctx, chromedp.WaitVisible("#logout")); err != nil {
				t.Fatalf("login: %v", err)
			}
		}
		for _, path := range []string{"/", "/case-officer", "/admin", "/admin/settings"} {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+path), chromedp.WaitVisible("#logout")); err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			checkAxe(t, ctx, src, at(path+" signed in"))
		}
		// the switch in the header: each language with its own lang, and axe clean in each
		for _, l := range []struct{ lang, button, logout string }{{"nn", "Nynorsk", "Logg ut"}, {"en", "English", "Sign out"}, {"nb", "Bokmål", "Logg ut"}} {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/admin/settings"), chromedp.WaitVisible("#logout"),
				chromedp.Click(`form.lang-switch button[value="`+l.lang+`"]`), chromedp.WaitVisible(`html[lang="`+l.lang+`"] #logout`)); err != nil {
				t.Fatalf("switching to %s: %v", l.button, err)
			}
			logout, err := chromedp.Run(ctx, chromedp.Text("#logout"))
			if err != nil || !strings.Contains(logout, l.logout) {
				t.Errorf("%s: the sign-out button says %q (%v), want %q", l.button, logout, err, l.logout)
			}
			checkAxe(t, ctx, src, at("/admin/settings in "+l.button))
		}
	}
}

// loginAs fills in and sends the login form.
func loginAs(t *testing.T, ctx context.Context, base, username, password string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible("#username"),
		chromedp.SendKeys("#username", username),
		chromedp.SendKeys("#password", password),
		chromedp.Click(`form.login-form button[type="submit"]`),
	); err != nil {
		t.Fatalf("signing in as %s: %v", username, err)
	}
}
