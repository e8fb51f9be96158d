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

// TestWaitingListInTheWeb (issue 14, part 1): the officer grants a long-term stay with the
// criteria met and the citizen safe at home: she is on the list, which the office sees with
// her days waited and the list's figures; a form without a criterion comes back; the office
// offers a place, the citizen sees it on her page and accepts it, which ends the wait.
func TestWaitingListInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		siri := tw.signIn("siri")
		fields := url.Values{"subject": {"Patient/p1"}, "need": {"Jeg er redd om natta."}, "services": {"long-term-stay"}}
		checkPage(t, siri.sendMultipart("/citizen/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001")
		sara := tw.caseOfficer()
		const ref = "/case-officer/applications/TK-2026-00001"
		checkPage(t, sara.get(ref), http.StatusOK, "Søknad TK-2026-00001", "Kan innbyggeren bo trygt hjemme i ventetiden?",
			"Har behov for helsehjelp og tilsyn hele døgnet.", `value="round-the-clock-care"`)
		decide := url.Values{"_form": {"case-officer-decision/TK-2026-00001/long-term-stay"}, "outcome": {"granted"}, "placement": {"safe-at-home"},
			"review": {"2026-09-01"}, "facts": {"Hun har hjemmesykepleie fire ganger i døgnet."}, "considerations": {"Hun kan vente trygt hjemme."}}
		checkPage(t, sara.post(ref+"/decide/long-term-stay", decide), http.StatusUnprocessableEntity, "Søknad TK-2026-00001", "minst ett må være det")
		decide["criteria"] = []string{"round-the-clock-care", "cognitive-impairment"}
		sara.mustPost(ref+"/decide/long-term-stay", decide, ref+"?decided=1")
		checkPage(t, sara.get(ref), http.StatusOK, "Søknad TK-2026-00001", "På ventelisten siden 02.03.2026.")
		checkPage(t, siri.get("/citizen/applications"), http.StatusOK, "Mine søknader", "Du står på ventelisten for langtidsopphold fra 02.03.2026.")

		tw.clock.Set(t0.AddDate(0, 0, 12))
		sara, siri = tw.signIn("sara"), tw.signIn("siri") // the sessions ended with the days
		page := sara.get("/case-officer/waiting-list")
		checkPage(t, page, http.StatusOK, "Venteliste for langtidsopphold", "Siri Testmo", "12 dager", "Antall som venter", "Median ventetid")
		i := strings.Index(page.body, "/case-officer/waiting-list/")
		id := page.body[i+len("/case-officer/waiting-list/"):]
		id = id[:strings.Index(id, "/")]
		offer := url.Values{"_form": {"case-officer-offer/" + id}, "unit": {"Organization/physio"}, "start": {"2026-03-01"}}
		checkPage(t, sara.post("/case-officer/waiting-list/"+id+"/offer", offer), http.StatusUnprocessableEntity, "Venteliste for langtidsopphold", "Plassen må gjelde fra i dag eller senere.")
		offer.Set("start", "2026-04-01")
		sara.mustPost("/case-officer/waiting-list/"+id+"/offer", offer, "/case-officer/waiting-list?done=offered")
		checkPage(t, sara.get("/case-officer/waiting-list?done=offered"), http.StatusOK, "Venteliste for langtidsopphold", "Tilbudet om plass er sendt.", "Fysioterapitjenesten fra 01.04.2026")

		apps := siri.get("/citizen/applications")
		checkPage(t, apps, http.StatusOK, "Mine søknader", "Du har fått tilbud om plass ved Fysioterapitjenesten fra 01.04.2026.", `action="/citizen/waiting-list/`+id+`/answer"`)
		if other := tw.signIn("tor").post("/citizen/waiting-list/"+id+"/answer", url.Values{"answer": {"accept"}}); other.status != http.StatusNotFound {
			t.Errorf("another citizen answering her offer: %d", other.status)
		}
		siri.mustPost("/citizen/waiting-list/"+id+"/answer", url.Values{"answer": {"accept"}}, "/citizen/applications?answered=1")
		checkPage(t, siri.get("/citizen/applications?answered=1"), http.StatusOK, "Mine søknader", "Svaret ditt på tilbudet om plass er registrert.", "Du har takket ja til plass")
		checkPage(t, sara.get("/case-officer/waiting-list"), http.StatusOK, "Venteliste for langtidsopphold", "Ingen står på ventelisten.")
		checkPage(t, sara.get(ref), http.StatusOK, "Søknad TK-2026-00001", "Plassen er takket ja til; ventetiden er over.", "Fysioterapitjenesten")
		if got := siri.get("/case-officer/waiting-list"); got.status != http.StatusNotFound {
			t.Errorf("the citizen opening the office's list: %d", got.status)
		}
	})
}

// TestRotaAndCarerPayInTheWeb (issue 14, parts 2 and 3): a respite stay decided as a rota on the
// case page shows its calendar to the citizen and to the institution that carries it out; a
// rota of 0 weeks on is refused at the form; a carer allowance shows its pay computed to the
// carer.
func TestRotaAndCarerPayInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		siri := tw.signIn("siri")
		fields := url.Values{"subject": {"Patient/p1"}, "need": {"Mannen min trenger fri."}, "services": {"respite-stay"}}
		checkPage(t, siri.sendMultipart("/citizen/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001")
		sara := tw.caseOfficer()
		const ref = "/case-officer/applications/TK-2026-00001"
		decide := url.Values{"_form": {"case-officer-decision/TK-2026-00001/respite-stay"}, "outcome": {"granted"}, "scope": {"4"}, "unit": {"stays"},
			"start": {"2026-03-02"}, "end": {"2026-05-31"}, "review": {"2026-05-01"}, "provider": {"Organization/physio"},
			"rota": {"yes"}, "weeksOn": {"0"}, "weeksOff": {"3"}, "facts": {"Mannen har omsorgen hele døgnet."}, "considerations": {"Han trenger avlastning."}}
		checkPage(t, sara.post(ref+"/decide/respite-stay", decide), http.StatusUnprocessableEntity, "Søknad TK-2026-00001", "minst én uke i institusjonen")
		decide.Set("weeksOn", "1")
		sara.mustPost(ref+"/decide/respite-stay", decide, ref+"?decided=1")
		apps := siri.get("/citizen/applications")
		checkPage(t, apps, http.StatusOK, "Mine søknader", `data-testid="rota-calendar"`, "Turnus fra 02.03.2026 til og med 31.05.2026: uker i institusjonen 1, uker hjemme 3.",
			"02.03.2026 – 08.03.2026", "30.03.2026 – 05.04.2026", "<caption>mars 2026", "<caption>mai 2026", `<th scope="col"><abbr title="mandag">ma</abbr></th>`, `class="stay">2<span class="ds-sr-only">, i institusjonen`)
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "frode", Name: "Frode Fysio", Roles: []access.Role{access.ServiceProvider}, PractitionerID: "f1", Units: []string{"physio"}})
		checkPage(t, tw.signIn("frode").get("/provider"), http.StatusOK, "Planer med våre tiltak", "Vedtak vi utfører", `data-testid="rota-calendar"`, "27.04.2026 – 03.05.2026")

		per := tw.signIn("per")
		carer := url.Values{"subject": {"Patient/p1"}, "services": {"carer-allowance"}, "need": {"Jeg steller Siri hver dag."}, "consent": {"yes"}}
		checkPage(t, per.sendMultipart("/relative/apply", carer), http.StatusOK, "Søknaden er mottatt", "TK-2026-00002")
		sara.mustPost("/case-officer/applications/TK-2026-00002/decide/carer-allowance", url.Values{"_form": {"case-officer-decision/TK-2026-00002/carer-allowance"},
			"outcome": {"granted"}, "scope": {"40"}, "unit": {"hours-per-month"}, "start": {"2026-03-02"}, "review": {"2027-03-01"}, "provider": {"Organization/physio"},
			"facts": {"Per steller Siri hver dag."}, "considerations": {"Omsorgen er særlig tyngende."}}, "/case-officer/applications/TK-2026-00002?decided=1")
		want := "Omsorgsstønaden er 40 timer per måned × 215\u00a0kr per time (kommunens sats) = 8\u00a0600\u00a0kr per måned, før skatt."
		checkPage(t, per.get("/relative/letters"), http.StatusOK, "Brev", want)
		checkPage(t, sara.get("/case-officer/applications/TK-2026-00002"), http.StatusOK, "Søknad TK-2026-00002", want)
	})
}
