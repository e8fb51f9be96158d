package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPlanReadView (issue 20, point 3): at 1280 px the coordinator's plan page in the demo is a
// read view of the nine elements under 3,000 px with no form open; "Legg til mål" opens the
// goal form in place (the address says so, so a reload keeps it), and "Legg til tiltak" then
// opens the measure form and closes the goal form: one form at a time, with no console errors.
func TestPlanReadView(t *testing.T) {
	data := t.TempDir()
	s := startServing(t, data, true, 60*time.Second)
	planID := planIDOf(t, signInHTTP(t, s.URL, "koordinator", demoPassword), "Astrid Lyngmo")
	ctx := newBrowser(t)
	var errs consoleErrors
	if err := errs.listen(ctx); err != nil {
		t.Fatal(err)
	}
	loginAs(t, ctx, s.URL, "koordinator", demoPassword)
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible("#logout"),
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(s.URL+"/coordinator/plans/"+planID),
		chromedp.WaitVisible("#cooperation"),
	); err != nil {
		t.Fatal(err)
	}
	height, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollHeight`))
	if err != nil {
		t.Fatal(err)
	}
	if height >= 3000 {
		t.Errorf("the plan page is %d px high at 1280 px, want under 3,000", height)
	}
	t.Logf("the demo plan's read view: %d px at 1280 px", height)
	openForms := func() string {
		t.Helper()
		ids, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("form.app-form")].map(f => f.closest("section").id).join(",")`))
		if err != nil {
			t.Fatal(err)
		}
		return ids
	}
	if got := openForms(); got != "" {
		t.Errorf("forms open on the read view: %s", got)
	}
	open := func(section, text string) {
		t.Helper()
		click := fmt.Sprintf(`[...document.querySelectorAll(%q)].find(a => a.textContent.includes(%q)).click()`, section+" a.opener", text)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](click+";true")); err != nil {
			t.Fatalf("clicking %q: %v", text, err)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(section+" form.app-form")); err != nil {
			t.Fatalf("opening %q: %v", text, err)
		}
	}
	open("#goals", "Legg til mål")
	if got := openForms(); got != "goals" {
		t.Errorf("after opening the goal form, forms open in: %q", got)
	}
	if loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); !strings.Contains(loc, "open=goal") {
		t.Errorf("the address after opening the goal form is %q, want ?open=goal", loc)
	}
	open("#measures", "Legg til tiltak")
	if got := openForms(); got != "measures" {
		t.Errorf("after opening the measure form, forms open in: %q (want the goal form closed)", got)
	}
	if e := errs.all(); len(e) > 0 {
		t.Errorf("console errors: %v", e)
	}
}
