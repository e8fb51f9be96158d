package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestUnitAppoint: the citizen's own proposal comes first and is chosen, each candidate shows
// unit, kinds and caseload; a choice against the proposal without reasons is refused with what
// was typed kept and the draft restored; after appointing, the coordinator's workspace lists
// the citizen at once. Outside the unit, or for a citizen outside reach, the page is missing.
func TestUnitAppoint(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withUnitStaff(st)
		tw.withPlan() // Kari coordinates Siri: a caseload of 1
		tw.assessTor(tw.torInquiry())
		page := "/unit/appoint?for=Patient/p2"
		lea := tw.signIn("lea")
		got := lea.get(page)
		checkPage(t, got, http.StatusOK, "Oppnevn koordinator for Tor Prøvesen", `data-testid="proposal">«Berit Barnevik»`,
			`value="Practitioner/b1" checked`, `data-testid="proposed"`, "barnekoordinator", "Koordinerende enhet",
			`<span data-testid="caseload">1</span>`, `<span data-testid="caseload">0</span>`, `hx-post="/drafts"`)
		if strings.Contains(got.body, "child coordinator") {
			t.Error("the bokmål page has the English kind")
		}
		if b, k := strings.Index(got.body, "Berit Barnevik</strong>"), strings.Index(got.body, "Kari Koordinator</strong>"); b < 0 || k < 0 || b > k {
			t.Errorf("the citizen's proposal is not the first candidate (Berit at %d, Kari at %d)", b, k)
		}
		missing(tw.signIn("ulf"), page)
		missing(tw.signIn("kari"), page)
		missing(lea, "/unit/appoint?for=Patient/nobody")
		if got := tw.signIn("ulf").post(page, url.Values{"coordinator": {"Practitioner/k1"}, "reasons": {"x"}}); got.status != http.StatusNotFound {
			t.Errorf("a unit lead of another unit appointing: %d, want 404", got.status)
		}

		// refused: Kari chosen against the proposal without reasons, and nobody chosen
		got = lea.post(page, url.Values{"coordinator": {"Practitioner/k1"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Oppnevn koordinator", `class="ds-error-summary"`,
			"Innbyggeren ønsket «Berit Barnevik». Skriv hvorfor du velger en annen.", `value="Practitioner/k1" checked`)
		checkPage(t, lea.get(page), http.StatusOK, "Oppnevn koordinator", "Vi har tatt vare på det du skrev sist", `value="Practitioner/k1" checked`)
		// in English: the page, and the message with the proposal in it
		en := tw.leaInEnglish()
		got = en.post(page, url.Values{"coordinator": {"Practitioner/k1"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Appoint a coordinator for Tor Prøvesen", "child coordinator",
			"The citizen wanted “Berit Barnevik”. Write why you choose someone else.", "proposed by the citizen")
		if strings.Contains(got.body, "Innbyggeren ønsket") || strings.Contains(got.body, "barnekoordinator") {
			t.Error("the English page has bokmål")
		}
		got = lea.post(page, url.Values{"reasons": {"Kari kjenner familien"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Oppnevn koordinator", "Velg en koordinator.", "Kari kjenner familien</textarea>")

		got = lea.post(page, url.Values{"coordinator": {"Practitioner/k1"}, "reasons": {"Kari kjenner familien fra før."}})
		checkPage(t, got, http.StatusOK, "Koordinator er oppnevnt", `data-testid="appointed">Kari Koordinator`)
		ws, err := tw.co.CoordinatorWorkspace(tw.as("kari"))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, c := range ws.Citizens {
			found = found || c.Patient == "Patient/p2"
		}
		if !found {
			t.Fatalf("Kari's workspace after the appointment lacks Tor: %+v", ws.Citizens)
		}
		checkPage(t, tw.signIn("kari").get("/coordinator"), http.StatusOK, "Arbeidsflate", "Tor Prøvesen", `href="/coordinator/citizens/p2"`)
		if again := lea.get(page); strings.Contains(again.body, "Vi har tatt vare på") {
			t.Error("the draft is still restored after the appointment")
		}
	})
}
