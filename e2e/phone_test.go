package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestNoPageScrollsSideways (issue 20): at a phone's 360 px no page of the demo is wider than
// the screen (a wide table scrolls inside its own region, the page does not), axe-core finds no
// WCAG 2.1 A/AA violation on any of them (issue 12: each role's new pages), and none of them
// reports an error in the console (a script error, a blocked load, a Content-Security-Policy
// violation such as an inline style).
func TestNoPageScrollsSideways(t *testing.T) {
	src := axeSource(t)
	data := t.TempDir()
	s := startServing(t, data, true, 60*time.Second)
	planID := planIDOf(t, signInHTTP(t, s.URL, "koordinator", demoPassword), "Astrid Lyngmo")
	pages := []struct {
		user  string
		paths []string
	}{
		{"", []string{"/", "/login", "/koordinerende-enhet", "/tjenester", "/tjenester/safety-alarm"}},
		{"innbygger", []string{"/citizen", "/citizen/plan", "/citizen/consent", "/citizen/letters", "/citizen/access-log", "/citizen/inquiry", "/citizen/coordinator", "/citizen/my-data", "/citizen/apply", "/citizen/applications"}},
		{"parorende", []string{"/relative", "/relative/plan?for=Patient/p-astrid", "/relative/inquiry", "/relative/apply"}},
		{"saksbehandler", []string{"/case-officer", "/case-officer/applications/" + demoApplication, "/case-officer/paper-application", "/emergency"}},
		{"forelder", []string{"/citizen/consent?for=Patient/p-emma", "/citizen/letters?for=Patient/p-emma", "/citizen/my-data?for=Patient/p-emma"}},
		{"koordinator", []string{"/coordinator", "/coordinator/plans/" + planID, "/coordinator/plans/" + planID + "?open=measure",
			"/coordinator/plans/" + planID + "/log", "/coordinator/plans/" + planID + "/versions", "/coordinator/citizens/p-astrid", "/coordinator/citizens/p-astrid/consent"}},
		{"enhetsleder", []string{"/unit", "/unit/inbox", "/unit/public-page", "/unit/cases/p-astrid", "/unit/coordinators"}},
		{"tjenesteyter", []string{"/provider", "/provider/need-report"}},
		{"administrator", []string{"/admin", "/admin/users", "/admin/users/new", "/admin/units"}},
	}
	for _, group := range pages {
		ctx := newBrowser(t)
		var errs consoleErrors
		if err := errs.listen(ctx); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740)); err != nil {
			t.Fatal(err)
		}
		if group.user != "" {
			loginAs(t, ctx, s.URL, group.user, demoPassword)
			if err := chromedp.Do(ctx, chromedp.WaitVisible("#logout")); err != nil {
				t.Fatalf("%s: %v", group.user, err)
			}
		}
		for _, path := range group.paths {
			if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+path), chromedp.WaitVisible("h1")); err != nil {
				t.Fatalf("%s %s: %v", group.user, path, err)
			}
			checkAxe(t, ctx, src, group.user+" "+path+" at 360 px")
			over, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth - document.documentElement.clientWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if over > 0 {
				wide, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const w = document.documentElement.clientWidth; for (const e of document.querySelectorAll("body *")) { const r = e.getBoundingClientRect(); if (r.right > w + 1 && !e.closest(".table-wrap") && !e.closest(".ds-skip-link")) return e.tagName + "." + e.className + " " + (e.textContent || "").slice(0, 60); } return ""; })()`))
				t.Errorf("%s %s is %d px wider than the 360 px screen: %s", group.user, path, over, wide)
			}
			// every link is on the screen: none sits in a table column scrolled out of view
			// (the workspace's "Åpne planen" was, before its table became cards on a phone)
			hidden, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const w = document.documentElement.clientWidth; for (const a of document.querySelectorAll("main a")) { const r = a.getBoundingClientRect(); if (r.width > 0 && (r.left < -1 || r.right > w + 1)) return a.textContent.trim().slice(0, 60); } return ""; })()`))
			if err != nil {
				t.Fatal(err)
			}
			if hidden != "" {
				t.Errorf("%s %s: the link %q is off the 360 px screen", group.user, path, hidden)
			}
		}
		if e := errs.all(); len(e) > 0 {
			t.Errorf("%s: the pages reported %d console errors:\n%s", group.user, len(e), strings.Join(e, "\n"))
		}
	}
}
