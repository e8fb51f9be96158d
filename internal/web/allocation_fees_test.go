package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/coordination"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// feeLead is the allocation office's lead in the test town, who leads the coordinating unit too
// as in a small municipality (lea leads the coordinating unit only).
func (tw *town) feeLead() *browser {
	tw.t.Helper()
	accounts, err := store.AccountsOf(tw.st)
	if err != nil {
		tw.t.Fatal(err)
	}
	tw.user(accounts, signin.NewUser{Username: "tone", Name: "Sara Saksbehandler", Roles: []access.Role{access.UnitLead},
		PractitionerID: "s1", Units: []string{coordination.DefaultUnit, coordination.DefaultOffice}})
	return tw.signIn("tone")
}

const shortStayField = "amount-fee.short-stay.per-day"

// TestFeeScheduleInTheWeb (issue 14): the office's lead finds the fee schedule on the start
// page; the test town's year, 2026, has no state amounts shipped, and the public service page
// says so; the lead enters 2026's short-term stay with its source, and the public page shows
// it for 2026 at once; the history says who, when, from where and which amount.
func TestFeeScheduleInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		anon := tw.anonymous()
		checkPage(t, anon.get("/tjenester/short-term-stay"), http.StatusOK, "Korttidsopphold",
			"Satsene for 2026 er ikke lagt inn ennå. Vedtaket du får, sier hva du skal betale.")

		tone := tw.feeLead()
		checkPage(t, tone.get("/unit"), http.StatusOK, "Enhetens saker", `href="/unit/fees"`)
		checkPage(t, tone.get("/unit/fees"), http.StatusOK, "Egenandelssatser for 2026", "Korttidsopphold, per døgn",
			"ikke ført inn", `name="`+shortStayField+`"`, "01.01.2026–31.12.2026", "Ingen endringer ennå")

		values := url.Values{"_form": {"unit-fees/2026"}, shortStayField: {"198"},
			"amount-fee.practical-assistance.bracket-2g": {"1 169,50"}, "source": {"Rundskriv I-1/2026"}}
		tone.mustPost("/unit/fees?year=2026", values, "/unit/fees?year=2026&saved=1")
		checkPage(t, tone.get("/unit/fees?year=2026&saved=1"), http.StatusOK, "Egenandelssatser for 2026", "Lagret.",
			"198\u00a0kr", "1\u00a0169,50\u00a0kr", `value="198"`, `value="1169,50"`, `value="Rundskriv I-1/2026"`,
			"2026: Sara Saksbehandler, 02.03.2026 kl. 10:00. Kilde: Rundskriv I-1/2026. Korttidsopphold, per døgn, Praktisk bistand, inntekt 2–3 G, per måned")

		checkPage(t, anon.get("/tjenester/short-term-stay"), http.StatusOK, "Korttidsopphold", "Satser for 2026",
			"Egenandel per døgn de første 60 døgnene i kalenderåret: 198\u00a0kr")
		checkPage(t, anon.get("/tjenester/home-help"), http.StatusOK, "Hjemmehjelp", "Satser for 2026",
			"Husstandens inntekt mellom 2 og 3 G: høyeste egenandel per måned: 1\u00a0169,50\u00a0kr")
		checkPage(t, anon.get("/tjenester"), http.StatusOK, "Tjenester du kan søke om", "Egenandel inntil 198\u00a0kr per døgn.")
		checkPage(t, anon.speaking("en").get("/tjenester/short-term-stay"), http.StatusOK, "Short-term stay", "Amounts for 2026",
			"The fee per day for the first 60 days of the calendar year: NOK\u00a0198")

		// another year shows what ships for it, and this year's entry is not last year's
		checkPage(t, tone.get("/unit/fees?year=2022"), http.StatusOK, "Egenandelssatser for 2022", "175\u00a0kr", "rundskriv I-1/2022")
		if got := tone.get("/unit/fees?year=2022"); strings.Contains(got.body, `value="198"`) {
			t.Error("2022's form holds 2026's amount")
		}
		if got := tone.get("/unit/fees?year=soon"); got.status != http.StatusNotFound {
			t.Errorf("a year that is not one: %d", got.status)
		}

		// in the other languages, every text translated
		for lang, want := range map[string][]string{
			"nn": {"Eigendelssatsar for 2026", "Korttidsopphald, per døger", "Endringar"},
			"en": {"Fee amounts for 2026", "Short-term stay, per day", "Entered by the office", "Source: Rundskriv I-1/2026"},
		} {
			checkPage(t, tone.speaking(lang).get("/unit/fees"), http.StatusOK, want[0], want[1:]...)
		}
		if missing := tw.cat.Missing(); len(missing) > 0 {
			t.Errorf("texts the pages asked for that the catalogs lack:\n%s", strings.Join(missing, "\n"))
		}
	})
}

// TestFeeScheduleRefusesABadAmount (issue 14): an amount that is not kroner within bounds, or
// no source, is a message at its field in the person's language, with what was typed kept
// (also as the draft); nothing is saved.
func TestFeeScheduleRefusesABadAmount(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tone := tw.feeLead()
		for _, c := range []struct {
			name, lang, amount, source string
			want                       []string
		}{
			{"words", "nb", "to hundre", "I-1/2026", []string{"Skriv beløpet i kroner, for eksempel 1 169 eller 1169,50.", `value="to hundre"`}},
			{"zero", "nb", "0", "I-1/2026", []string{"Skriv beløpet i kroner"}},
			{"negative", "nb", "-198", "I-1/2026", []string{"Skriv beløpet i kroner"}},
			{"not a number", "nb", "ca. 200", "I-1/2026", []string{"Skriv beløpet i kroner"}},
			{"out of bounds", "nb", "10 000 000", "I-1/2026", []string{"Et beløp må være over 0 og under 10 millioner kroner."}},
			{"no amount", "nb", "", "I-1/2026", []string{"Skriv minst ett beløp."}},
			{"no source", "nb", "198", "", []string{"Skriv hvor beløpene kommer fra, for eksempel rundskriv I-1/2026.", `value="198"`}},
			{"nynorsk", "nn", "to hundre", "I-1/2026", []string{"Skriv beløpet i kroner, til dømes 1 169 eller 1169,50."}},
			{"english", "en", "two hundred", "", []string{"Write the amount in kroner, for example 1 169 or 1169.50.",
				"Write where the amounts come from, for example circular I-1/2026."}},
		} {
			t.Run(c.name, func(t *testing.T) {
				values := url.Values{"_form": {"unit-fees/2026"}, shortStayField: {c.amount}, "source": {c.source}}
				h1 := map[string]string{"nb": "Egenandelssatser for 2026", "nn": "Eigendelssatsar for 2026", "en": "Fee amounts for 2026"}[c.lang]
				got := tone.speaking(c.lang).post("/unit/fees?year=2026", values)
				checkPage(t, got, http.StatusUnprocessableEntity, h1, c.want...)
				if !strings.Contains(got.body, `aria-invalid="true"`) {
					t.Error("no field is marked invalid")
				}
			})
		}
		// nothing saved; the last form typed is the draft
		page := tone.speaking("nb").get("/unit/fees")
		checkPage(t, page, http.StatusOK, "Egenandelssatser for 2026", "Ingen endringer ennå", "Vi har tatt vare på det du skrev sist", `value="two hundred"`)
		checkPage(t, tw.anonymous().get("/tjenester/short-term-stay"), http.StatusOK, "Korttidsopphold", "Satsene for 2026 er ikke lagt inn ennå.")
	})
}

// TestFeeScheduleIsTheOfficeLeads (issue 14): whoever does not reach /unit/catalogue (a
// coordinator, a citizen, a case officer, the lead of another unit) gets the same answer at
// /unit/fees, to read or to save, and nothing is saved.
func TestFeeScheduleIsTheOfficeLeads(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		values := url.Values{"_form": {"unit-fees/2026"}, shortStayField: {"198"}, "source": {"I-1/2026"}}
		for name, b := range map[string]*browser{"coordinator": tw.signIn("kari"), "citizen": tw.signIn("siri"),
			"case officer": tw.caseOfficer(), "another unit's lead": tw.signIn("lea"), "nobody signed in": tw.anonymous()} {
			catalogue := b.get("/unit/catalogue")
			if catalogue.status == http.StatusOK {
				t.Fatalf("%s reaches the catalogue's editor", name)
			}
			for _, got := range []answer{b.get("/unit/fees"), b.post("/unit/fees?year=2026", values)} {
				if got.status != catalogue.status || got.header.Get("Location") != catalogue.header.Get("Location") {
					t.Errorf("%s: /unit/fees answers %d %q, /unit/catalogue %d %q", name, got.status, got.header.Get("Location"),
						catalogue.status, catalogue.header.Get("Location"))
				}
			}
		}
		checkPage(t, tw.feeLead().get("/unit/fees"), http.StatusOK, "Egenandelssatser for 2026", "Ingen endringer ennå")
	})
}
