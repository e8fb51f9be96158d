package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestMeasureShowsItsDecision (issue 13, point 4): a granted service is linked to a measure of
// the citizen's plan; the plan shows the decision beside the measure, to the coordinator and to
// the citizen; a measure cannot be linked to a decision about someone else.
func TestMeasureShowsItsDecision(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		siri := tw.signIn("siri")
		fields := url.Values{"subject": {"Patient/p1"}, "need": {"Jeg trenger fysioterapi hjemme."}, "services": {"home-nursing"}}
		checkPage(t, siri.sendMultipart("/citizen/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001")
		sara := tw.caseOfficer()
		sara.mustPost("/case-officer/applications/TK-2026-00001/decide/home-nursing", url.Values{"_form": {"case-officer-decision/TK-2026-00001/home-nursing"},
			"outcome": {"granted"}, "scope": {"2"}, "unit": {"visits-per-week"}, "start": {"2026-03-02"}, "review": {"2026-09-01"},
			"provider": {"Organization/physio"}, "facts": {"Etter operasjonen."}, "considerations": {"Behovet er tidsavgrenset."}},
			"/case-officer/applications/TK-2026-00001?decided=1")
		decisions, err := tw.co.DecisionsOf(tw.as("siri"), "p1")
		if err != nil || len(decisions) != 1 {
			t.Fatalf("%d decisions: %v", len(decisions), err)
		}
		ref := "ServiceRequest/" + decisions[0].ID

		ip := "/coordinator/plans/" + planID
		checkPage(t, kari.get(ip+"?open=measure"), http.StatusOK, "Individuell plan for Siri Testmo", "Vedtaket som gir tjenesten",
			"Hjemmesykepleie, vedtak TK-2026-00001 fra 02.03.2026")
		got := kari.post(ip+"/measure", url.Values{"title": {"Fysioterapi hjemme"}, "provider": {"Organization/physio"}, "scope": {"2 besøk per uke"},
			"decision": {"ServiceRequest/not-a-decision"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Individuell plan for Siri Testmo", "Tiltaket kan bare kobles til et vedtak om den samme personen.")
		kari.mustPost(ip+"/measure", url.Values{"title": {"Fysioterapi hjemme"}, "provider": {"Organization/physio"}, "scope": {"2 besøk per uke"},
			"decision": {ref}}, ip+"?saved=measures")
		checkPage(t, kari.get(ip), http.StatusOK, "Individuell plan for Siri Testmo", "Vedtak: Hjemmesykepleie, vedtak TK-2026-00001 fra 02.03.2026")
		checkPage(t, siri.get("/citizen/plan"), http.StatusOK, "Min plan", "Vedtak: Hjemmesykepleie, vedtak TK-2026-00001 fra 02.03.2026")
	})
}

// TestDecisionsForTheCoordinatorAndTheProvider (issue 13, point 3): the coordinator sees the
// decisions about their citizen on the citizen's page; the provider whose unit gives the service
// sees it among the decisions it carries out; a provider of another unit does not.
func TestDecisionsForTheCoordinatorAndTheProvider(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		_, kari := tw.withConsentedPlan(st)
		siri := tw.signIn("siri")
		fields := url.Values{"subject": {"Patient/p1"}, "need": {"Trenger hjelp hjemme."}, "services": {"home-nursing"}}
		checkPage(t, siri.sendMultipart("/citizen/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001")
		tw.caseOfficer().mustPost("/case-officer/applications/TK-2026-00001/decide/home-nursing", url.Values{"_form": {"case-officer-decision/TK-2026-00001/home-nursing"},
			"outcome": {"granted"}, "scope": {"2"}, "unit": {"visits-per-week"}, "start": {"2026-03-02"}, "review": {"2026-09-01"},
			"provider": {"Organization/physio"}, "facts": {"Etter operasjonen."}, "considerations": {"Tidsavgrenset."}},
			"/case-officer/applications/TK-2026-00001?decided=1")
		checkPage(t, kari.get("/coordinator/citizens/p1"), http.StatusOK, "Siri Testmo", "Vedtak fra tildelingskontoret", "Hjemmesykepleie</strong>: innvilget")
		accounts, err := store.AccountsOf(tw.st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "hilde", Name: "Hilde Annen", Roles: []access.Role{access.ServiceProvider}, PractitionerID: "f1", Units: []string{"homecare-x"}})
		checkPage(t, tw.signIn("frode").get("/provider"), http.StatusOK, "Planer med våre tiltak", "Vedtak vi utfører", "Siri Testmo</strong>: Hjemmesykepleie, 2 besøk per uke")
		if page := tw.signIn("hilde").get("/provider"); strings.Contains(page.body, "Vedtak vi utfører") {
			t.Error("a provider of another unit sees the decision")
		}
	})
}
