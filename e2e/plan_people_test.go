package e2e

import (
	"strings"
	"testing"
	"time"
)

// The plan as people work in it (issue 20), in headless Chromium against the real binary with
// the demo loaded, each person in a browser context of their own, axe-core on each page at 360
// and 1280 px and no console error on any of them.

func peopleOnTheDemo(t *testing.T) (*server, func(username string) *person) {
	t.Helper()
	axe := axeSource(t)
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
	return s, func(username string) *person {
		p := b.signIn(s.URL, username, demoPassword, axe)
		people = append(people, p)
		return p
	}
}

// TestWhatTheCitizenWritesInChromium (point 1): Astrid comments on her plan and proposes new
// words for a goal; the coordinator's workspace flags her row, the plan shows both with her name
// and today's date, and taking the proposal in as the goal's new words leaves as many goals as
// before, the old words gone.
func TestWhatTheCitizenWritesInChromium(t *testing.T) {
	_, signIn := peopleOnTheDemo(t)
	today := time.Now().Format("02.01.2006")
	astrid := signIn("innbygger")
	astrid.open("/citizen/plan")
	astrid.checkPage("")
	astrid.fill(`form[action$="/plan/comment"] textarea[name=text]`, "Jeg trener best om morgenen")
	astrid.clickText(`form[action$="/plan/comment"] button`, "Send kommentar")
	astrid.fill(`form[action$="/plan/proposal"] textarea[name=text]`, "Jeg vil gå til butikken og kafeen alene")
	astrid.clickText(`form[action$="/plan/proposal"] button`, "Send forslaget")
	astrid.mainHas("Jeg vil gå til butikken og kafeen alene")

	coord := signIn("koordinator")
	coord.checkPage("")
	if !coord.eval(`!!document.querySelector('[data-testid="news-Astrid Lyngmo"]')`) {
		t.Errorf("the workspace does not flag what Astrid wrote; main: %.800s", coord.text("main"))
	}
	coord.clickText(`main tr:has([data-testid="news-Astrid Lyngmo"]) a`, "Åpne planen")
	coord.checkPage("")
	coord.mainHas("Nytt i planen", "Astrid Lyngmo, "+today, "«Jeg trener best om morgenen»", "«Jeg vil gå til butikken og kafeen alene» – Astrid Lyngmo, "+today)
	goals := func() int { return int(coord.number(`document.querySelectorAll("#goals .goal-text").length`)) }
	before := goals()
	coord.choose(`#goals select[name=replaces]`, "Jeg vil gå tur til butikken alene")
	coord.clickText(`#goals .proposal-form button`, "Ta inn i planen")
	coord.mainHas("«Jeg vil gå til butikken og kafeen alene»")
	if after := goals(); after != before {
		t.Errorf("taking the proposal in as new words: %d goals, want %d as before", after, before)
	}
	if strings.Contains(coord.text("#goals"), "«Jeg vil gå tur til butikken alene»") {
		t.Error("the goal's old words are still on the plan")
	}
}

// TestGuardianConsentInChromium (point 2): Marte opens Emma's plan from her start page, then
// its consent page, which names Emma; she gives a consent for Emma and withdraws it; Emma's
// consents change and Marte's own do not.
func TestGuardianConsentInChromium(t *testing.T) {
	_, signIn := peopleOnTheDemo(t)
	marte := signIn("forelder")
	count := func(path string) int {
		t.Helper()
		marte.open(path)
		return int(marte.number(`document.querySelectorAll('[data-testid^="consent-"]').length`))
	}
	own := count("/citizen/consent")
	marte.open("/citizen")
	marte.clickText("main a", "plan")
	marte.clickText("main a", "Se og endre samtykke")
	marte.checkPage("")
	marte.mainHas("Samtykke for Emma Rustad", "Du handler som foresatt for Emma Rustad")
	emma := int(marte.number(`document.querySelectorAll('[data-testid^="consent-"]').length`))
	marte.checkLabel("main", "individuell plan for Emma Rustad")
	marte.clickText("main button[type=submit]", "Gi samtykke")
	marte.mainHas("Samtykket er lagret")
	if n := int(marte.number(`document.querySelectorAll('[data-testid^="consent-"]').length`)); n != emma+1 {
		t.Fatalf("Emma's consents after giving one: %d, want %d", n, emma+1)
	}
	marte.clickText("main a", "Trekk samtykket")
	marte.checkPage("")
	marte.mainHas("Emma Rustad")
	marte.clickText("main button[type=submit]", "Ja, trekk samtykket")
	marte.mainHas("Samtykket er trukket", "planen til Emma Rustad")
	if got := count("/citizen/consent"); got != own {
		t.Errorf("Marte's own consents: %d, want %d as before", got, own)
	}
}

// TestWorkspaceLateFirstInChromium (point 4): on the coordinator's workspace every row with
// something late comes before the rows without, and says what is late and by how many days.
func TestWorkspaceLateFirstInChromium(t *testing.T) {
	_, signIn := peopleOnTheDemo(t)
	coord := signIn("koordinator")
	order := coord.text(`main table`)
	if coord.number(`document.querySelectorAll('main table tbody tr:has([data-testid="overdue"])').length`) == 0 {
		t.Fatalf("the demo's workspace has no late row to order; table:\n%s", order)
	}
	firstOnTime := coord.number(`[...document.querySelectorAll('main table tbody tr')].findIndex(r => !r.querySelector('[data-testid="overdue"]'))`)
	lastLate := coord.number(`(() => { const rows = [...document.querySelectorAll('main table tbody tr')]; let i = -1; rows.forEach((r, j) => { if (r.querySelector('[data-testid="overdue"]')) i = j; }); return i; })()`)
	if firstOnTime >= 0 && lastLate > firstOnTime {
		t.Errorf("a late row (%v) comes after a row on time (%v):\n%s", lastLate, firstOnTime, order)
	}
	coord.mainHas("over fristen")
}
