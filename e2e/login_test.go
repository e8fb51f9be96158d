package e2e

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

const e2ePassword = "riktig-hest-batteri"

// userAdd runs `veiviser user add` with args and env and returns its output and exit code.
func userAdd(t *testing.T, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"user", "add"}, args...)...)
	cmd.Env = serverEnv(env...)
	out, err := cmd.CombinedOutput()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running veiviser user add: %v", err)
	}
	return string(out), code
}

func TestUserAddCommand(t *testing.T) {
	dir := t.TempDir()
	out, code := userAdd(t, nil, "--data", dir, "--username", "Kari.Koordinator", "--password", e2ePassword,
		"--role", "coordinator", "--role", "unit-lead", "--name", "Kari Testesen")
	if code != 0 || !strings.Contains(out, "user added: kari.koordinator") || !strings.Contains(out, "coordinator, unit-lead") {
		t.Fatalf("user add: exit %d, output %q", code, out)
	}
	refusals := []struct {
		name string
		args []string
	}{
		{"taken username", []string{"--username", "kari.koordinator", "--password", e2ePassword, "--role", "coordinator"}},
		{"unknown role", []string{"--username", "ola", "--password", e2ePassword, "--role", "superuser"}},
		{"no role", []string{"--username", "ola", "--password", e2ePassword}},
		{"short password", []string{"--username", "ola", "--password", "kort", "--role", "citizen"}},
		{"a practitioner and a unit that do not exist", []string{"--username", "ola", "--password", e2ePassword, "--role", "coordinator",
			"--practitioner", "pr-1", "--unit", "ke"}},
	}
	for _, r := range refusals {
		out, code := userAdd(t, nil, append([]string{"--data", dir}, r.args...)...)
		if code != 2 {
			t.Errorf("%s: exit %d, want 2 (output %q)", r.name, code, out)
		}
	}
}

// TestLoginInChromium adds a user with the real binary and signs in through the form in a real
// Chromium: a wrong password first, then the right one, then logout.
func TestLoginInChromium(t *testing.T) {
	dir := t.TempDir()
	if out, code := userAdd(t, nil, "--data", dir, "--username", "kari", "--password", e2ePassword,
		"--role", "coordinator", "--name", "Kari Testesen"); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, out)
	}
	s := startServer(t, dir)
	ctx := newBrowser(t)
	var errs consoleErrors
	if err := errs.listen(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	submit := func(password string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Navigate(s.URL+"/login"),
			chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SendKeys(chromedp.CSS("#username"), "kari"),
			chromedp.SendKeys(chromedp.CSS("#password"), password),
			chromedp.Click(chromedp.CSS(`form.login-form button[type="submit"]`)),
		); err != nil {
			t.Fatalf("filling in the login form: %v", err)
		}
	}

	submit("feil-passord-123")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(".ds-error-summary"))); err != nil {
		t.Fatalf("no error summary after a wrong password: %v", err)
	}
	summary, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".ds-error-summary")))
	if err != nil || !strings.Contains(summary, "Feil brukernavn eller passord") {
		t.Errorf("error summary = %q (%v)", summary, err)
	}

	submit(e2ePassword)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid="username"]`))); err != nil {
		t.Fatalf("not signed in after the right password: %v", err)
	}
	who, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`[data-testid="name"]`)))
	if err != nil || who != "Kari Testesen" {
		t.Errorf("signed-in page shows name %q (%v)", who, err)
	}

	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#logout")),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/fhir/R4/metadata"]`)), // the public start page
	); err != nil {
		t.Fatalf("logging out: %v", err)
	}
	time.Sleep(200 * time.Millisecond) // late events (a CSP report) arrive before judging
	var unexpected []string
	for _, e := range errs.all() {
		// the refused login answers 401 on purpose; Chromium logs every 4xx
		if !(strings.Contains(e, "status of 401") && strings.HasSuffix(e, "/login")) {
			unexpected = append(unexpected, e)
		}
	}
	if len(unexpected) > 0 {
		t.Errorf("the pages reported %d errors:\n%s", len(unexpected), strings.Join(unexpected, "\n"))
	}
}

// TestUserAddOnPostgres: `veiviser user add` honours VEIVISER_DATABASE_URL, and a server on that
// database signs the user in.
func TestUserAddOnPostgres(t *testing.T) {
	dbURL := freshPostgres(t)
	env := "VEIVISER_DATABASE_URL=" + dbURL
	if out, code := userAdd(t, []string{env}, "--username", "per", "--password", e2ePassword, "--role", "case-officer"); code != 0 {
		t.Fatalf("user add: exit %d: %s", code, out)
	}
	s := startServer(t, t.TempDir(), env)
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar}
	res, err := c.PostForm(s.URL+"/login", url.Values{"username": {"per"}, "password": {e2ePassword}})
	if err != nil {
		t.Fatal(err)
	}
	_ = res.Body.Close()
	res, err = c.Get(s.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = res.Body.Close() }()
	var body strings.Builder
	buf := make([]byte, 4096)
	for {
		n, rerr := res.Body.Read(buf)
		body.Write(buf[:n])
		if rerr != nil {
			break
		}
	}
	if !strings.Contains(body.String(), `data-testid="username">per<`) {
		t.Errorf("start page after login on PostgreSQL is not signed in as per")
	}
}
