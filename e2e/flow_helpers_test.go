package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// startDemoServer starts `veiviser serve` with the demo municipality loaded into the empty
// store in dataDir (the README's users, password demoPassword), on a free port.
func startDemoServer(t *testing.T, dataDir string) *server {
	t.Helper()
	return startServing(t, dataDir, true, 40*time.Second)
}

// demoPassword is every demo user's password (README, "Demo").
const demoPassword = "fjellvik-demo-2026"

// putResource stores a resource under its own id through the FHIR API with a system token:
// setting up a record before a test drives the UI.
func putResource(t *testing.T, base, token, typ, id string, body map[string]any) {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPut, base+"/fhir/R4/"+typ+"/"+id, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/fhir+json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("PUT %s/%s: %v", typ, id, err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusCreated && res.StatusCode != http.StatusOK {
		t.Fatalf("PUT %s/%s: status %d", typ, id, res.StatusCode)
	}
}

// browsers is one headless Chromium for a test; each person gets an isolated browser context
// in it (like an incognito window: own cookies and storage), so sessions never mix.
type browsers struct {
	t     *testing.T
	root  context.Context // the first tab's context; the browser lives as long as it
	limit time.Duration   // the most one step may take
}

// newBrowsers starts Chromium with the same flags as newBrowser; the whole browser ends after
// total at the latest, so a hung page cannot hang the test run.
func newBrowsers(t *testing.T, total time.Duration) *browsers {
	t.Helper()
	opts := chromiumFlags(t)
	ctx, cancelTimeout := context.WithTimeout(context.Background(), total)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	root, cancelRoot := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancelRoot(); cancelAlloc(); cancelTimeout() })
	if err := chromedp.Do(root, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return &browsers{t: t, root: root, limit: 30 * time.Second}
}

// person is one signed-in person's browser context in a test.
type person struct {
	t       *testing.T
	name    string
	base    string
	ctx     context.Context
	limit   time.Duration
	axe     string // axe-core's source; empty: no accessibility check
	errs    consoleErrors
	checked map[string]bool // pages axe has checked, so a page seen twice is checked once
}

// signIn opens an isolated browser context and signs username in through /login.
func (b *browsers) signIn(base, username, password, axe string) *person {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.root, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	p := &person{t: b.t, name: username, base: base, ctx: ctx, limit: b.limit, axe: axe, checked: map[string]bool{}}
	if err := p.errs.listen(ctx); err != nil {
		b.t.Fatalf("%s: opening a browser context: %v", username, err)
	}
	p.open("/login")
	p.fill("#username", username)
	p.fill("#password", password)
	p.click(`form.login-form button[type="submit"]`)
	p.waitJS(`!!document.querySelector("#logout")`, "signed in as "+username)
	return p
}

// step runs actions with the step time limit.
func (p *person) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %s: %v (at %s)", p.name, what, err, p.location())
	}
}

// location is the address the tab shows now, for messages.
func (p *person) location() string {
	ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
	defer cancel()
	loc, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
	return loc
}

// open navigates to path and requires 200.
func (p *person) open(path string) {
	p.t.Helper()
	if status := p.openStatus(path); status != http.StatusOK {
		p.t.Fatalf("%s: GET %s answered %d", p.name, path, status)
	}
}

// openStatus navigates to path and returns the document's status.
func (p *person) openStatus(path string) int64 {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(p.base+path))
	if err != nil || res == nil {
		p.t.Fatalf("%s: opening %s: %v", p.name, path, err)
	}
	return res.Status
}

// click clicks the element sel with the mouse and waits for the page it leads to; a
// non-200 answer fails the test.
func (p *person) click(sel string) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, chromedp.Click(sel, chromedp.NodeVisible))
	if err != nil || res == nil {
		p.t.Fatalf("%s: clicking %s: %v (at %s)", p.name, sel, err, p.location())
	}
	if res.Status != http.StatusOK {
		p.t.Fatalf("%s: clicking %s led to status %d at %s", p.name, sel, res.Status, res.URL)
	}
}

// clickInPlace clicks sel when htmx answers in place (no new page), then waits for done, a
// JavaScript condition.
func (p *person) clickInPlace(sel, done, what string) {
	p.t.Helper()
	p.step("clicking "+sel, chromedp.Click(sel, chromedp.NodeVisible))
	// done alone may already hold in the form just sent (a select's options are text too), and
	// what htmx swapped in gets its links only when it has settled: waiting for htmx to finish
	// keeps the next click off a page about to be swapped and off a link htmx does not handle yet.
	p.waitJS(fmt.Sprintf(`!!(%s) && !document.querySelector(".htmx-request, .htmx-swapping, .htmx-settling, .htmx-added")`, done), what)
}

// clickText clicks the first element matching sel whose text contains text, and waits for
// the page it leads to.
func (p *person) clickText(sel, text string) {
	p.t.Helper()
	p.markText(sel, text)
	p.click("[data-e2e-click]")
}

// markText marks the first element matching sel whose text contains text as [data-e2e-click],
// for a click; it fails the test when there is none.
func (p *person) markText(sel, text string) {
	p.t.Helper()
	mark := fmt.Sprintf(`(() => { const el = [...document.querySelectorAll(%q)].find(e => e.textContent.includes(%q));
		if (!el) return false; document.querySelectorAll("[data-e2e-click]").forEach(e => e.removeAttribute("data-e2e-click"));
		el.setAttribute("data-e2e-click", ""); return true })()`, sel, text)
	if !p.eval(mark) {
		p.t.Fatalf("%s: no %s with the text %q at %s", p.name, sel, text, p.location())
	}
}

// openPart opens one part's form on the plan page, in place: the link in section whose text
// contains text, then waits for the form.
func (p *person) openPart(section, text string) {
	p.t.Helper()
	p.markText(section+" a.opener", text)
	p.clickInPlace("[data-e2e-click]", fmt.Sprintf(`document.querySelector(%q) !== null`, section+" form.app-form"), "the form of "+section)
}

// fill types text into the field sel, after clearing it.
func (p *person) fill(sel, text string) {
	p.t.Helper()
	p.setValue(sel, "")
	p.step("typing into "+sel, chromedp.SendKeys(sel, text, chromedp.NodeVisible))
}

// set sets the value of a date, time or select field, as choosing in its picker does.
func (p *person) set(sel, value string) {
	p.t.Helper()
	p.setValue(sel, value)
}

// setValue sets a field's value and sends the events a person's change sends.
func (p *person) setValue(sel, value string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return false; el.value = %q;
		el.dispatchEvent(new Event("input", {bubbles: true})); el.dispatchEvent(new Event("change", {bubbles: true}));
		return el.value === %q })()`, sel, value, value)
	if !p.eval(js) {
		p.t.Fatalf("%s: could not set %s to %q at %s", p.name, sel, value, p.location())
	}
}

// check ticks a checkbox or chooses a radio button by clicking it, unless already checked.
func (p *person) check(sel string) {
	p.t.Helper()
	if p.eval(fmt.Sprintf(`document.querySelector(%q)?.checked === true`, sel)) {
		return
	}
	p.step("ticking "+sel, chromedp.Click(sel, chromedp.NodeVisible))
}

// eval evaluates a JavaScript condition now.
func (p *person) eval(expr string) bool {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
	if err != nil {
		p.t.Fatalf("%s: evaluating %s: %v", p.name, expr, err)
	}
	return v
}

// text is the visible text of the first element matching sel ("" when there is none).
func (p *person) text(sel string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q)?.innerText ?? ""`, sel)))
	if err != nil {
		p.t.Fatalf("%s: reading %s: %v", p.name, sel, err)
	}
	return v
}

// html is the value of a JavaScript expression that gives a string, for a failure's message.
func (p *person) html(expr string) string {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return v
}

// number is the value of a JavaScript expression that gives a number.
func (p *person) number(expr string) float64 {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[float64](expr))
	if err != nil {
		p.t.Fatalf("%s: evaluating %s: %v", p.name, expr, err)
	}
	return v
}

// waitJS waits until the JavaScript condition holds.
func (p *person) waitJS(cond, what string) {
	p.t.Helper()
	deadline := time.Now().Add(p.limit)
	for !p.eval(cond) {
		if time.Now().After(deadline) {
			p.t.Fatalf("%s: %s did not happen within %s (at %s; requests in flight: %s; main: %.600s)", p.name, what, p.limit, p.location(),
				p.html(`[...document.querySelectorAll(".htmx-request")].map(e => e.outerHTML.slice(0, 200)).join("\n")`), p.text("main"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// mainHas fails the test unless the page's main element contains every string.
func (p *person) mainHas(want ...string) {
	p.t.Helper()
	main := p.text("main")
	for _, w := range want {
		if !strings.Contains(main, w) {
			p.t.Errorf("%s: %s does not show %q; main:\n%.1500s", p.name, p.location(), w, main)
		}
	}
}

// checkPage runs axe-core on the page now open at a phone's width and a desktop's, once per
// page (the path without its query and fragment, plus name when one page has several states).
func (p *person) checkPage(name string) {
	p.t.Helper()
	if p.axe == "" {
		return
	}
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
	cancel()
	if err != nil {
		p.t.Fatalf("%s: reading the address: %v", p.name, err)
	}
	page := strings.TrimSpace(path + " " + name)
	if p.checked[page] {
		return
	}
	p.checked[page] = true
	for _, width := range []int64{360, 1280} {
		p.step("resizing", chromedp.EmulateViewport(width, 800))
		ctx, cancel := context.WithTimeout(p.ctx, p.limit)
		checkAxe(p.t, ctx, p.axe, fmt.Sprintf("%s: %s at %d px", p.name, page, width))
		cancel()
	}
}

// consoleProblems are the errors the person's pages reported, but the 404s a test asked for.
func (p *person) consoleProblems() []string {
	var out []string
	for _, e := range p.errs.all() {
		if strings.Contains(e, "status of 404") {
			continue
		}
		out = append(out, e)
	}
	return out
}

// checkLabel clicks the label that contains text (ticking its checkbox or choosing its radio
// button), as a person does; it fails when there is no such label.
func (p *person) checkLabel(scope, text string) {
	p.t.Helper()
	mark := fmt.Sprintf(`(() => { const el = [...document.querySelectorAll(%q)].find(e => e.textContent.includes(%q));
		if (!el) return false; document.querySelectorAll("[data-e2e-label]").forEach(e => e.removeAttribute("data-e2e-label"));
		el.setAttribute("data-e2e-label", ""); return true })()`, scope+" label", text)
	if !p.eval(mark) {
		p.t.Fatalf("%s: no label %q in %s at %s", p.name, text, scope, p.location())
	}
	p.step("clicking the label "+text, chromedp.Click("[data-e2e-label]", chromedp.NodeVisible))
}

// choose picks the option of the select sel whose text contains text, as a person does.
func (p *person) choose(sel, text string) {
	p.t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return "";
		const o = [...el.options].find(o => o.text.includes(%q)); if (!o) return [...el.options].map(o => o.text).join(" | ");
		el.value = o.value; el.dispatchEvent(new Event("input", {bubbles: true})); el.dispatchEvent(new Event("change", {bubbles: true}));
		return "ok" })()`, sel, text)
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil || res != "ok" {
		p.t.Fatalf("%s: no option %q in %s at %s (options: %s, %v)", p.name, text, sel, p.location(), res, err)
	}
}

// demoApplication is the reference number of the demo's first application (Astrid's, sent two
// days before the demo was loaded: numbers run per year of receipt).
var demoApplication = fmt.Sprintf("TK-%d-00001", time.Now().AddDate(0, 0, -2).Year())
