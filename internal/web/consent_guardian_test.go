package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/consent"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestGuardianConsentsForTheChild (issue 20): a guardian opens the consent page for the child,
// which names the child; gives and withdraws the child's consent; the child's consent changes and
// the guardian's own does not. Nobody else reaches the child's consent page.
func TestGuardianConsentsForTheChild(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		gro := tw.signIn("gro")
		page := "/citizen/consent?for=" + url.QueryEscape("Patient/c1")
		checkPage(t, gro.get(page), http.StatusOK, "Samtykke for Ola Eksempel", `data-testid="acting-for"`,
			"individuell plan for Ola Eksempel", `action="/citizen/consent?for=Patient%2Fc1"`)
		got := gro.post(page, url.Values{"makeplan": {"yes"}})
		if got.status != http.StatusSeeOther || !strings.Contains(got.header.Get("Location"), "for=Patient") {
			t.Fatalf("giving the child's consent: %d to %q\n%s", got.status, got.header.Get("Location"), got.body)
		}
		consentsOf := func(patient string) []consent.Consent {
			t.Helper()
			cs, err := tw.co.Consents(tw.as("gro"), patient)
			if err != nil {
				t.Fatal(err)
			}
			return cs
		}
		child := consentsOf("Patient/c1")
		if len(child) != 1 || child[0].GivenBy != "RelatedPerson/g1" || !child[0].ByGuardian || !child[0].MakePlan {
			t.Fatalf("the child's consents: %+v, want one given by the guardian", child)
		}
		if own := consentsOf("Patient/p3"); len(own) != 0 {
			t.Fatalf("the guardian's own consents: %+v, want none", own)
		}
		confirm := gro.get("/citizen/consent/" + child[0].ID + "/withdraw?for=" + url.QueryEscape("Patient/c1"))
		checkPage(t, confirm, http.StatusOK, "Trekke samtykket?", "Samtykket for Ola Eksempel", "Koordinatoren til Ola Eksempel")
		if strings.Contains(confirm.body, "Koordinatoren din") {
			t.Error("the confirm step speaks of the guardian's own coordinator")
		}
		got = gro.post("/citizen/consent/"+child[0].ID+"/withdraw?for="+url.QueryEscape("Patient/c1"), url.Values{})
		if got.status != http.StatusSeeOther {
			t.Fatalf("withdrawing: %d\n%s", got.status, got.body)
		}
		if after := consentsOf("Patient/c1"); len(after) != 1 || after[0].Status != consent.ConsentWithdrawn {
			t.Errorf("after withdrawing, the child's consents: %+v", after)
		}
		for _, who := range []string{"tor", "siri"} {
			if got := tw.signIn(who).get(page); got.status != http.StatusNotFound {
				t.Errorf("%s opens the child's consent page: %d, want 404", who, got.status)
			}
		}
	})
}
