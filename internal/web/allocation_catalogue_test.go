package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestServiceCatalogue (issue 13, point 1): the catalogue is public, lists the fourteen services
// and shows each with who it is for, its legal basis, the appeal deadline and body as the law
// stands today, in the language the person chose; a fee is shown only for a year the law table
// has an amount for.
func TestServiceCatalogue(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		anon := tw.anonymous()
		checkPage(t, anon.get("/"), http.StatusOK, "Veiviser", `href="/tjenester"`)
		list := anon.get("/tjenester")
		checkPage(t, list, http.StatusOK, "Tjenester du kan søke om", "Hjemmehjelp", "Trygghetsalarm", "Omsorgsstønad",
			"Brukerstyrt personlig assistanse", `href="/tjenester/home-help"`, "Klagefrist 4 uker.", "Klagefrist 3 uker.")
		if n := strings.Count(list.body, `href="/tjenester/`); n != 14 {
			t.Errorf("the catalogue links %d services, want 14", n)
		}
		checkPage(t, anon.get("/tjenester/home-help"), http.StatusOK, "Hjemmehjelp", "Hvem den er for", "§ 3-2 første ledd nr. 6 b",
			"klage innen 4 uker", "sendes klagen til Statsforvalteren", "Satser for 2026", "Over 5 G: kommunens høyeste egenandel per måned: 3\u00a0793\u00a0kr")
		checkPage(t, anon.get("/tjenester/safety-alarm"), http.StatusOK, "Trygghetsalarm", "klage innen 3 uker", "kommunens klagenemnd")
		checkPage(t, anon.get("/tjenester/respite-stay"), http.StatusOK, "Avlastningsopphold", "Gratis.")
		checkPage(t, anon.get("/tjenester/no-such-service"), http.StatusNotFound, "Fant ikke siden")

		// in a year with an amount in the law table, the amount and its year
		tw.clock.Set(time.Date(2022, 6, 1, 9, 0, 0, 0, time.UTC))
		checkPage(t, anon.get("/tjenester/home-help"), http.StatusOK, "Hjemmehjelp", "Satser for 2022",
			"Husstandens inntekt under 2 G: statens høyeste egenandel per måned: 210\u00a0kr")
		checkPage(t, anon.get("/tjenester/short-term-stay"), http.StatusOK, "Korttidsopphold", "Egenandel per døgn de første 60 døgnene i kalenderåret: 175\u00a0kr")
		tw.clock.Set(t0)

		for lang, want := range map[string][]string{
			"nn": {"Heimehjelp", "innan 4 veker", "Statsforvaltaren"},
			"en": {"Home help", "within 4 weeks", "the County Governor (Statsforvalteren)", "Legal basis"},
		} {
			b := tw.anonymous()
			b.post("/language", url.Values{"lang": {lang}})
			got := b.get("/tjenester/home-help")
			checkPage(t, got, http.StatusOK, want[0], want[1:]...)
			if strings.Contains(got.body, "Hvem den er for") {
				t.Errorf("%s: the page has bokmål", lang)
			}
		}
	})
}

// TestCatalogueEditingInTheWeb (issue 13, point 1): the office's lead finds the editor on the
// start page, rewrites a text in three languages (one left empty is refused with what was
// typed), and the public page shows it; the history says who and what; a lead of another unit
// and a case officer do not reach the editor.
func TestCatalogueEditingInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		accounts, err := store.AccountsOf(tw.st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "tone", Name: "Sara Saksbehandler", Roles: []access.Role{access.UnitLead},
			PractitionerID: "s1", Units: []string{coordination.DefaultUnit, coordination.DefaultOffice}}) // leads both, as in a small municipality
		tone := tw.signIn("tone")
		checkPage(t, tone.get("/unit"), http.StatusOK, "Enhetens saker", `href="/unit/catalogue"`)
		checkPage(t, tone.get("/unit/catalogue"), http.StatusOK, "Tjenesteoversikten", `href="/unit/catalogue/home-help"`)
		form := tone.get("/unit/catalogue/home-help")
		checkPage(t, form, http.StatusOK, "Rediger Hjemmehjelp", `name="summary-nn"`, "Ingen endringer ennå")
		values := url.Values{"_form": {"unit-catalogue/home-help"}}
		for _, f := range []string{"name", "summary", "forWhom", "cost"} {
			for _, l := range []string{"nb", "nn", "en"} {
				values.Set(f+"-"+l, f+" "+l)
			}
		}
		values.Set("summary-nb", "Hjelp til rengjøring og innkjøp.")
		values.Set("summary-nn", "")
		checkPage(t, tone.post("/unit/catalogue/home-help", values), http.StatusUnprocessableEntity, "Rediger Hjemmehjelp",
			"Skriv teksten på bokmål, nynorsk og engelsk.", "Hjelp til rengjøring og innkjøp.")
		values.Set("summary-nn", "Hjelp til reinhald og innkjøp.")
		tone.mustPost("/unit/catalogue/home-help", values, "/unit/catalogue/home-help?saved=1")
		checkPage(t, tone.get("/unit/catalogue/home-help?saved=1"), http.StatusOK, "Rediger name nb", "Lagret.", "Sara Saksbehandler: Navn, Hva tjenesten er")
		checkPage(t, tw.anonymous().get("/tjenester/home-help"), http.StatusOK, "name nb", "Hjelp til rengjøring og innkjøp.")

		for _, who := range []*browser{tw.signIn("lea"), tw.caseOfficer()} {
			if got := who.get("/unit/catalogue/home-help"); got.status != http.StatusNotFound {
				t.Errorf("another reaches the editor: %d", got.status)
			}
		}
	})
}
