package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestCancerContact (issue 15 point 3): a visitor sends the cancer coordinator's form without
// signing in and gets a receipt with a reference and the date they will be called by; the demo
// coordinator finds the request on the contact list from the start page and marks it answered,
// and it leaves the list. axe-core checks each page at 360 and 1280 px.
func TestCancerContact(t *testing.T) {
	axe := axeSource(t)
	chromiumPath(t)
	s := startDemoServer(t, t.TempDir())
	b := newBrowsers(t, 3*time.Minute)
	visitor := b.anonymous(s.URL, axe)
	visitor.open("/kreftkoordinator")
	visitor.mainHas("Kontakt kreftkoordinatoren", "Vi ringer deg innen")
	visitor.checkPage("/kreftkoordinator")
	visitor.fill("input[name=name]", "Åse Prøve")
	visitor.fill("input[name=phone]", "400 00 000")
	visitor.check(`input[name=who][value=ill]`)
	visitor.fill("textarea[name=about]", "Trøtt etter behandlingen")
	visitor.check(`input[name=consent]`)
	visitor.click(`form.app-form button[type="submit"]`)
	visitor.mainHas("Vi har fått beskjeden din", "KK-", "Kreftkoordinatoren ringer deg innen")
	visitor.checkPage("receipt")

	k := b.signIn(s.URL, "koordinator", demoPassword, axe)
	k.click(`main a[href="/coordinator/contacts"]`)
	k.mainHas("Kontaktforespørsler", "Åse Prøve", "400 00 000")
	k.checkPage("/coordinator/contacts")
	k.markText("section[data-testid=contact]", "Åse Prøve")
	k.check(`[data-e2e-click] input[name=how][value=phone]`)
	k.fill(`[data-e2e-click] textarea[name=note]`, "Ringte og avtalte en samtale")
	k.click(`[data-e2e-click] button[type="submit"]`)
	k.mainHas("Forespørselen er merket som besvart.")
	for _, p := range []*person{visitor, k} {
		if e := p.consoleProblems(); len(e) > 0 {
			t.Errorf("%s: the pages reported %d errors:\n%s", p.name, len(e), strings.Join(e, "\n"))
		}
	}
}
