package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium. Without it the test is skipped on a developer's
// machine, but fails in CI (CI=true), where scripts/test installs it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	path := os.Getenv("VEIVISER_CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("chromium not found at %s (CI must have it; scripts/test installs it): %v", path, err)
		}
		t.Skipf("chromium not found at %s; scripts/test installs it", path)
	}
	return path
}

// chromiumFlags are the flags every test starts Chromium with, exactly these (no defaults from
// chromedp), with a throwaway profile and Norwegian bokmål as the browser's language.
func chromiumFlags(t *testing.T) []chromedp.ExecAllocatorOption {
	t.Helper()
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// a Norwegian browser: the pages follow Accept-Language on a first visit (headless
		// Chromium would otherwise ask for English)
		chromedp.Flag("accept-lang", "nb-NO,nb"),
		chromedp.UserDataDir(t.TempDir()),
	}
}

// newBrowser starts headless Chromium with a throwaway profile and returns a tab's context.
// The flags are exactly these: no defaults from chromedp.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := chromiumFlags(t)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), 60*time.Second)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelTab(); cancelAlloc(); cancelTimeout() })
	return tabCtx
}

// consoleErrors collects every error the page reports: console.error, uncaught exceptions,
// and the browser's own log entries (failed loads, Content-Security-Policy violations).
type consoleErrors struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleErrors) listen(ctx context.Context) error {
	return chromedp.Listen(ctx, func(ev any) {
		var msg string
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				msg = "console." + string(e.Type) + ": " + strings.Join(parts, " ")
			}
		case *runtime.EventExceptionThrown:
			msg = "exception: " + e.ExceptionDetails.Text
			if e.ExceptionDetails.Exception != nil {
				msg += " " + e.ExceptionDetails.Exception.Description
			}
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				msg = fmt.Sprintf("log (%s): %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL)
			}
		}
		if msg != "" {
			c.mu.Lock()
			c.msgs = append(c.msgs, msg)
			c.mu.Unlock()
		}
	})
}

func (c *consoleErrors) all() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.msgs...)
}

func TestStartPageInChromium(t *testing.T) {
	ctx := newBrowser(t)
	s := startServer(t, t.TempDir())
	var errs consoleErrors
	if err := errs.listen(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}

	if err := chromedp.Do(ctx,
		chromedp.Navigate(s.URL+"/"),
		chromedp.WaitReady(chromedp.CSS("main#main")),
	); err != nil {
		t.Fatalf("loading the start page in chromium: %v", err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatalf("reading h1: %v", err)
	}
	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("evaluating %s: %v", expr, err)
		}
		return v
	}
	lang := eval(`document.documentElement.lang`)
	h1Count := eval(`String(document.querySelectorAll("h1").length)`)
	// a design token only Designsystemet's theme defines
	accent := eval(`getComputedStyle(document.documentElement).getPropertyValue("--ds-color-accent-base-default").trim()`)
	// the body colour Designsystemet's base CSS sets from the theme (a browser's default is transparent)
	bodyBackground := eval(`getComputedStyle(document.body).backgroundColor`)
	skipHref := eval(`document.querySelector("a.ds-skip-link").getAttribute("href")`)
	htmxVersion := eval(`window.htmx ? htmx.version : ""`)

	if !strings.HasPrefix(strings.TrimSpace(h1), "Veiviser") {
		t.Errorf("h1 = %q, want it to start with Veiviser", h1)
	}
	if lang != "nb" {
		t.Errorf(`<html lang> = %q, want "nb"`, lang)
	}
	if h1Count != "1" {
		t.Errorf("%s h1 elements, want exactly 1", h1Count)
	}
	if !strings.EqualFold(accent, "#0062ba") {
		t.Errorf("--ds-color-accent-base-default = %q: Designsystemet's theme did not load", accent)
	}
	if bodyBackground == "" || bodyBackground == "rgba(0, 0, 0, 0)" {
		t.Errorf("body background = %q: Designsystemet's CSS did not load", bodyBackground)
	}
	if skipHref != "#main" {
		t.Errorf("skip link href = %q", skipHref)
	}
	if !strings.HasPrefix(htmxVersion, "2.0.") {
		t.Errorf("htmx version = %q, want 2.0.x loaded", htmxVersion)
	}
	// let late events (a failed load, a CSP report) arrive before judging
	time.Sleep(200 * time.Millisecond)
	if e := errs.all(); len(e) > 0 {
		t.Errorf("the page reported %d errors:\n%s", len(e), strings.Join(e, "\n"))
	}
}
