package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// link is the first href in page that starts with prefix.
func link(t *testing.T, page answer, prefix string) string {
	t.Helper()
	i := strings.Index(page.body, `href="`+prefix)
	if i < 0 {
		t.Fatalf("no link to %s in the page", prefix)
	}
	rest := page.body[i+len(`href="`):]
	return strings.ReplaceAll(rest[:strings.Index(rest, `"`)], "&amp;", "&")
}

// TestDecisionAndAppealInTheWeb (issue 13, points 4 and 6): the officer decides home help
// granted and the safety alarm refused on the case page (a form missing the facts comes back
// with what was typed); the citizen reads both letters as PDFs and appeals the refusal; the
// officer upholds it and forwards it, and records the appeal body's outcome.
func TestDecisionAndAppealInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		siri := tw.signIn("siri")
		fields := url.Values{"subject": {"Patient/p1"}, "need": {"Jeg klarer ikke å handle selv."}, "services": {"home-help", "safety-alarm"}}
		checkPage(t, siri.sendMultipart("/citizen/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001")
		sara := tw.caseOfficer()
		const ref = "/case-officer/applications/TK-2026-00001"
		checkPage(t, sara.get(ref), http.StatusOK, "Søknad TK-2026-00001", "Vedtak om Hjemmehjelp", "Vedtak om Trygghetsalarm", "Fysioterapitjenesten")

		// the assessment and a note, kept on the case
		assess := url.Values{"_form": {"case-officer-assessment/TK-2026-00001"}, "facts": {"Bor i andre etasje uten heis."},
			"visit": {"2026-03-02"}, "score-shopping": {"5"}}
		checkPage(t, sara.post(ref+"/assessment", assess), http.StatusUnprocessableEntity, "Søknad TK-2026-00001", "Skriv hvem som var med på hjemmebesøket.")
		assess.Set("visitedBy", "Sara og datteren")
		sara.mustPost(ref+"/assessment", assess, ref+"?assessed=1")
		sara.mustPost(ref+"/notes", url.Values{"_form": {"case-officer-note/TK-2026-00001"}, "text": {"Ringte datteren."}}, ref+"?noted=1")
		checkPage(t, sara.sendMultipart(ref+"/documents", url.Values{}, upload{"brev.txt", []byte("not a pdf")}), http.StatusUnprocessableEntity,
			"Søknad TK-2026-00001", "Vedlegg må være PDF, PNG eller JPEG.")
		if got := sara.sendMultipart(ref+"/documents", url.Values{}, upload{"uttalelse.pdf", testPDF}); got.status != http.StatusSeeOther {
			t.Errorf("adding a case document: %d", got.status)
		}
		docs := sara.get(ref + "?documented=1")
		checkPage(t, docs, http.StatusOK, "Søknad TK-2026-00001", "Dokumentet er lagt til i saken.", "uttalelse.pdf")
		if file := sara.get(link(t, answer{body: docs.body[strings.Index(docs.body, `data-testid="case-documents"`):]}, "/case-officer/attachments/")); file.body != string(testPDF) {
			t.Errorf("the case document as downloaded: %q", file.body)
		}
		checkPage(t, sara.get(ref+"?noted=1"), http.StatusOK, "Søknad TK-2026-00001", "Notatet er lagret.", "Ringte datteren.",
			"Bor i andre etasje uten heis.", `<option value="5" selected>`, "Skaffe seg varer og tjenester")

		grant := url.Values{"_form": {"case-officer-decision/TK-2026-00001/home-help"}, "outcome": {"granted"}, "scope": {"2,5"},
			"unit": {"hours-per-week"}, "start": {"2026-03-20"}, "review": {"2026-09-01"}, "provider": {"Organization/physio"},
			"considerations": {"Behovet er varig."}}
		checkPage(t, sara.post(ref+"/decide/home-help", grant), http.StatusUnprocessableEntity, "Søknad TK-2026-00001", "Skriv hvilke faktiske forhold", "Behovet er varig.")
		grant.Set("facts", "Hun bor alene og kan ikke bære varer.")
		grant.Set("provider", "") // the select's first option: no unit chosen
		checkPage(t, sara.post(ref+"/decide/home-help", grant), http.StatusUnprocessableEntity, "Søknad TK-2026-00001", "Velg enheten som gir tjenesten.")
		grant.Set("provider", "Organization/physio")
		sara.mustPost(ref+"/decide/home-help", grant, ref+"?decided=1")
		refuse := url.Values{"_form": {"case-officer-decision/TK-2026-00001/safety-alarm"}, "outcome": {"refused"},
			"rules": {"Kommunens kriterier for trygghetsalarm."}, "facts": {"Hun har tilsyn hver dag."}, "considerations": {"Liten risiko."}}
		sara.mustPost(ref+"/decide/safety-alarm", refuse, ref+"?decided=1")
		page := sara.get(ref + "?decided=1")
		checkPage(t, page, http.StatusOK, "Søknad TK-2026-00001", "Vedtaket er sendt og ligger i innbyggerens brev.", "innvilget", "avslått", "Vedtaksbrevet (PDF)")
		if strings.Contains(page.body, `action="`+ref+`/decide/`) {
			t.Error("the case page still offers a decision form with every service decided")
		}
		letter := sara.get(link(t, page, "/case-officer/decisions/"))
		if letter.status != http.StatusOK || letter.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(letter.body, "%PDF-") {
			t.Fatalf("the officer's copy of the letter: %d %q", letter.status, letter.header.Get("Content-Type"))
		}

		apps := siri.get("/citizen/applications")
		checkPage(t, apps, http.StatusOK, "Mine søknader", "Hjemmehjelp</strong>: innvilget", "Trygghetsalarm</strong>: avslått", "Les vedtaksbrevet (PDF)", "Klag på vedtaket")
		letters := siri.get("/citizen/letters")
		checkPage(t, letters, http.StatusOK, "Brev", "Vedtak om hjemmehjelp, saksnummer TK-2026-00001", "Vedtak om trygghetsalarm", "Brevet som PDF")
		pdf := siri.get(link(t, letters, "/citizen/letters/"))
		text := testutil.PDFText(t, []byte(pdf.body))
		if !strings.Contains(text, "Du kan klage") {
			t.Errorf("the citizen's PDF: %s", text)
		}
		// another citizen gets no letter of hers
		if other := tw.signIn("tor").get(link(t, letters, "/citizen/letters/")); other.status != http.StatusNotFound {
			t.Errorf("another citizen reading her letter: %d", other.status)
		}

		// the refusal is the second decision; appeal it
		i := strings.Index(apps.body, "Trygghetsalarm</strong>")
		appealURL := link(t, answer{body: apps.body[i:]}, "/citizen/decisions/")
		checkPage(t, siri.get(appealURL), http.StatusOK, "Klag på vedtaket", "Vedtak om Trygghetsalarm")
		form := strings.TrimPrefix(strings.TrimSuffix(appealURL, "/appeal"), "/citizen/decisions/")
		appeal := url.Values{"_form": {"citizen-appeal/" + form}, "text": {" "}}
		checkPage(t, siri.post(appealURL, appeal), http.StatusUnprocessableEntity, "Klag på vedtaket", "Skriv hva du klager på og hvorfor.")
		appeal.Set("text", "Jeg har falt to ganger og trenger alarmen.")
		siri.mustPost(appealURL, appeal, "/citizen/applications?appealed=1")
		checkPage(t, siri.get("/citizen/applications?appealed=1"), http.StatusOK, "Mine søknader", "Klagen er sendt til tildelingskontoret.", "Tildelingskontoret vurderer klagen.")

		page = sara.get(ref)
		checkPage(t, page, http.StatusOK, "Søknad TK-2026-00001", "Klage på vedtaket om Trygghetsalarm", "Jeg har falt to ganger", "til vurdering hos tildelingskontoret")
		i = strings.Index(page.body, "/case-officer/appeals/")
		appealID := page.body[i+len("/case-officer/appeals/"):]
		appealID = appealID[:strings.Index(appealID, "/")]
		sara.mustPost("/case-officer/appeals/"+appealID+"/reassess", url.Values{"_form": {"case-officer-reassess/" + appealID},
			"choice": {"uphold"}, "assessment": {"Fallene skjedde ute; alarmen virker bare i hjemmet."}}, ref+"?reassessed=1")
		checkPage(t, sara.get(ref), http.StatusOK, "Søknad TK-2026-00001", "sendt til klageinstansen", "Fallene skjedde ute", "Registrer avgjørelsen")
		sara.mustPost("/case-officer/appeals/"+appealID+"/outcome", url.Values{"_form": {"case-officer-outcome/" + appealID},
			"status": {"reversed"}, "outcome": {"Statsforvalteren gir henne alarmen."}, "date": {"2026-03-02"}}, ref+"?outcome=1")
		checkPage(t, sara.get(ref), http.StatusOK, "Søknad TK-2026-00001", "klageinstansen endret vedtaket", "Statsforvalteren gir henne alarmen.",
			"Nytt vedtak etter klageinstansens avgjørelse")
		checkPage(t, siri.get("/citizen/applications"), http.StatusOK, "Mine søknader", "Klageinstansen endret vedtaket.")
		sara.mustPost("/case-officer/appeals/"+appealID+"/carry-out", url.Values{"_form": {"case-officer-carry/" + appealID}, "outcome": {"granted"},
			"start": {"2026-03-05"}, "review": {"2026-09-01"}, "provider": {"Organization/physio"},
			"facts": {"Statsforvalteren la vekt på fallene."}, "considerations": {"Statsforvalterens vedtak."}}, ref+"?decided=1")
		checkPage(t, siri.get("/citizen/applications"), http.StatusOK, "Mine søknader", "Trygghetsalarm</strong>: innvilget", "erstattet av et nytt vedtak")
	})
}

// TestCarerAppealsInTheWeb (issue 13, point 6): the carer of a carer allowance is a party: the
// decision letter comes to their own letters page, as text and PDF, and they appeal from there.
func TestCarerAppealsInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		per := tw.signIn("per")
		fields := url.Values{"subject": {"Patient/p1"}, "services": {"carer-allowance"}, "need": {"Jeg steller Siri hver dag."}, "consent": {"yes"}}
		checkPage(t, per.sendMultipart("/relative/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001")
		sara := tw.caseOfficer()
		const ref = "/case-officer/applications/TK-2026-00001"
		sara.mustPost(ref+"/decide/carer-allowance", url.Values{"_form": {"case-officer-decision/TK-2026-00001/carer-allowance"},
			"outcome": {"refused"}, "rules": {"Kommunens retningslinjer for omsorgsstønad."}, "facts": {"Omsorgen er fire timer i uka."},
			"considerations": {"Omsorgsarbeidet er ikke særlig tyngende."}}, ref+"?decided=1")
		page := per.get("/relative/letters")
		checkPage(t, page, http.StatusOK, "Brev", "Vedtak om omsorgsstønad, saksnummer TK-2026-00001", "Vedtak der du er part", "Klag på vedtaket")
		if pdf := per.get(link(t, page, "/relative/letters/")); !strings.Contains(testutil.PDFText(t, []byte(pdf.body)), "Du får ikke omsorgsstønad.") {
			t.Error("the carer's PDF lacks the decision")
		}
		appealURL := link(t, page, "/relative/decisions/")
		checkPage(t, per.get(appealURL), http.StatusOK, "Klag på vedtaket", `action="`+appealURL+`"`)
		id := strings.TrimSuffix(strings.TrimPrefix(appealURL, "/relative/decisions/"), "/appeal")
		per.mustPost(appealURL, url.Values{"_form": {"citizen-appeal/" + id}, "text": {"Jeg steller henne om natta også."}}, "/relative/letters?appealed=1")
		checkPage(t, sara.get(ref), http.StatusOK, "Søknad TK-2026-00001", "Klage på vedtaket om Omsorgsstønad", "Per Testmo", "Jeg steller henne om natta også.")

		// the citizen's own appeal comes by post, late: the officer registers it with its date
		tw.clock.Set(t0.AddDate(0, 0, 40))
		sara = tw.signIn("sara")
		paper := url.Values{"_form": {"case-officer-appeal/" + id}, "appellant": {"citizen"}, "received": {"2026-04-11"}, "text": {"Brev fra Siri: hun er enig med Per."}}
		sara.mustPost("/case-officer/decisions/"+id+"/paper-appeal", paper, ref+"?appealed=1")
		checkPage(t, sara.get(ref+"?appealed=1"), http.StatusOK, "Søknad TK-2026-00001", "Klagen er registrert.", "Brev fra Siri",
			"(12 dager for sent; kan likevel tas opp etter forvaltningsloven § 31)")
	})
}

// TestChangeRequestInTheWeb (issue 13, point 5): on a running decision the citizen reports a
// change; the office's case page says which decision it changes, and deciding it replaces that
// one; a decision past its review date shows on the officer's start page.
func TestChangeRequestInTheWeb(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		siri := tw.signIn("siri")
		fields := url.Values{"subject": {"Patient/p1"}, "need": {"Jeg klarer ikke å handle selv."}, "services": {"home-help"}}
		checkPage(t, siri.sendMultipart("/citizen/apply", fields), http.StatusOK, "Søknaden er mottatt", "TK-2026-00001")
		sara := tw.caseOfficer()
		grant := url.Values{"_form": {"case-officer-decision/TK-2026-00001/home-help"}, "outcome": {"granted"}, "scope": {"2"},
			"unit": {"hours-per-week"}, "start": {"2026-03-02"}, "review": {"2026-03-20"}, "provider": {"Organization/physio"},
			"facts": {"Hun bor alene."}, "considerations": {"Behovet er varig."}}
		sara.mustPost("/case-officer/applications/TK-2026-00001/decide/home-help", grant, "/case-officer/applications/TK-2026-00001?decided=1")

		apps := siri.get("/citizen/applications")
		changeURL := link(t, apps, "/citizen/decisions/")
		changeURL = strings.TrimSuffix(changeURL, "/appeal") + "/change"
		id := strings.TrimSuffix(strings.TrimPrefix(changeURL, "/citizen/decisions/"), "/change")
		checkPage(t, siri.get(changeURL), http.StatusOK, "Meld endring", "Vedtak om Hjemmehjelp")
		change := url.Values{"_form": {"citizen-change/" + id}, "need": {" "}}
		checkPage(t, siri.post(changeURL, change), http.StatusUnprocessableEntity, "Meld endring", "Beskriv hva som har endret seg.")
		change.Set("need", "Jeg har brukket armen og trenger mer hjelp.")
		checkPage(t, siri.post(changeURL, change), http.StatusOK, "Endringsmeldingen er mottatt", "TK-2026-00002")

		page := sara.get("/case-officer/applications/TK-2026-00002")
		checkPage(t, page, http.StatusOK, "Søknad TK-2026-00002", "Endringsmelding til vedtaket om Hjemmehjelp", "Jeg har brukket armen")
		grant.Set("_form", "case-officer-decision/TK-2026-00002/home-help")
		grant.Set("scope", "4")
		sara.mustPost("/case-officer/applications/TK-2026-00002/decide/home-help", grant, "/case-officer/applications/TK-2026-00002?decided=1")
		checkPage(t, siri.get("/citizen/applications"), http.StatusOK, "Mine søknader", "erstattet av et nytt vedtak")

		tw.clock.Set(t0.AddDate(0, 0, 19))
		sara = tw.signIn("sara")
		checkPage(t, sara.get("/case-officer"), http.StatusOK, "Søknader som venter", "Vedtak som skal vurderes på nytt", "Siri Testmo, Hjemmehjelp", "skulle vurderes innen 20.03.2026")
	})
}
