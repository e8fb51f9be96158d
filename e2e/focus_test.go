package e2e

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestRefusedSubmitFocusesTheErrors (issue 20): on the coordinator's long plan page, a goal
// sent without its words is refused, and the error summary is in view and has the focus, so
// the coordinator (and a screen reader) is taken to what to fix rather than left 3,000 px away.
func TestRefusedSubmitFocusesTheErrors(t *testing.T) {
	data := t.TempDir()
	s := startServing(t, data, true, 60*time.Second)
	planID := planIDOf(t, signInHTTP(t, s.URL, "koordinator", demoPassword), "Astrid Lyngmo")
	ctx := newBrowser(t)
	loginAs(t, ctx, s.URL, "koordinator", demoPassword)
	form := `form[action$="/` + planID + `/goal"]`
	if err := chromedp.Do(ctx,
		chromedp.WaitVisible("#logout"),
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(s.URL+"/coordinator/plans/"+planID+"?open=goal"),
		chromedp.WaitVisible(form),
		chromedp.Click(form+` button[type="submit"]`),
		chromedp.WaitVisible(`#goals .ds-error-summary`),
	); err != nil {
		t.Fatalf("sending the empty goal: %v", err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		focused, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement !== null && document.activeElement.classList.contains("ds-error-summary")`))
		if err != nil {
			t.Fatal(err)
		}
		if focused {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the error summary does not get the focus")
		}
		time.Sleep(100 * time.Millisecond)
	}
	inView, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; })()`))
	if err != nil || !inView {
		t.Errorf("the focused error summary is not in view (%v)", err)
	}
}
