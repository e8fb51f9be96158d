package web_test

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestCitizenLetters (issue 12, the allocation issue's /citizen/letters): the assessment's
// letter, stored when the unit lead assessed the inquiry, is on the citizen's letters page; a
// relative who reaches the citizen does not read their letters, nor does another citizen.
func TestCitizenLetters(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withPlan() // the inquiry is assessed: the letter is sent
		siri := tw.signIn("siri")
		got := siri.get("/citizen/letters")
		checkPage(t, got, http.StatusOK, "Brev", `data-testid="letters"`, "Sendt 02.03.2026")
		if !strings.Contains(got.body, "individuell plan") && !strings.Contains(got.body, "koordinator") {
			t.Errorf("the letter's text is not on the page:\n%s", got.body)
		}
		if got := tw.signIn("tor").get("/citizen/letters?for=Patient/p1"); got.status != http.StatusNotFound {
			t.Errorf("another citizen reads Siri's letters: %d", got.status)
		}
		if got := tw.signIn("tor").get("/citizen/letters"); strings.Contains(got.body, `data-testid="letters"`) {
			t.Error("Tor, who has had no letter, sees letters")
		}
		if got := tw.signIn("per").get("/citizen/letters?for=Patient/p1"); got.status != http.StatusNotFound {
			t.Errorf("a relative reads the citizen's letters: %d", got.status)
		}
		checkPage(t, tw.signIn("gro").get("/citizen/letters?for=Patient/c1"), http.StatusOK, "Brev", "Ingen brev ennå")
	})
}
