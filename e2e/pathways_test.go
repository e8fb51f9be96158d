package e2e

import (
	"strings"
	"testing"
	"time"
)

// TestPathwaysPages (issue 15): the demo's care pathways in a real browser, each page checked by
// axe-core at 360 and 1280 px: Frida's coordinator finds her assessment due soon in his
// workspace's list, opens her pathway on her case page and sees each milestone's state in
// words; the unit lead sees the unit's pathways due soon or late on /unit.
func TestPathwaysPages(t *testing.T) {
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
		{"koordinator", "/coordinator", []string{"Forløp som nærmer seg frist eller er forsinket", "Frida", "Utredning avsluttet", "Frist nærmer seg"}},
		{"koordinator", "/coordinator/citizens/p-frida", []string{"Forløp", "Psykiske lidelser – barn og unge", "Utredning avsluttet",
			"Frist nærmer seg", "Utført", "Registrer en milepæl", "Forleng en frist", "Start et forløp"}},
		{"enhetsleder", "/unit", []string{"Forløp som nærmer seg frist eller er forsinket", "Frida", "Ivar", "Frist nærmer seg"}},
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
