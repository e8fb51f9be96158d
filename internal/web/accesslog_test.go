package web_test

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/coordination"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestCitizenAccessLogNamesNoOtherCitizen (issue 10): Siri's page "who has seen my data" shows
// the accesses to her data and nothing about anyone else, on both stores: the unit lead's search
// that returned Siri and Tor is one row for Siri naming only her record, and Siri's own refused
// attempt to open Tor's inquiry neither shows on her page nor tells her whose it was.
func TestCitizenAccessLogNamesNoOtherCitizen(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withPlan()
		tor, err := tw.co.SubmitInquiry(tw.as("tor"), coordination.InquiryInput{Subject: "p2", Need: "Hjelp hjemme"})
		if err != nil {
			t.Fatal(err)
		}
		lea := tw.signIn("lea")
		found := lea.get("/fhir/R4/Patient?_count=100")
		if found.status != http.StatusOK || !strings.Contains(found.body, `"id":"p1"`) || !strings.Contains(found.body, `"id":"p2"`) {
			t.Fatalf("the unit lead's search: %d %s", found.status, found.body)
		}
		siri := tw.signIn("siri")
		if got := siri.get("/fhir/R4/ServiceRequest/" + tor.Inquiry.ID); got.status != http.StatusNotFound {
			t.Fatalf("Siri's read of Tor's inquiry: %d", got.status)
		}
		page := siri.get("/citizen/access-log")
		checkPage(t, page, http.StatusOK, "Hvem har sett mine opplysninger", "Lea Leder", "søkte")
		for _, other := range []string{"Tor", "Prøvesen", "p2", tor.Inquiry.ID} {
			if strings.Contains(page.body, other) {
				t.Errorf("Siri's access log names %q", other)
			}
		}
		if strings.Contains(page.body, "avvist") {
			t.Error("Siri's own refused attempt on another's record is on her page")
		}
		// the search is one row naming her record once, not the other citizen's as well
		if n := strings.Count(page.body, "søkte"); n != 1 {
			t.Errorf("the unit lead's search shows as %d rows, want 1", n)
		}
		if strings.Contains(page.body, "personopplysninger, personopplysninger") {
			t.Error("the search row names more than Siri's own record")
		}
	})
}
