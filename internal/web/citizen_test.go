package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/consent"
	"veiviser/internal/intake"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestCitizenPagesRender(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withPlan()
		siri := tw.signIn("siri")
		tests := []struct {
			path, h1 string
			content  []string
		}{
			{"/citizen", "Min side", []string{"Siri Testmo", `href="/citizen/plan"`, "Kari Koordinator", "Hjelp etter hjerneslag"}},
			{"/citizen/inquiry", "Send henvendelse", []string{`name="need"`, "Meg selv (Siri Testmo)", `hx-post="/drafts"`}},
			{"/citizen/plan", "Siris plan", []string{"1. Mål, ressurser og behov", "9. Samarbeid med andre", "Kari Koordinator", "Foreslå et mål"}},
			{"/citizen/coordinator", "Min koordinator", []string{"Kari Koordinator", "99 00 00 01", "kari@fjordvik.example"}},
			{"/citizen/consent", "Samtykke", []string{`name="makeplan"`, "Hva får Per Testmo se?"}},
			{"/citizen/access-log", "Hvem har sett mine opplysninger", []string{"Lea Leder", "Kari Koordinator"}},
		}
		for _, tt := range tests {
			t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
				checkPage(t, siri.get(tt.path), http.StatusOK, tt.h1, tt.content...)
			})
		}
	})
}

// TestCitizenPagesInEnglish: a citizen who chose English reads the pages in English only, with
// no bokmål twin beside it; the values (names, the plan's title) stay as they are.
func TestCitizenPagesInEnglish(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withPlan()
		siri := tw.signIn("siri").speaking("en")
		tests := []struct {
			path, h1 string
			content  []string
			bokmal   []string // the bokmål the page must not show
		}{
			{"/citizen", "My page", []string{"Hello, Siri Testmo.", "My coordinator", "Send an inquiry"}, []string{"Min side", "Hei,"}},
			{"/citizen/inquiry", "Send an inquiry to the coordinating unit", []string{"Whom is the inquiry about?", "Send the inquiry"}, []string{"Hva trenger du hjelp til?"}},
			{"/citizen/plan", "My plan: Siris plan", []string{"1. Goals, resources and needs", "9. Cooperation with others", "Propose a goal"}, []string{"Foreslå et mål", "Samarbeid med andre"}},
			{"/citizen/coordinator", "My coordinator", []string{"Phone", "Kari Koordinator"}, []string{"Telefon"}},
			{"/citizen/consent", "Consent", []string{"What may Per Testmo see?", "The whole plan", "Give consent"}, []string{"Hva får", "Gi samtykke"}},
			{"/citizen/access-log", "Who has seen my data", []string{"Accesses, newest first", "created"}, []string{"Hvem har sett", "opprettet"}},
			{"/citizen/my-data", "My data", []string{"Download a copy"}, []string{"Last ned"}},
			{"/citizen/letters", "Letters", []string{"newest first"}, []string{"nyeste først"}},
		}
		for _, tt := range tests {
			t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
				got := siri.get(tt.path)
				checkPage(t, got, http.StatusOK, tt.h1, tt.content...)
				if !strings.Contains(got.body, `<html lang="en"`) {
					t.Error("the page does not say it is in English")
				}
				for _, nb := range tt.bokmal {
					if strings.Contains(got.body, nb) {
						t.Errorf("the English page shows the bokmål %q", nb)
					}
				}
			})
		}
	})
}

func TestCitizenOutsideReach(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		plan := tw.withPlan()
		tor, per, lea := tw.signIn("tor"), tw.signIn("per"), tw.signIn("lea")
		for _, c := range []struct {
			b    *browser
			path string
		}{
			{tor, "/citizen/plan?for=Patient/p1"},           // another citizen's plan
			{per, "/relative/plan?for=Patient/p1"},          // a relative without consent
			{tor, "/citizen/consent/" + plan + "/withdraw"}, // no such consent of Tor's
			{lea, "/citizen/plan"},                          // not a citizen
			{tor, "/unit/inbox"},                            // not the unit lead
		} {
			got := c.b.get(c.path)
			checkPage(t, got, http.StatusNotFound, "Fant ikke siden")
			if strings.Contains(got.body, "Siri") {
				t.Errorf("%s: the missing page names the citizen", c.path)
			}
		}
	})
}

func TestCitizenInquiry(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		gro := tw.signIn("gro")
		form := gro.get("/citizen/inquiry")
		checkPage(t, form, http.StatusOK, "Send henvendelse", "Meg selv (Gro Eksempel)", "Ola Eksempel (barn jeg er foresatt for)")

		// refused: no need written; every typed value comes back with a bokmål message
		typed := url.Values{"subject": {"Patient/c1"}, "services": {"Barnehage\nFysioterapi"}, "proposal": {"Kari Koordinator"}}
		got := gro.post("/citizen/inquiry", typed)
		checkPage(t, got, http.StatusUnprocessableEntity, "Send henvendelse", "Skriv hva du trenger hjelp til.",
			"Barnehage\nFysioterapi</textarea>", `value="Kari Koordinator"`, `value="Patient/c1" checked`, `class="ds-error-summary"`)

		// the draft is kept: the form opened again holds what was typed
		again := gro.get("/citizen/inquiry")
		checkPage(t, again, http.StatusOK, "Send henvendelse", "Vi har tatt vare på det du skrev sist", `value="Kari Koordinator"`, "Barnehage\nFysioterapi</textarea>")

		typed.Set("need", "Ola trenger hjelp i barnehagen")
		got = gro.post("/citizen/inquiry", typed)
		checkPage(t, got, http.StatusOK, "Henvendelsen er mottatt", `data-testid="reference">KE-2026-`)
		inbox, err := tw.co.Inbox(tw.as("lea"))
		if err != nil {
			t.Fatal(err)
		}
		if len(inbox) != 1 || inbox[0].Inquiry.Subject != "Patient/c1" || inbox[0].Inquiry.Source != intake.FromGuardian ||
			inbox[0].Inquiry.ProposedCoordinator != "Kari Koordinator" || len(inbox[0].Inquiry.CurrentServices) != 2 {
			t.Fatalf("inbox after sending: %+v", inbox)
		}
		if again := gro.get("/citizen/inquiry"); strings.Contains(again.body, "Vi har tatt vare på") {
			t.Error("the draft is still restored after the inquiry was sent")
		}
		// a subject the person is not linked to is refused as a form error, not sent
		got = gro.post("/citizen/inquiry", url.Values{"subject": {"Patient/p1"}, "need": {"x"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Send henvendelse", "Velg hvem henvendelsen gjelder.")
	})
}

func TestCitizenPlanCommentAndProposal(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		plan := tw.withPlan()
		siri := tw.signIn("siri")
		got := siri.post("/citizen/plan/comment", url.Values{"text": {"  "}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Siris plan", "Skriv noe før du sender.")
		got = siri.post("/citizen/plan/comment", url.Values{"text": {"Jeg vil trene om morgenen"}})
		if got.status != http.StatusSeeOther || got.header.Get("Location") != "/citizen/plan?saved=comment" {
			t.Fatalf("comment: %d to %q\n%s", got.status, got.header.Get("Location"), got.body)
		}
		got = siri.post("/citizen/plan/proposal", url.Values{"text": {"Gå til butikken selv"}})
		if got.status != http.StatusSeeOther {
			t.Fatalf("proposal: %d\n%s", got.status, got.body)
		}
		v, err := tw.co.Plan(tw.as("kari"), plan)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Plan.Comments) != 1 || v.Plan.Comments[0].Text != "Jeg vil trene om morgenen" ||
			len(v.Plan.GoalProposals) != 1 || v.Plan.GoalProposals[0].Text != "Gå til butikken selv" {
			t.Fatalf("plan after posting: comments %+v, proposals %+v", v.Plan.Comments, v.Plan.GoalProposals)
		}
		checkPage(t, siri.get("/citizen/plan?saved=comment"), http.StatusOK, "Siris plan", "Lagret.", "Jeg vil trene om morgenen", "«Gå til butikken selv»")
	})
}

func TestCitizenConsentGiveAndWithdraw(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withPlan()
		siri, per := tw.signIn("siri"), tw.signIn("per")
		// refused: nothing chosen, and a date in the past; typed values kept
		got := siri.post("/citizen/consent", url.Values{"see-RelatedPerson/rp1": {"all"}, "until-RelatedPerson/rp1": {"2020-01-01"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Samtykke", "Datoen må være etter i dag.", `value="2020-01-01"`, `value="all" checked`)
		got = siri.post("/citizen/consent", url.Values{"makeplan": {"yes"}, "see-RelatedPerson/rp1": {"all"}, "until-RelatedPerson/rp1": {"2026-12-31"}})
		if got.status != http.StatusSeeOther {
			t.Fatalf("consent: %d\n%s", got.status, got.body)
		}
		consents, err := tw.co.Consents(tw.as("siri"), "p1")
		if err != nil {
			t.Fatal(err)
		}
		if len(consents) != 1 || !consents[0].MakePlan || len(consents[0].Grants) != 1 || consents[0].Grants[0].Participant != "RelatedPerson/rp1" ||
			consents[0].Grants[0].Until.Format("2006-01-02") != "2026-12-31" {
			t.Fatalf("consents after giving: %+v", consents)
		}
		id := consents[0].ID
		checkPage(t, siri.get("/citizen/consent?saved=given"), http.StatusOK, "Samtykke", "Samtykket er lagret.", "Per Testmo får se", "/citizen/consent/"+id+"/withdraw")
		// the relative now reads the plan, as far as granted, and may comment
		checkPage(t, per.get("/relative/plan?for=Patient/p1"), http.StatusOK, "Siris plan", "Skriv en kommentar")
		checkPage(t, per.get("/relative"), http.StatusOK, "Min side som pårørende", "Siri Testmo", `href="/relative/plan?for=Patient%2fp1"`)

		// withdrawing takes a confirm step, then ends the relative's access at once
		confirm := siri.get("/citizen/consent/" + id + "/withdraw")
		checkPage(t, confirm, http.StatusOK, "Trekke samtykket?", "Ja, trekk samtykket", `action="/citizen/consent/`+id+`/withdraw"`)
		if got := siri.post("/citizen/consent/"+id+"/withdraw", url.Values{}); got.status != http.StatusSeeOther {
			t.Fatalf("withdraw: %d\n%s", got.status, got.body)
		}
		consents, _ = tw.co.Consents(tw.as("siri"), "p1")
		if consents[0].Status != consent.ConsentWithdrawn {
			t.Fatalf("status after withdrawing: %s", consents[0].Status)
		}
		checkPage(t, per.get("/relative/plan?for=Patient/p1"), http.StatusNotFound, "Fant ikke siden")
	})
}

func TestCitizenAccessLog(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withPlan()
		if _, err := tw.co.Plan(tw.as("kari"), "missing"); err == nil {
			t.Fatal("a missing plan was found")
		}
		siri := tw.signIn("siri")
		got := siri.get("/citizen/access-log")
		checkPage(t, got, http.StatusOK, "Hvem har sett mine opplysninger", "Kari Koordinator", "Lea Leder", "individuell plan", "opprettet")
		if strings.Contains(got.body, `data-testid="emergency"`) {
			t.Error("an ordinary access is flagged as emergency access")
		}
	})
}

func TestUnitPages(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		if _, err := tw.co.SubmitInquiry(tw.as("tor"), intake.InquiryInput{Subject: "p2", Need: "Hjelp hjemme"}); err != nil {
			t.Fatal(err)
		}
		tw.withPlan()
		lea := tw.signIn("lea")
		checkPage(t, lea.get("/unit"), http.StatusOK, "Enhetens saker", "Venter på vurdering (1)", "Tor Prøvesen", "Plan under arbeid", "Siri Testmo")
		checkPage(t, lea.get("/unit/inbox"), http.StatusOK, "Nye henvendelser", "Tor Prøvesen", "KE-2026-")
		tw.clock.Advance(60 * 24 * time.Hour)
		checkPage(t, tw.signIn("lea").get("/unit/inbox"), http.StatusOK, "Nye henvendelser", `data-testid="late"`) // a new session: the old one has expired
		checkPage(t, tw.signIn("siri").get("/unit/inbox"), http.StatusNotFound, "Fant ikke siden")
	})
}

func TestRelativeInquiry(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		per := tw.signIn("per")
		checkPage(t, per.get("/relative/inquiry"), http.StatusOK, "Send henvendelse", "Siri Testmo (som pårørende)", `name="consent"`)
		got := per.post("/relative/inquiry", url.Values{"subject": {"Patient/p1"}, "need": {"Siri klarer seg ikke alene"}, "consent": {"yes"}})
		checkPage(t, got, http.StatusOK, "Henvendelsen er mottatt", "KE-2026-")
		inbox, err := tw.co.Inbox(tw.as("lea"))
		if err != nil {
			t.Fatal(err)
		}
		if len(inbox) != 1 || inbox[0].Inquiry.Source != intake.FromRelative || inbox[0].Inquiry.CitizenConsent.IsZero() {
			t.Fatalf("inbox: %+v", inbox)
		}
	})
}
