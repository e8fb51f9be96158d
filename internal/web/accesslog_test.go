package web_test

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/coordination"
	"veiviser/internal/intake"
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
		tor, err := tw.co.SubmitInquiry(tw.as("tor"), intake.InquiryInput{Subject: "p2", Need: "Hjelp hjemme"})
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

// TestCitizenAccessLogIsPaged (issue 10, item 5): the access-log page shows at most one page of
// entries, newest first, with links to the older and newer ones; a page number out of range is
// the first page.
func TestCitizenAccessLogIsPaged(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withPlan()
		lea := tw.signIn("lea")
		siri := tw.signIn("siri")
		rows := func(page string) int { return strings.Count(page, "<tr") - 1 } // less the header row
		before := rows(siri.get("/citizen/access-log?side=0").body)
		const reads = coordination.AccessLogPageSize + 10
		for range reads {
			if got := lea.get("/fhir/R4/Patient/p1"); got.status != http.StatusOK {
				t.Fatalf("the unit lead's read: %d", got.status)
			}
		}
		first := siri.get("/citizen/access-log")
		if n := rows(first.body); n != coordination.AccessLogPageSize {
			t.Errorf("the first page has %d rows, want %d", n, coordination.AccessLogPageSize)
		}
		if !strings.Contains(first.body, `href="/citizen/access-log?side=1"`) || strings.Contains(first.body, `rel="prev"`) {
			t.Error("the first page does not link to the older entries alone")
		}
		second := siri.get("/citizen/access-log?side=1")
		if n, want := rows(second.body), reads+before-coordination.AccessLogPageSize+2; n < reads-coordination.AccessLogPageSize || n > want {
			t.Errorf("the second page has %d rows", n)
		}
		if !strings.Contains(second.body, `href="/citizen/access-log?side=0"`) {
			t.Error("the second page does not link back to the newer entries")
		}
		for _, side := range []string{"-1", "99999999999", "x"} {
			if got := siri.get("/citizen/access-log?side=" + side); rows(got.body) != coordination.AccessLogPageSize {
				t.Errorf("?side=%s is not the first page", side)
			}
		}
	})
}
