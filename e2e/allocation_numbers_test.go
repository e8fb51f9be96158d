package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestOfficeNumbersPages (issue 14): the pages of the office's numbers, as the demo's people
// open them in a real browser, each checked by axe-core at 360 and 1280 px: the citizen's fees
// and income, the office's monthly fee list and waiting list, the lead's fee amounts and
// statistics (the SVG charts with their tables), and a relative's letters with a rota.
func TestOfficeNumbersPages(t *testing.T) {
	axe := axeSource(t)
	chromiumPath(t)
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
	pages := []struct {
		user  string
		path  string
		shows []string
	}{
		{"innbygger", "/citizen/income", []string{"Inntekt og egenandel", "Det du betaler i", "Inntekt du har sendt"}},
		{"saksbehandler", "/case-officer/fees", []string{"Egenandeler for", "Eldar", "Trygghetsalarm", "Hjemmehjelp"}},
		{"saksbehandler", "/case-officer/waiting-list", []string{"Antall som venter"}},
		{"enhetsleder", "/unit/fees", []string{"Satsene for"}},
		{"enhetsleder", "/unit/statistics", []string{"Statistikk for tildelingskontoret"}},
		{"parorende", "/relative/letters", []string{"Omsorgsstønad"}},
	}
	signedIn := map[string]*person{}
	for _, pg := range pages {
		p, ok := signedIn[pg.user]
		if !ok {
			p = b.signIn(s.URL, pg.user, demoPassword, axe)
			people = append(people, p)
			signedIn[pg.user] = p
		}
		p.open(pg.path)
		p.mainHas(pg.shows...)
		p.checkPage(pg.path)
	}
}
