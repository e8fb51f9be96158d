package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// emptyBits are what a template prints when it formats a value that is not there: empty
// brackets, a colon that starts an element, a "til" (until) with no date after it.
var emptyBits = regexp.MustCompile(`\(\s*\)|<(?:dd|td|li|p|span)[^>]*>\s*:\s|\btil\s+<`)

// TestNoEmptyBrackets: a goal without a due date shows no "()" on the citizen's plan, and no
// page of the citizen's shows a value's frame without the value.
func TestNoEmptyBrackets(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		kari.mustPost(ip+"/goal", url.Values{"text": {"Gå tur alene"}, "target": {"Vurderes ved evaluering"}}, ip+"?saved=goals")
		siri := tw.signIn("siri")
		for _, path := range []string{"/citizen", "/citizen/plan", "/citizen/coordinator", "/citizen/consent", "/citizen/access-log"} {
			got := siri.get(path)
			if got.status != http.StatusOK {
				t.Fatalf("%s: %d", path, got.status)
			}
			if m := emptyBits.FindString(got.body); m != "" {
				i := emptyBits.FindStringIndex(got.body)
				t.Errorf("%s shows %q, a value's frame without the value: …%s…", path, m, got.body[max(0, i[0]-150):min(len(got.body), i[1]+40)])
			}
		}
	})
}

// TestCitizenPlanNamesTheRoles (issue 20): the participants on the citizen's plan are listed
// with their roles, and a consent's share is said in words, not as a count of parts.
func TestCitizenPlanNamesTheRoles(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		kari.mustPost(ip+"/participant", url.Values{"who": {"Practitioner/f1"}, "role": {"provider"}, "organization": {"Organization/physio"}}, ip)
		siri := tw.signIn("siri")
		checkPage(t, siri.get("/citizen/plan"), http.StatusOK, "Siris plan", "Frode Fysio – Tjenesteyter")
		got := siri.post("/citizen/consent", url.Values{"makeplan": {"yes"}, "see-Practitioner/f1": {"measures"}})
		if got.status != http.StatusSeeOther {
			t.Fatalf("consent: %d\n%s", got.status, got.body)
		}
		page := siri.get("/citizen/consent")
		checkPage(t, page, http.StatusOK, "Samtykke", "Frode Fysio får se målene og tiltakene")
		if regexp.MustCompile(`får se \d+ av planens deler`).MatchString(page.body) {
			t.Error("the consent page counts the plan's parts")
		}
	})
}
