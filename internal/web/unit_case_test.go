package web_test

import (
	"net/http"
	"regexp"
	"testing"

	"veiviser/internal/intake"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestUnitLeadCaseList (issue 20, point 4): on the unit lead's case list every name is a link to
// its case, and the case page says where the case stands and who coordinates; a coordinator
// and a citizen get the missing page.
func TestUnitLeadCaseList(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		if _, err := tw.co.SubmitInquiry(tw.as("tor"), intake.InquiryInput{Subject: "p2", Need: "Hjelp hjemme"}); err != nil {
			t.Fatal(err)
		}
		tw.withPlan()
		lea := tw.signIn("lea")
		home := lea.get("/unit")
		checkPage(t, home, http.StatusOK, "Enhetens saker", `<a class="ds-link" href="/unit/cases/p1">Siri Testmo</a>`,
			`<a class="ds-link" href="/unit/cases/p2">Tor Prøvesen</a>`)
		names := regexp.MustCompile(`<li[^>]*>([^<]+)`).FindAllStringSubmatch(home.body, -1)
		for _, n := range names {
			if n[1] == "Siri Testmo" || n[1] == "Tor Prøvesen" {
				t.Errorf("a name on the case list is not a link: %q", n[0])
			}
		}
		checkPage(t, lea.get("/unit/cases/p1"), http.StatusOK, "Siri Testmo", `data-testid="stage"`, "Kari Koordinator", "Til enhetens saker")
		checkPage(t, lea.get("/unit/cases/p2"), http.StatusOK, "Tor Prøvesen", "Henvendelse mottatt", "Ikke oppnevnt")
		checkPage(t, lea.get("/unit/cases/nosuch"), http.StatusNotFound, "Fant ikke siden")
		checkPage(t, tw.signIn("kari").get("/unit/cases/p1"), http.StatusNotFound, "Fant ikke siden")
		checkPage(t, tw.signIn("siri").get("/unit/cases/p1"), http.StatusNotFound, "Fant ikke siden")
	})
}
