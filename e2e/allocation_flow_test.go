package e2e

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAllocationFlow walks issue 13's flow (the allocation office) through the web UI only, in
// a real Chromium against the real binary with the demo municipality loaded: the catalogue is
// public; Astrid applies for home help and a safety alarm with an attachment and gets a receipt;
// the case officer grants home help and refuses the alarm, one decision form per service; the
// letters are among Astrid's letters, each as a tagged PDF holding the reasons and the notice of
// the right to appeal with its deadline; Astrid appeals the refusal; the officer upholds the
// decision and forwards the appeal, then records that the appeal body upheld it; Astrid sees
// that on her applications page. axe-core checks every page of the flow at 360 and 1280 px (no
// WCAG 2.1 A/AA violation), and no page reports a console error.
func TestAllocationFlow(t *testing.T) {
	axe := axeSource(t)
	chromiumPath(t) // skips before the demo is loaded when there is no Chromium
	s := startDemoServer(t, t.TempDir())
	b := newBrowsers(t, 3*time.Minute)
	var people []*person
	t.Cleanup(func() {
		for _, p := range people {
			if e := p.consoleProblems(); len(e) > 0 {
				t.Errorf("%s: the pages reported %d errors:\n%s", p.name, len(e), strings.Join(e, "\n"))
			}
		}
	})
	keep := func(p *person) *person { people = append(people, p); return p }
	today := time.Now().In(osloZone())

	// Issue 13, point 1 (the catalogue): the services, what each is and how to appeal, read
	// without sign-in.
	visitor := keep(b.anonymous(s.URL, axe))
	readCatalogue(visitor)

	// Point 2 (applying): several services in one application, with an attachment, and a
	// receipt with the reference number at once.
	astrid := keep(b.signIn(s.URL, "innbygger", demoPassword, axe))
	astrid.open("/tjenester")
	astrid.mainHas("Hjemmehjelp", "Trygghetsalarm")
	astrid.checkPage("signed in")
	ref := applyForHomeHelpAndAlarm(astrid, tinyPDF(t), today)

	// Point 3 (the office's inbox and case page): the application waits in the inbox, and its
	// case page has one decision form per service.
	officer := keep(b.signIn(s.URL, "saksbehandler", demoPassword, axe))
	openCase(officer, ref)

	// Point 4 (a decision per service, with scope, period, review date, provider and the
	// reasons of fvl § 25): home help granted, the alarm refused.
	decideHomeHelp(officer, ref, today)
	refuseAlarm(officer, ref)

	// Point 4 (the decision letter): both among the citizen's letters, each a tagged PDF with
	// the decision, its reasons and the notice of fvl § 27 (the right, the deadline, where).
	readLetters(astrid)

	// Point 6 (appeals): the citizen appeals the refusal in Veiviser.
	appealAlarm(astrid)

	// Point 6 (the office reviews the appeal first): it upholds the decision and forwards the
	// appeal, then records the appeal body's outcome.
	reassessAndRecordOutcome(officer, ref, today)

	// Point 6 (the citizen follows her appeal): the outcome is on her applications page.
	astrid.open("/citizen/applications")
	if li := decisionItem(astrid, "Trygghetsalarm"); !strings.Contains(li, "Klageinstansen stadfestet vedtaket.") {
		t.Errorf("the citizen's alarm decision reads %q, want the appeal body's outcome", li)
	}
	astrid.checkPage("upheld")
}

// anonymous opens an isolated browser context for a visitor who does not sign in.
func (b *browsers) anonymous(base, axe string) *person {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.root, chromedp.WithNewBrowserContext())
	b.t.Cleanup(cancel)
	p := &person{t: b.t, name: "visitor", base: base, ctx: ctx, limit: b.limit, axe: axe, checked: map[string]bool{}}
	if err := p.errs.listen(ctx); err != nil {
		b.t.Fatalf("visitor: opening a browser context: %v", err)
	}
	return p
}

// readCatalogue: the visitor reads the catalogue and follows the link to home help's page.
func readCatalogue(v *person) {
	v.t.Helper()
	v.open("/tjenester")
	v.mainHas("Tjenester du kan søke om", "Hjemmehjelp", "Trygghetsalarm")
	v.checkPage("")
	v.clickText(`[data-testid="services"] a`, "Hjemmehjelp")
	if loc := v.location(); loc != "/tjenester/home-help" {
		v.t.Fatalf("the catalogue's link to home help led to %s", loc)
	}
	v.mainHas("Hjemmehjelp")
	v.checkPage("")
}

// referencePattern is the receipt's reference number: the office's prefix, the year, a number.
var referencePattern = regexp.MustCompile(`^TK-(\d{4})-\d{5}$`)

// applyForHomeHelpAndAlarm sends the citizen's application for two services with the PDF
// attached and returns the reference the receipt shows.
func applyForHomeHelpAndAlarm(c *person, pdf string, today time.Time) string {
	c.t.Helper()
	c.open("/citizen/apply")
	c.checkPage("")
	c.check(`input[name=services][value="home-help"]`)
	c.check(`input[name=services][value="safety-alarm"]`)
	c.fill("textarea[name=need]", "Jeg klarer ikke å vaske huset selv lenger, og jeg er redd for å falle om natta.")
	c.step("attaching the PDF", chromedp.SetUploadFiles(`input[name=files]`, []string{pdf}, chromedp.NodeVisible))
	c.clickText("main button[type=submit]", "Send søknaden")
	c.mainHas("Søknaden er mottatt", "Hjemmehjelp", "Trygghetsalarm")
	ref := c.text(`[data-testid="reference"]`)
	m := referencePattern.FindStringSubmatch(ref)
	if m == nil || m[1] != fmt.Sprint(today.Year()) {
		c.t.Fatalf("the receipt shows the reference %q, want TK-%d-NNNNN; main: %.800s", ref, today.Year(), c.text("main"))
	}
	c.checkPage("receipt")
	return ref
}

// openCase: the officer finds the application in the inbox and opens its case page, which has a
// decision form for each of the two services and the attachment.
func openCase(o *person, ref string) {
	o.t.Helper()
	o.open("/case-officer")
	o.mainHas(ref)
	o.checkPage("")
	o.clickText(`[data-testid="inbox"] a`, ref)
	if loc := o.location(); loc != "/case-officer/applications/"+ref {
		o.t.Fatalf("the inbox's link to %s led to %s", ref, loc)
	}
	o.mainHas("Jeg klarer ikke å vaske huset selv", "Vedlegg", "vedlegg.pdf")
	for _, code := range []string{"home-help", "safety-alarm"} {
		if !o.eval(fmt.Sprintf(`!!document.querySelector(%q)`, decideForm(ref, code))) {
			o.t.Fatalf("the case page has no decision form for %s; main: %.1500s", code, o.text("main"))
		}
	}
	o.checkPage("decision forms")
}

// decideForm is the selector of the case page's decision form for one service.
func decideForm(ref, code string) string {
	return fmt.Sprintf(`form[action="/case-officer/applications/%s/decide/%s"]`, ref, code)
}

// decideHomeHelp grants home help, 3 hours a week from a week on, reviewed in six months.
func decideHomeHelp(o *person, ref string, today time.Time) {
	o.t.Helper()
	f := decideForm(ref, "home-help")
	o.check(f + ` input[name=outcome][value="granted"]`)
	o.fill(f+" input[name=scope]", "3")
	o.set(f+" select[name=unit]", "hours-per-week")
	o.set(f+" input[name=start]", today.AddDate(0, 0, 7).Format(time.DateOnly))
	o.set(f+" input[name=review]", today.AddDate(0, 6, 0).Format(time.DateOnly))
	o.choose(f+" select[name=provider]", "Hjemmesykepleien")
	o.fill(f+" textarea[name=facts]", "Astrid klarer ikke tungt husarbeid etter hjerneslaget; sønnen handler for henne.")
	o.fill(f+" textarea[name=considerations]", "Hjelp i hjemmet lar henne bo hjemme trygt.")
	o.click(f + ` button[type="submit"]`)
	o.mainHas("Vedtaket er sendt og ligger i innbyggerens brev.")
}

// refuseAlarm refuses the safety alarm, with the rules the refusal rests on.
func refuseAlarm(o *person, ref string) {
	o.t.Helper()
	f := decideForm(ref, "safety-alarm")
	o.check(f + ` input[name=outcome][value="refused"]`)
	o.fill(f+" textarea[name=rules]", "Kommunens kriterier for trygghetsalarm: risiko for fall når ingen er til stede.")
	o.fill(f+" textarea[name=facts]", "Astrid har ikke falt, og hjemmehjelpen kommer flere ganger i uka.")
	o.fill(f+" textarea[name=considerations]", "Behovet er dekket av hjemmehjelpen inntil videre.")
	o.click(f + ` button[type="submit"]`)
	o.mainHas("Vedtaket er sendt og ligger i innbyggerens brev.")
	if o.eval(`!!document.querySelector('form[action*="/decide/"]')`) {
		o.t.Errorf("a decision form is still on the case page after both decisions")
	}
}

// readLetters: both decision letters are on the letters page, and each one's PDF holds the
// decision, its reasons and the notice of the right to appeal.
func readLetters(c *person) {
	c.t.Helper()
	c.open("/citizen/letters")
	c.mainHas("Vedtak om hjemmehjelp", "Vedtak om trygghetsalarm")
	c.checkPage("")
	checkLetterPDF(c, "Vedtak om hjemmehjelp", "Du får hjemmehjelp, 3 timer per uke", "Tjenesten gis av Hjemmesykepleien", "Begrunnelse", "Du kan klage", "Klagefristen er 4 uker")
	checkLetterPDF(c, "Vedtak om trygghetsalarm", "Du får ikke trygghetsalarm", "Begrunnelse", "Du kan klage", "Klagefristen er 3 uker")
}

// checkLetterPDF fetches the PDF of the newest letter whose heading contains subject with the
// browser's session, and checks its text holds every string and that it is tagged.
func checkLetterPDF(c *person, subject string, want ...string) {
	c.t.Helper()
	href := c.html(fmt.Sprintf(`(() => { const li = [...document.querySelectorAll('[data-testid="letters"] > li')].find(l => l.querySelector("h2")?.textContent.includes(%q));
		return li?.querySelector("a")?.getAttribute("href") ?? "" })()`, subject))
	if !regexp.MustCompile(`^/citizen/letters/[^/]+/pdf$`).MatchString(href) {
		c.t.Fatalf("the letter %q links to %q, want /citizen/letters/{id}/pdf", subject, href)
	}
	if !strings.Contains(c.text(`[data-testid="letters"]`), "Brevet som PDF") {
		c.t.Errorf("the letters page has no link named \"Brevet som PDF\"")
	}
	pdf := fetchBytes(c, href, "application/pdf")
	if !strings.HasPrefix(string(pdf), "%PDF-") {
		c.t.Fatalf("%s is not a PDF: %.40q", href, pdf)
	}
	text, info, ok := popplerRead(c.t, pdf)
	if !ok {
		return
	}
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range want {
		if !strings.Contains(flat, w) {
			c.t.Errorf("the PDF of %q does not hold %q; its text:\n%s", subject, w, text)
		}
	}
	if !regexp.MustCompile(`(?m)^Tagged:\s+yes$`).MatchString(info) {
		c.t.Errorf("the PDF of %q is not tagged; pdfinfo:\n%s", subject, info)
	}
}

// fetchResult is what the page's fetch gave.
type fetchResult struct {
	Status int    `json:"status"`
	Type   string `json:"type"`
	Data   string `json:"data"` // base64
}

// fetchBytes fetches path in the page, with the person's session, and returns the body; an
// answer other than 200 with the content type fails the test.
func fetchBytes(p *person, path, contentType string) []byte {
	p.t.Helper()
	js := fmt.Sprintf(`(async () => { const r = await fetch(%q, {credentials: "same-origin"}); const b = new Uint8Array(await r.arrayBuffer());
		let s = ""; for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode(...b.subarray(i, i + 8192));
		return {status: r.status, type: r.headers.get("Content-Type") ?? "", data: btoa(s)} })()`, path)
	ctx, cancel := context.WithTimeout(p.ctx, p.limit)
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.Evaluate[fetchResult](js, chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: fetching %s: %v", p.name, path, err)
	}
	if res.Status != 200 || res.Type != contentType {
		p.t.Fatalf("%s: %s answered %d %q, want 200 %q", p.name, path, res.Status, res.Type, contentType)
	}
	b, err := base64.StdEncoding.DecodeString(res.Data)
	if err != nil {
		p.t.Fatalf("%s: decoding %s: %v", p.name, path, err)
	}
	return b
}

// popplerRead is the text of a PDF (pdftotext) and what pdfinfo says of it. Without poppler
// the check is left out on a developer's machine (ok false) and fails in CI.
func popplerRead(t *testing.T, pdf []byte) (text, info string, ok bool) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s not installed (poppler-utils): %v", tool, err)
			}
			t.Logf("%s not installed (poppler-utils): the letters' PDFs are not read", tool)
			return "", "", false
		}
	}
	file := filepath.Join(t.TempDir(), "letter.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	inf, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, inf)
	}
	return string(out), string(inf), true
}

// decisionItem is the text of the citizen's decision about the service named name on the
// applications page, and marks its appeal link (if any) for a click.
func decisionItem(c *person, name string) string {
	c.t.Helper()
	return c.html(fmt.Sprintf(`(() => { const li = [...document.querySelectorAll('[data-testid="decisions"] li')].find(l => l.querySelector("strong")?.textContent.trim() === %q);
		if (!li) return ""; document.querySelectorAll("[data-e2e-click]").forEach(e => e.removeAttribute("data-e2e-click"));
		li.querySelector('a[href$="/appeal"]')?.setAttribute("data-e2e-click", ""); return li.innerText })()`, name))
}

// appealAlarm: the citizen's applications page shows both decisions; she appeals the refusal.
func appealAlarm(c *person) {
	c.t.Helper()
	c.open("/citizen/applications")
	if li := decisionItem(c, "Hjemmehjelp"); !strings.Contains(li, "innvilget") {
		c.t.Errorf("the citizen's home help decision reads %q, want granted", li)
	}
	if li := decisionItem(c, "Trygghetsalarm"); !strings.Contains(li, "avslått") || !strings.Contains(li, "Klag på vedtaket") {
		c.t.Fatalf("the citizen's alarm decision reads %q, want refused with a link to appeal", li)
	}
	c.checkPage("decisions")
	if href := c.html(`document.querySelector("[data-e2e-click]")?.getAttribute("href") ?? ""`); !regexp.MustCompile(`^/citizen/decisions/[^/]+/appeal$`).MatchString(href) {
		c.t.Fatalf("the appeal link goes to %q, want /citizen/decisions/{id}/appeal", href)
	}
	c.click("[data-e2e-click]")
	c.mainHas("Klag på vedtaket", "Vedtak om Trygghetsalarm")
	c.checkPage("")
	c.fill("textarea[name=text]", "Jeg har falt to ganger i år uten at noen visste det. Jeg trenger alarmen.")
	c.clickText("main button[type=submit]", "Send klagen")
	c.mainHas("Klagen er sendt til tildelingskontoret.")
	if li := decisionItem(c, "Trygghetsalarm"); !strings.Contains(li, "Tildelingskontoret vurderer klagen.") {
		c.t.Errorf("after the appeal the alarm decision reads %q", li)
	}
	c.checkPage("appealed")
}

// reassessAndRecordOutcome: the officer reads the appeal on the case page, upholds the decision
// (the appeal goes to the appeal body) and records that the appeal body upheld it.
func reassessAndRecordOutcome(o *person, ref string, today time.Time) {
	o.t.Helper()
	o.open("/case-officer/applications/" + ref)
	o.mainHas("Klage på vedtaket om Trygghetsalarm", "Jeg har falt to ganger i år", "til vurdering hos tildelingskontoret")
	o.checkPage("appeal")
	f := `[data-testid="appeal"] form[action$="/reassess"]`
	if action := o.html(fmt.Sprintf(`document.querySelector(%q)?.getAttribute("action") ?? ""`, f)); !regexp.MustCompile(`^/case-officer/appeals/[^/]+/reassess$`).MatchString(action) {
		o.t.Fatalf("the reassessment form posts to %q", action)
	}
	o.check(f + ` input[name=choice][value="uphold"]`)
	o.fill(f+" textarea[name=assessment]", "Klagen gir ingen nye opplysninger som endrer vurderingen; vedtaket opprettholdes.")
	o.click(f + ` button[type="submit"]`)
	o.mainHas("Klagen er vurdert.", "sendt til klageinstansen", "Tildelingskontorets vurdering")
	o.checkPage("forwarded")

	g := `[data-testid="appeal"] form[action$="/outcome"]`
	if action := o.html(fmt.Sprintf(`document.querySelector(%q)?.getAttribute("action") ?? ""`, g)); !regexp.MustCompile(`^/case-officer/appeals/[^/]+/outcome$`).MatchString(action) {
		o.t.Fatalf("the outcome form posts to %q", action)
	}
	o.check(g + ` input[name=status][value="upheld"]`)
	o.fill(g+" textarea[name=outcome]", "Statsforvalteren stadfester kommunens vedtak.")
	o.set(g+" input[name=date]", today.Format(time.DateOnly))
	o.click(g + ` button[type="submit"]`)
	o.mainHas("Klageinstansens avgjørelse er registrert.", "klageinstansen stadfestet vedtaket", "Statsforvalteren stadfester")
	o.checkPage("upheld")
}

// tinyPDF writes a minimal valid one-page PDF (with a correct cross-reference table) to a
// temporary file and returns its path.
func tinyPDF(t *testing.T) string {
	t.Helper()
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	path := filepath.Join(t.TempDir(), "vedlegg.pdf")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// osloZone is the municipality's time zone, in which the pages' dates are; the machine's own
// when the zone database is missing.
func osloZone() *time.Location {
	if loc, err := time.LoadLocation("Europe/Oslo"); err == nil {
		return loc
	}
	return time.Local
}
