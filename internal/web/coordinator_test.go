package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/plan"
	"veiviser/internal/signin"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestCoordinatorPagesInAndOutOfReach: every coordinator page renders for Kari about Siri, whom
// she coordinates, and answers as a missing page about Tor, whom she does not; a citizen gets
// the missing page for the coordinator's pages.
func TestCoordinatorPagesInAndOutOfReach(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		plan := "/coordinator/plans/" + planID
		for _, tt := range []struct {
			path, h1 string
			content  []string
		}{
			{"/coordinator", "Arbeidsflate", []string{"Siri Testmo", `href="/coordinator/citizens/p1"`, `href="` + plan + `"`}},
			{"/coordinator/citizens/p1", "Siri Testmo", []string{"Åpne planen", "til individuell plan"}},
			{"/coordinator/citizens/p1/consent", "Samtykke gitt på papir", []string{"Per Testmo", "Frode Fysio", `value="Patient/p1"`}},
			{plan, "Individuell plan for Siri Testmo", []string{"Ta planen i bruk", `href="` + plan + `?open=goal#goals"`, "Kari Koordinator"}},
			{plan + "?open=goal", "Individuell plan for Siri Testmo", []string{`action="` + plan + `/goal"`, `hx-post="/drafts"`}},
			{plan + "/meetings/new", "Nytt ansvarsgruppemøte", []string{"Siri Testmo"}},
			{plan + "/log", "Planens logg", []string{"Planen er opprettet."}},
			{plan + "/versions", "Versjoner av planen", []string{"Versjon 1"}},
		} {
			checkPage(t, kari.get(tt.path), http.StatusOK, tt.h1, tt.content...)
		}
		tw.signIn("tor") // Tor's own case, which Kari has nothing to do with
		for _, path := range []string{"/coordinator/citizens/p2", "/coordinator/citizens/p2/consent", "/coordinator/plans/nosuchplan",
			"/coordinator/plans/nosuchplan/log"} {
			checkPage(t, kari.get(path), http.StatusNotFound, "Fant ikke siden")
		}
		if got := kari.post("/coordinator/citizens/p2/consent", consentOnPaper()); got.status != http.StatusNotFound {
			t.Errorf("consent for a citizen outside reach: %d, want 404", got.status)
		}
		siri := tw.signIn("siri")
		for _, path := range []string{"/coordinator", "/coordinator/citizens/p1", plan, plan + "/versions"} {
			checkPage(t, siri.get(path), http.StatusNotFound, "Fant ikke siden")
		}
	})
}

// TestActivationWithoutConsent: the refusal says there is no valid consent, and the plan stays
// a draft; after the consent on paper it is activated.
func TestActivationWithoutConsent(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withProviders(st)
		planID := tw.withPlan()
		kari := tw.signIn("kari")
		got := kari.post("/coordinator/plans/"+planID+"/activate", url.Values{})
		checkPage(t, got, http.StatusUnprocessableEntity, "Individuell plan", "Det finnes ikke gyldig samtykke", `role="alert"`)
		if p := tw.planOf(planID); p.Status != plan.PlanDraft {
			t.Fatalf("status after refusal = %s", p.Status)
		}
		got = kari.post("/coordinator/citizens/p1/consent", url.Values{"given_by": {"Patient/p1"}, "make_plan": {"yes"}, "until": {"2026-13-40"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Samtykke gitt på papir", "Bekreft at samtykket er gitt skriftlig",
			"Skriv datoen som dd.mm.åååå", `value="2026-13-40"`, `value="Patient/p1" checked`)
		kari.mustPost("/coordinator/citizens/p1/consent", consentOnPaper(), "/coordinator/citizens/p1")
		consents, err := tw.co.Consents(tw.as("kari"), "p1")
		if err != nil || len(consents) != 1 || !consents[0].MakePlan || len(consents[0].Grants) != 3 || consents[0].RecordedBy != "Practitioner/k1" {
			t.Fatalf("consents = %+v, %v", consents, err)
		}
		kari.mustPost("/coordinator/plans/"+planID+"/activate", url.Values{}, "/coordinator/plans/"+planID)
		if p := tw.planOf(planID); p.Status != plan.PlanActive {
			t.Fatalf("status after activation = %s", p.Status)
		}
	})
}

// TestPlanEditor fills in the nine elements through the editor's forms; each change is visible
// through coordination afterwards, a refused form keeps what was typed, and htmx gets the page
// to swap the section in place.
func TestPlanEditor(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		got := kari.post(ip+"/goal", url.Values{"target": {"500 meter"}, "due": {"i morgen"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Individuell plan", "Skriv målet med innbyggerens egne ord",
			`value="500 meter"`, `value="i morgen"`, `aria-invalid="true"`)
		kari.mustPost(ip+"/goal", url.Values{"text": {"Gå tur alene"}, "target": {"500 meter uten hvile"}, "due": {"2026-06-01"}}, ip+"?saved=goals")
		main := tw.planOf(planID).Goals[0]
		got = kari.hx(ip+"/goal", url.Values{"text": {"Gå til postkassen"}, "parent": {main.ID}})
		checkPage(t, got, http.StatusOK, "Individuell plan", "Gå til postkassen", `role="status"`)
		kari.mustPost(ip+"/text", url.Values{"needs": {"Hjelp til trening\nHjelp i hjemmet"}, "resources": {"Broren Per"}}, ip)
		kari.mustPost(ip+"/participant", url.Values{"who": {"Practitioner/f1"}, "role": {"provider"}, "organization": {"Organization/physio"}}, ip)
		kari.mustPost(ip+"/contribution", url.Values{"participant": {"Practitioner/f1"}, "contribution": {"Trening to ganger i uka"}}, ip)
		got = kari.post(ip+"/measure", url.Values{"title": {"Fysioterapi"}, "from": {"2026-04-01"}, "to": {"2026-03-01"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Individuell plan", "Velg hvem som yter tiltaket", "Sluttdatoen må være etter startdatoen", `value="Fysioterapi"`)
		kari.mustPost(ip+"/measure", url.Values{"title": {"Fysioterapi"}, "provider": {"Organization/physio"}, "responsible": {"Practitioner/f1"},
			"scope": {"2 timer per uke"}, "from": {"2026-03-09"}, "to": {"2026-09-01"}, "goals": {main.ID}}, ip)
		kari.mustPost(ip+"/measure", url.Values{"title": {"Hjemmesykepleie"}, "provider": {"Organization/homecare"}, "responsible": {"Practitioner/h1"}, "scope": {"daglig"}}, ip)
		kari.mustPost(ip+"/coordination", url.Values{"coordination": {"Fysioterapeuten og hjemmesykepleien snakker sammen hver fredag."}}, ip)
		got = kari.post(ip+"/period", url.Values{"start": {"2026-03-09"}, "evaluation": {"", ""}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Individuell plan", "Sett minst én evalueringsdato", `value="2026-03-09"`)
		kari.mustPost(ip+"/period", url.Values{"start": {"2026-03-09"}, "end": {"2027-03-09"}, "evaluation": {"2026-06-01", "2026-12-01", ""}}, ip)
		kari.mustPost(ip+"/cooperation", url.Values{"party": {"Fastlegen"}, "purpose": {"Oppfølging av medisiner"}}, ip)
		kari.mustPost(ip+"/evaluation", url.Values{"goal": {main.ID}, "achievement": {"improving"}, "note": {"Går 300 meter"}}, ip)
		kari.mustPost(ip+"/activate", url.Values{}, ip)

		p := tw.planOf(planID)
		if len(p.Goals) != 2 || p.Goals[0].Target != "500 meter uten hvile" || p.Goals[1].Parent != main.ID {
			t.Errorf("goals = %+v", p.Goals)
		}
		if len(p.Needs) != 2 || len(p.Resources) != 1 || len(p.Participants) != 1 || len(p.Contributions) != 1 {
			t.Errorf("needs %v resources %v participants %v contributions %v", p.Needs, p.Resources, p.Participants, p.Contributions)
		}
		if len(p.Measures) != 2 || p.Measures[0].Scope != "2 timer per uke" || p.Measures[0].ResponsiblePerson != "Practitioner/f1" || p.Measures[0].Period.Start.IsZero() {
			t.Errorf("measures = %+v", p.Measures)
		}
		if p.Coordination == "" || len(p.EvaluationDates) != 2 || len(p.Cooperation) != 1 || len(p.Evaluations) != 1 || p.Status != plan.PlanActive {
			t.Errorf("coordination %q evaluation dates %v cooperation %v evaluations %v status %s", p.Coordination, p.EvaluationDates, p.Cooperation, p.Evaluations, p.Status)
		}
		checkPage(t, kari.get(ip), http.StatusOK, "Individuell plan", "Gå tur alene", "Fysioterapitjenesten", "Fastlegen", "Bedre", "01.06.2026")
		checkPage(t, kari.get(ip+"?open=period"), http.StatusOK, "Individuell plan", `value="2026-06-01"`)
		// a draft is restored when the editor is opened again, and a closed form says it has one
		kari.post("/drafts", url.Values{"_form": {"plan/" + planID + "/cooperation"}, "party": {"Skolen"}})
		checkPage(t, kari.get(ip), http.StatusOK, "Individuell plan", "Legg til samarbeidspart (utkast lagret)")
		checkPage(t, kari.get(ip+"?open=cooperation"), http.StatusOK, "Individuell plan", `value="Skolen"`, "Vi har tatt vare på det du skrev sist")
		// the log and a readable difference between the first and the last version
		checkPage(t, kari.get(ip+"/log"), http.StatusOK, "Planens logg", "Mål lagt til: Gå tur alene", "Tiltak lagt til: Fysioterapi", "Planen er tatt i bruk.")
		versions, err := tw.co.Versions(tw.as("kari"), planID)
		if err != nil {
			t.Fatal(err)
		}
		checkPage(t, kari.get(ip+"/versions?a=1&b="+strconv.FormatInt(versions[0].N, 10)), http.StatusOK, "Versjoner av planen", `data-testid="diff"`, "Gå tur alene", "Fysioterapi")
	})
}

// TestMeetingAndTasks plans a meeting, holds it with minutes and an agreed action, and
// completes the action from the workspace.
func TestMeetingAndTasks(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		plan := "/coordinator/plans/" + planID
		got := kari.post(plan+"/meetings/new", url.Values{"location": {"Rådhuset"}, "time": {"25:00"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Nytt ansvarsgruppemøte", "Skriv datoen for møtet", "Skriv klokkeslettet", "Velg hvem som skal inviteres", `value="Rådhuset"`)
		kari.mustPost(plan+"/meetings/new", url.Values{"date": {"2026-03-09"}, "time": {"10:00"}, "location": {"Rådhuset"},
			"invite": {"Patient/p1", "Practitioner/k1"}}, plan+"?saved=meetings")
		meetings, err := tw.co.Meetings(tw.as("kari"), planID)
		if err != nil || len(meetings) != 1 || meetings[0].Location != "Rådhuset" || len(meetings[0].Participants) != 2 {
			t.Fatalf("meetings = %+v, %v", meetings, err)
		}
		mURL := plan + "/meetings/" + meetings[0].ID
		checkPage(t, kari.get(mURL), http.StatusOK, "Møtereferat", "Rådhuset", "kl. 10:00")
		got = kari.post(mURL, url.Values{"minutes": {"Vi ble enige om trening."}, "action1": {"Bestille utstyr"}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Møtereferat", "Velg hvem som har ansvaret", "Vi ble enige om trening.", `value="Bestille utstyr"`)
		kari.mustPost(mURL, url.Values{"minutes": {"Vi ble enige om trening."}, "action1": {"Bestille utstyr"}, "owner1": {"Practitioner/k1"}, "due1": {"2026-03-20"}}, plan)
		ws, err := tw.co.CoordinatorWorkspace(tw.as("kari"))
		if err != nil || len(ws.Tasks) != 1 || ws.Tasks[0].Task.Description != "Bestille utstyr" {
			t.Fatalf("tasks = %+v, %v", ws.Tasks, err)
		}
		checkPage(t, kari.get("/coordinator"), http.StatusOK, "Arbeidsflate", "Bestille utstyr", "20.03.2026")
		tw.clock.Advance(20 * 24 * time.Hour) // past the due date: the task is late, and highlighted
		kari = tw.signIn("kari")
		checkPage(t, kari.get("/coordinator"), http.StatusOK, "Arbeidsflate", "Bestille utstyr", `class="late"`, "forsinket")
		kari.mustPost("/coordinator/tasks/"+ws.Tasks[0].Task.ID+"/complete", url.Values{"back": {"/coordinator"}}, "/coordinator")
		if ws, _ = tw.co.CoordinatorWorkspace(tw.as("kari")); len(ws.Tasks) != 0 {
			t.Errorf("tasks after completing = %+v", ws.Tasks)
		}
	})
}

// TestProviderPages: the provider sees the plans where it has a measure and records progress
// on its own measure only; another provider's measure is refused, and before the consent
// shares the plan it answers as missing.
func TestProviderPages(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		tw.withProviders(st)
		planID := tw.withPlan()
		frode := tw.signIn("frode")
		checkPage(t, frode.get("/provider/plans/"+planID), http.StatusNotFound, "Fant ikke siden")
		kari := tw.signIn("kari")
		kari.mustPost("/coordinator/citizens/p1/consent", consentOnPaper(), "/coordinator/citizens/p1")
		plan := "/coordinator/plans/" + planID
		kari.mustPost(plan+"/measure", url.Values{"title": {"Fysioterapi"}, "provider": {"Organization/physio"}, "responsible": {"Practitioner/f1"}, "scope": {"2 timer per uke"}}, plan)
		kari.mustPost(plan+"/measure", url.Values{"title": {"Hjemmesykepleie"}, "provider": {"Organization/homecare"}, "responsible": {"Practitioner/h1"}, "scope": {"daglig"}}, plan)
		for _, who := range []string{"Practitioner/f1", "Practitioner/h1"} {
			org := map[string]string{"Practitioner/f1": "Organization/physio", "Practitioner/h1": "Organization/homecare"}[who]
			kari.mustPost(plan+"/participant", url.Values{"who": {who}, "role": {"provider"}, "organization": {org}}, plan)
		}
		ms := tw.planOf(planID).Measures
		physio, homecare := ms[0].ID, ms[1].ID
		checkPage(t, frode.get("/provider"), http.StatusOK, "Planer med våre tiltak", "Siri Testmo", "Fysioterapi", `href="/provider/plans/`+planID+`"`)
		page := frode.get("/provider/plans/" + planID)
		checkPage(t, page, http.StatusOK, "Planen til Siri Testmo", "Hjemmesykepleie", `action="/provider/plans/`+planID+`/measures/`+physio+`/progress"`)
		if strings.Contains(page.body, "/measures/"+homecare+"/progress") {
			t.Error("the page offers a progress form on another provider's measure")
		}
		got := frode.post("/provider/plans/"+planID+"/measures/"+physio+"/progress", url.Values{"progress": {"  "}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Planen til Siri Testmo", "Skriv hva som er gjort")
		frode.mustPost("/provider/plans/"+planID+"/measures/"+physio+"/progress", url.Values{"progress": {"Første time gjennomført"}}, "/provider/plans/"+planID)
		got = frode.post("/provider/plans/"+planID+"/measures/"+homecare+"/progress", url.Values{"progress": {"Ikke min"}})
		checkPage(t, got, http.StatusForbidden, "Ikke tillatt", "En tjenesteyter kan bare rapportere på egne tiltak")
		ms = tw.planOf(planID).Measures
		if len(ms[0].Progress) != 1 || ms[0].Progress[0].Text != "Første time gjennomført" || len(ms[1].Progress) != 0 {
			t.Fatalf("progress: %+v / %+v", ms[0].Progress, ms[1].Progress)
		}
		checkPage(t, tw.signIn("hanne").get("/provider"), http.StatusOK, "Planer med våre tiltak", "Hjemmesykepleie")
		// the coordinator's pages are not the provider's
		checkPage(t, frode.get(plan), http.StatusNotFound, "Fant ikke siden")
	})
}

// TestStaffWorkspaceUnlinked: a coordinator or provider whose user is not linked to a member of
// staff in the records gets an empty start page that says so, not a refusal.
func TestStaffWorkspaceUnlinked(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		accounts, err := store.AccountsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		tw.user(accounts, signin.NewUser{Username: "ulla", Name: "Ulla Uten", Roles: []access.Role{access.Coordinator, access.ServiceProvider}})
		ulla := tw.signIn("ulla")
		checkPage(t, ulla.get("/coordinator"), http.StatusOK, "Arbeidsflate", "ikke knyttet til en ansatt", "Du er ikke koordinator for noen")
		checkPage(t, ulla.get("/provider"), http.StatusOK, "Planer med våre tiltak", "ikke knyttet til en ansatt")
		checkPage(t, ulla.get("/"), http.StatusOK, "Planer med våre tiltak") // the workspace opened last
	})
}
