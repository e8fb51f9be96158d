package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestFeesInTheWeb (issue 14, point 1): the citizen sees what she pays this month and how,
// sends her income with the tax assessment, and sees the fee computed again from it; a bad
// amount is a form error that keeps what was typed; the office's monthly fee list bills the same
// amount and downloads as the documented CSV; nobody else reaches the list.
func TestFeesInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.caseOfficer()
		tw.clock.Set(time.Date(2022, 8, 1, 9, 0, 0, 0, time.UTC))
		if _, err := tw.co.Apply(tw.as("siri"), allocation.ApplicationInput{Subject: "p1", Services: []string{"home-help"},
			Need: "Jeg klarer ikke å vaske selv."}); err != nil {
			t.Fatal(err)
		}
		start := time.Date(2022, 8, 15, 0, 0, 0, 0, time.UTC)
		if _, err := tw.co.Decide(tw.as("sara"), allocation.DecisionInput{Reference: "TK-2022-00001", Service: "home-help", Decision: allocation.Decision{
			Outcome: allocation.Granted, Scope: 3, Unit: allocation.HoursPerWeek, Start: start, Review: start.AddDate(0, 6, 0),
			Provider: "Organization/physio", Reasons: allocation.Reasons{Facts: "Hun bor alene.", Considerations: "Behovet er varig."}}}); err != nil {
			t.Fatal(err)
		}
		tw.clock.Set(time.Date(2022, 8, 20, 9, 0, 0, 0, time.UTC))
		siri := tw.signIn("siri")
		checkPage(t, siri.get("/citizen/applications"), http.StatusOK, "Mine søknader", `href="/citizen/income"`)
		checkPage(t, siri.get("/citizen/income"), http.StatusOK, "Inntekt og egenandel", "Det du betaler i august 2022", "Hjemmehjelp",
			"Inntekten er ikke dokumentert", "Over 5 G: kommunens høyeste egenandel per måned: 3\u00a0793\u00a0kr", `name="files"`, `value="2021"`)

		fields := url.Values{"_form": {"citizen-income"}, "subject": {"Patient/p1"}, "year": {"2021"}, "household": {"tre hundre tusen"}}
		got := siri.sendMultipart("/citizen/income", fields, upload{"skatteoppgjor.pdf", testPDF})
		checkPage(t, got, http.StatusUnprocessableEntity, "Inntekt og egenandel", "Skriv beløpet i kroner", "tre hundre tusen")
		fields.Set("household", "300 000")
		got = siri.sendMultipart("/citizen/income", fields, upload{"skatteoppgjor.pdf", testPDF})
		if got.status != http.StatusSeeOther || got.header.Get("Location") != "/citizen/income?saved=1" {
			t.Fatalf("sending the income: %d %s", got.status, got.header.Get("Location"))
		}
		checkPage(t, siri.get("/citizen/income?saved=1"), http.StatusOK, "Inntekt og egenandel", "Egenandelen er regnet ut på nytt",
			"mellom 2 og 3 G: kommunens høyeste egenandel per måned: 1\u00a0169\u00a0kr", "Du betaler det laveste, per måned: 1\u00a0169\u00a0kr",
			"for 2021, med 1 vedlegg")

		sara := tw.signIn("sara")
		checkPage(t, sara.get("/case-officer/applications/TK-2022-00001"), http.StatusOK, "Søknad TK-2022-00001",
			"Inntekt for egenandel", "Sendt 20.08.2022, for 2021.", "300\u00a0000\u00a0kr", `href="/case-officer/attachments/`)
		list := sara.get("/case-officer/fees?month=2022-08")
		checkPage(t, list, http.StatusOK, "Egenandeler for august 2022", "Siri Testmo", "TK-2022-00001", "1\u00a0169\u00a0kr",
			`href="/case-officer/fees.csv?month=2022-08"`)
		csv := sara.get("/case-officer/fees.csv?month=2022-08")
		lines := strings.Split(strings.TrimSpace(csv.body), "\n")
		if csv.status != http.StatusOK || !strings.HasPrefix(csv.header.Get("Content-Type"), "text/csv") || len(lines) != 2 ||
			lines[0] != "month;national_id;name;service;fee_rule;decision;reference;amount_nok;status" ||
			!strings.HasPrefix(lines[1], "2022-08;") || !strings.HasSuffix(lines[1], ";TK-2022-00001;1169.00;charged") {
			t.Errorf("the CSV: %d %q\n%s", csv.status, csv.header.Get("Content-Type"), csv.body)
		}
		if got := sara.get("/case-officer/fees?month=2022-13"); got.status != http.StatusBadRequest {
			t.Errorf("a month that is none: %d", got.status)
		}
		for _, who := range []string{"siri", "tor", "kari"} {
			for _, path := range []string{"/case-officer/fees?month=2022-08", "/case-officer/fees.csv?month=2022-08"} {
				if got := tw.signIn(who).get(path); got.status == http.StatusOK || strings.Contains(got.body, "TK-2022-00001") {
					t.Errorf("%s reached %s: %d", who, path, got.status)
				}
			}
		}
		if got := tw.signIn("tor").get("/citizen/income"); strings.Contains(got.body, "Hjemmehjelp") {
			t.Error("another citizen sees Siri's fees")
		}
	})
}
