package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestProviderReportsANeed (issue 12): a service provider reports a possible need from the web
// form by the citizen's national identity number (synthetic, month + 80); the report reaches the
// unit's inbox with a reference number; a number that matches nobody is a form error that names
// nobody; a citizen has no such form.
func TestProviderReportsANeed(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withProviders(st)
		tor, err := fhir.Parse([]byte(`{"resourceType":"Patient","id":"p2","name":[{"family":"Prøvesen","given":["Tor"]}],
			"identifier":[{"system":"urn:oid:2.16.578.1.12.4.1.4.1","value":"13831353419"}]}`))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := records.New(st, records.Options{}).Update(context.Background(), "Patient", "p2", tor, ""); err != nil {
			t.Fatal(err)
		}
		frode := tw.signIn("frode")
		checkPage(t, frode.get("/provider/need-report"), http.StatusOK, "Meld mulig behov", `name="nationalid"`)
		got := frode.post("/provider/need-report", url.Values{"nationalid": {"01019054361"}, "need": {"Trenger opptrening"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Meld mulig behov", "Vi finner ingen innbygger med dette nummeret", `value="01019054361"`)
		got = frode.post("/provider/need-report", url.Values{"nationalid": {"138313 53419"}, "need": {"Trenger opptrening etter fall"}, "services": {"hjemmesykepleie"}})
		checkPage(t, got, http.StatusOK, "Meldingen er mottatt", `data-testid="reference"`)
		inbox := tw.signIn("lea").get("/unit/inbox")
		if !strings.Contains(inbox.body, "Tor Prøvesen") {
			t.Errorf("the need report is not in the unit's inbox:\n%s", inbox.body)
		}
		if got := tw.signIn("siri").get("/provider/need-report"); got.status != http.StatusNotFound {
			t.Errorf("a citizen opens the need report form: %d", got.status)
		}
	})
}
