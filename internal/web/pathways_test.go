package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestPathwayFormsAndLists: Kari starts the mental-health pathway for Siri on her case page,
// each form's mistakes stand at the field with what was typed, a milestone recorded and an
// extension with its reason show in the schedule in words, and once the assessment's 6 weeks
// have passed the milestone is late in Kari's and Lea's lists, linked to the citizen.
func TestPathwayFormsAndLists(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withPlan()
		kari := tw.signIn("kari")
		today := tw.clock.Now().Format("2006-01-02")
		checkPage(t, kari.get("/coordinator/citizens/p1"), http.StatusOK, "Siri Testmo",
			`id="forlop"`, "Ingen forløp registrert.", "Start et forløp", `value="mental-health-children"`, `value="`+today+`"`)

		got := kari.post("/coordinator/citizens/p1/pathways", url.Values{"_form": {"case/p1/pathway"}, "start": {today}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Siri Testmo", "Velg et forløp.", `value="`+today+`"`)
		kari.mustPost("/coordinator/citizens/p1/pathways", url.Values{"_form": {"case/p1/pathway"}, "pathway": {"mental-health-children"}, "start": {today}},
			"/coordinator/citizens/p1?saved=pathway#forlop")
		page := kari.get("/coordinator/citizens/p1")
		checkPage(t, page, http.StatusOK, "Siri Testmo", "Psykiske lidelser – barn og unge", "Utredning avsluttet", "Ikke ennå", "Utført", "Registrer en milepæl")
		m := regexp.MustCompile(`action="(/coordinator/citizens/p1/pathways/[^/"]+)/milestone"`).FindStringSubmatch(page.body)
		if m == nil {
			t.Fatalf("no milestone form:\n%s", page.body)
		}
		base := m[1]
		id := strings.TrimPrefix(base, "/coordinator/citizens/p1/pathways/")

		// a milestone before the start: the rule's refusal stands at the field, what was typed kept
		got = kari.post(base+"/milestone", url.Values{"_form": {"pathway/" + id + "/milestone"}, "milestone": {"feedback"}, "date": {"2020-01-01"}, "outcome": {"Brev til fastlegen"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Siri Testmo", "før milepælen den regnes fra", `value="Brev til fastlegen"`)
		kari.mustPost(base+"/milestone", url.Values{"_form": {"pathway/" + id + "/milestone"}, "milestone": {"feedback"}, "date": {today}, "outcome": {"Brev til fastlegen"}},
			"/coordinator/citizens/p1?saved=pathway#forlop")

		got = kari.post(base+"/extension", url.Values{"_form": {"pathway/" + id + "/extension"}, "milestone": {"assessment"}, "date": {today}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Siri Testmo", "Skriv hvorfor fristen forlenges.")
		checkPage(t, kari.get("/coordinator/citizens/p1"), http.StatusOK, "Siri Testmo", "Brev til fastlegen")

		lea := tw.signIn("lea")
		checkPage(t, lea.get("/unit"), http.StatusOK, "Enhetens saker", "Forløp som nærmer seg frist eller er forsinket", "Ingen milepæler nærmer seg fristen.")
		tw.clock.Advance(7 * 7 * 24 * time.Hour)        // 7 weeks: the assessment's 6 have passed
		kari, lea = tw.signIn("kari"), tw.signIn("lea") // the sessions have run out meanwhile
		for _, c := range []struct {
			b    *browser
			path string
			h1   string
			link string
		}{
			{kari, "/coordinator", "Arbeidsflate", `href="/coordinator/citizens/p1#forlop"`},
			{lea, "/unit", "Enhetens saker", `href="/unit/cases/p1#forlop"`},
		} {
			checkPage(t, c.b.get(c.path), http.StatusOK, c.h1, "Forløp som nærmer seg frist eller er forsinket", c.link, "Siri Testmo",
				"Utredning avsluttet", "Forsinket", "7 dager over fristen")
		}
		checkPage(t, kari.speaking("en").get("/coordinator"), http.StatusOK, "Workspace", "Pathways due soon or late", "Assessment completed", "Late")
	})
}
