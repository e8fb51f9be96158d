package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/coordination"
	"veiviser/internal/intake"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestUnitAssess: the inbox row links straight to the assessment; the page renders for the unit
// lead and is missing for anyone outside the unit; a refusal keeps what was typed with a
// message per field and the draft is restored; the preview shows the letter without saving;
// saving records the assessment and the letter and offers the appointment in one click.
func TestUnitAssess(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withUnitStaff(st)
		id := tw.torInquiry()
		page := "/unit/inquiries/" + id
		lea := tw.signIn("lea")
		checkPage(t, lea.get("/unit/inbox"), http.StatusOK, "Nye henvendelser", `href="`+page+`"`)
		checkPage(t, lea.get(page), http.StatusOK, "Vurder henvendelsen fra Tor Prøvesen", "Hjelp hjemme etter ulykken", "KE-2026-",
			"Berit Barnevik", "hjemmesykepleie\nfysioterapi</textarea>", `value="suggested" checked`, `hx-post="/drafts"`, "Forhåndsvis brevet")
		missing(tw.signIn("ulf"), page)
		missing(tw.signIn("kari"), page)
		missing(lea, "/unit/inquiries/nosuchinquiry")
		if got := tw.signIn("ulf").post(page, url.Values{"outcome": {"suggested"}, "do": {"save"}}); got.status != http.StatusNotFound {
			t.Errorf("a unit lead of another unit saving: %d, want 404", got.status)
		}

		// refused: sent to another body, without naming it or giving reasons
		typed := url.Values{"long_term": {"yes"}, "services": {"hjemmesykepleie\nfysioterapi\nNAV"}, "outcome": {"referred"}, "kind": {"ordinary"}, "do": {"save"}}
		got := lea.post(page, typed)
		checkPage(t, got, http.StatusUnprocessableEntity, "Vurder henvendelsen", `class="ds-error-summary"`,
			"Skriv hvem henvendelsen er sendt til.", "Skriv begrunnelsen.", `value="referred" checked`,
			"hjemmesykepleie\nfysioterapi\nNAV</textarea>", `name="long_term" value="yes" checked`)
		checkPage(t, lea.get(page), http.StatusOK, "Vurder henvendelsen", "Vi har tatt vare på det du skrev sist", `value="referred" checked`,
			"hjemmesykepleie\nfysioterapi\nNAV</textarea>")
		// refused by the rules: a plan without a long-term need
		got = lea.post(page, url.Values{"services": {"a\nb"}, "outcome": {"plan-and-coordinator"}, "kind": {"ordinary"}, "do": {"save"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Vurder henvendelsen", "Individuell plan krever et langvarig behov")

		// the preview shows the letter and saves nothing
		answers := url.Values{"long_term": {"yes"}, "services": {"hjemmesykepleie\nfysioterapi"}, "outcome": {"suggested"}, "kind": {"ordinary"},
			"reasons": {"Tor trenger hjelp fra flere tjenester over tid."}, "do": {"preview"}}
		got = lea.post(page, answers)
		checkPage(t, got, http.StatusOK, "Vurder henvendelsen", `data-testid="letter"`, "Du har rett til individuell plan og koordinator",
			"Begrunnelse: Tor trenger hjelp fra flere tjenester over tid.", "Svarene gir: <strong>Individuell plan og koordinator")
		// the page in English; the letter stays in the language the citizen will read it in
		en := tw.leaInEnglish()
		checkPage(t, en.post(page, answers), http.StatusOK, "Assess the inquiry from Tor Prøvesen", "The answers give: <strong>Individual plan and coordinator",
			"Preview the letter", "Du har rett til individuell plan og koordinator")
		if inbox, err := tw.co.Inbox(tw.as("lea")); err != nil || len(inbox) != 1 {
			t.Fatalf("inbox after the preview: %d items, %v", len(inbox), err)
		}

		answers.Set("do", "save")
		got = lea.post(page, answers)
		checkPage(t, got, http.StatusOK, "Vurderingen er lagret", `data-testid="outcome">Individuell plan og koordinator`,
			"Svar på henvendelse til koordinerende enhet, ref. KE-2026-", `href="/unit/appoint?for=Patient%2Fp2"`, "Oppnevn koordinator")
		ov, err := tw.co.UnitLeadOverview(tw.as("lea"))
		if err != nil {
			t.Fatal(err)
		}
		if len(ov.Inbox) != 0 || len(ov.ByStage[coordination.StageAssessed]) != 1 || ov.ByStage[coordination.StageAssessed][0].Patient != "Patient/p2" {
			t.Fatalf("overview after the assessment: inbox %d, assessed %+v", len(ov.Inbox), ov.ByStage[coordination.StageAssessed])
		}
		list, err := tw.co.Candidates(tw.as("lea"), "p2", "")
		if err != nil || list.Proposal != "Berit Barnevik" || len(list.Candidates) != 2 {
			t.Fatalf("candidates after the assessment: %+v, %v", list, err)
		}
		if again := lea.get("/unit"); !strings.Contains(again.body, `href="/unit/appoint?for=Patient%2fp2"`) {
			t.Error("the unit's cases do not link the assessed case to the appointment")
		}
		if again := lea.get(page); again.status != http.StatusNotFound {
			t.Errorf("the assessed inquiry's form: %d, want the missing page", again.status)
		}
	})
}

// TestUnitAssessRelative: a relative's inquiry waits for the citizen's consent, which the unit
// lead records on the page; then it can be assessed.
func TestUnitAssessRelative(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		rc, err := tw.co.SubmitInquiry(tw.as("per"), intake.InquiryInput{Subject: "p1", Need: "Siri klarer seg ikke alene"})
		if err != nil {
			t.Fatal(err)
		}
		page := "/unit/inquiries/" + rc.Inquiry.ID
		lea := tw.signIn("lea")
		checkPage(t, lea.get(page), http.StatusOK, "Vurder henvendelsen", "Innbyggeren må samtykke før vurderingen", `action="`+page+`/consent"`)
		got := lea.post(page, url.Values{"outcome": {"no-need"}, "reasons": {"Kort behov"}, "kind": {"ordinary"}, "do": {"save"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Vurder henvendelsen", "Innbyggerens samtykke til at pårørende henvender seg")
		if got := lea.post(page+"/consent", url.Values{}); got.status != http.StatusSeeOther || got.header.Get("Location") != page {
			t.Fatalf("recording the consent: %d to %q", got.status, got.header.Get("Location"))
		}
		checkPage(t, lea.post(page, url.Values{"outcome": {"no-need"}, "reasons": {"Behovet er kortvarig."}, "kind": {"ordinary"}, "do": {"save"}}),
			http.StatusOK, "Vurderingen er lagret", "Ikke behov", "Begrunnelse: Behovet er kortvarig.")
	})
}
