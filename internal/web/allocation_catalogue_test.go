package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

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
			"klage innen 4 uker", "sendes klagen til Statsforvalteren", "Årets beløp står i vedtaket")
		checkPage(t, anon.get("/tjenester/safety-alarm"), http.StatusOK, "Trygghetsalarm", "klage innen 3 uker", "kommunens klagenemnd")
		checkPage(t, anon.get("/tjenester/respite-stay"), http.StatusOK, "Avlastningsopphold", "Gratis.")
		checkPage(t, anon.get("/tjenester/no-such-service"), http.StatusNotFound, "Fant ikke siden")

		// in a year with an amount in the law table, the amount and its year
		tw.clock.Set(time.Date(2022, 6, 1, 9, 0, 0, 0, time.UTC))
		checkPage(t, anon.get("/tjenester/home-help"), http.StatusOK, "Hjemmehjelp", "Høyeste egenandel i 2022: 210\u00a0kr per måned.")
		checkPage(t, anon.get("/tjenester/short-term-stay"), http.StatusOK, "Korttidsopphold", "175\u00a0kr per døgn")
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
