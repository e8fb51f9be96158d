package coordination

import (
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/coordinators"
	"veiviser/internal/intake"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestFlow walks issue 5's flow through the services on both stores: inquiry, assessment,
// appointment (the coordinator reaches the citizen at once), consent, a plan with two goals and
// three measures, a meeting with a follow-up, progress by the provider, a comment by the citizen,
// versions and diff, withdrawal (the provider can no longer open the plan).
func TestFlow(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		rc := must[intake.Receipt](t)(w.co.SubmitInquiry(as(w.citizen), intake.InquiryInput{Subject: "p1", Need: "Hjelp i hverdagen",
			CurrentServices: []string{"fysioterapi", "hjemmesykepleie"}, ProposedCoordinator: "Kari Koordinator"}))
		if rc.Inquiry.Reference != "KE-2026-00001" {
			t.Errorf("reference = %q", rc.Inquiry.Reference)
		}
		inbox := must[[]intake.InboxItem](t)(w.co.Inbox(as(w.lead)))
		if len(inbox) != 1 || inbox[0].PatientName != "Siri Testmo" {
			t.Fatalf("inbox = %+v", inbox)
		}
		if _, err := w.co.CoordinatorWorkspace(as(w.coordinator)); err != nil {
			t.Fatal(err)
		}
		if _, err := w.co.Consents(as(w.coordinator), "p1"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("coordinator before appointment: %v, want NotFound", err)
		}
		must[intake.AssessResult](t)(w.co.Assess(as(w.lead), intake.AssessInput{InquiryID: rc.Inquiry.ID, Facts: careFacts()}))
		cands := must[coordinators.CandidateList](t)(w.co.Candidates(as(w.lead), "p1", ""))
		if len(cands.Candidates) != 1 || !cands.Candidates[0].Proposed || cands.Proposal != "Kari Koordinator" {
			t.Fatalf("candidates = %+v", cands)
		}
		must[coordinators.CoordinatorAppointment](t)(w.co.AppointCoordinator(as(w.lead), coordinators.AppointInput{Patient: "p1", Coordinator: "Practitioner/k1"}))
		ws := must[CoordinatorWorkspace](t)(w.co.CoordinatorWorkspace(as(w.coordinator)))
		if len(ws.Citizens) != 1 || ws.Citizens[0].Stage != StageCoordinator {
			t.Fatalf("workspace after appointment = %+v", ws)
		}
		ip := must[plan.IndividualPlan](t)(w.co.OpenPlan(as(w.coordinator), "p1", "Siris plan"))
		must[consent.Consent](t)(w.co.RecordConsent(as(w.citizen), consentInput()))
		must[plan.IndividualPlan](t)(w.co.AddParticipant(as(w.coordinator), ip.ID, participant()))
		for _, g := range []string{"Gå tur alene", "Lage middag selv"} {
			must[plan.IndividualPlan](t)(w.co.AddGoal(as(w.coordinator), ip.ID, plan.GoalInput{Text: g}))
		}
		for _, m := range []plan.Measure{
			{Title: "Fysioterapi", Provider: "Organization/physio", ResponsiblePerson: "Practitioner/f1", Scope: "2 timer per uke"},
			{Title: "Hjemmesykepleie", Provider: "Organization/homecare", Scope: "daglig"},
			{Title: "Trening", Provider: "Organization/physio", Scope: "1 time per uke"},
		} {
			must[plan.IndividualPlan](t)(w.co.AddMeasure(as(w.coordinator), ip.ID, m))
		}
		ip = must[plan.IndividualPlan](t)(w.co.ActivatePlan(as(w.coordinator), ip.ID))
		if ip.Status != plan.PlanActive {
			t.Fatalf("status = %s", ip.Status)
		}
		v := must[plan.PlanView](t)(w.co.Plan(as(w.coordinator), ip.ID))
		if len(v.Plan.Goals) != 2 || len(v.Plan.Measures) != 3 {
			t.Fatalf("plan = %+v", v.Plan)
		}
		m := must[meetings.Meeting](t)(w.co.PlanMeeting(as(w.coordinator), meetings.MeetingInput{Plan: ip.ID, Start: start.AddDate(0, 0, 7),
			Participants: []string{"Patient/p1", "Practitioner/f1"}}))
		w.clock.Advance(7 * 24 * 3600e9)
		held := must[meetings.Meeting](t)(w.co.HoldMeeting(as(w.coordinator), m.ID, "Vi ble enige om trening.",
			[]meetings.FollowUp{{Description: "Bestille treningsutstyr", Owner: "Practitioner/k1"}}))
		if len(held.Actions) != 1 || held.Actions[0].Due.IsZero() {
			t.Fatalf("actions = %+v", held.Actions)
		}
		ws = must[CoordinatorWorkspace](t)(w.co.CoordinatorWorkspace(as(w.coordinator)))
		if len(ws.Tasks) != 1 {
			t.Errorf("open tasks = %+v", ws.Tasks)
		}
		m1 := v.Plan.Measures[0].ID
		must[plan.IndividualPlan](t)(w.co.RecordProgress(as(w.provider), ip.ID, m1, "Første time gjennomført"))
		pw := must[ProviderWorkspace](t)(w.co.ProviderWorkspace(as(w.provider)))
		if len(pw.Plans) != 1 {
			t.Errorf("provider workspace = %+v", pw)
		}
		must[plan.IndividualPlan](t)(w.co.Comment(as(w.citizen), ip.ID, "Takk, dette ser bra ut"))
		must[plan.IndividualPlan](t)(w.co.ProposeGoal(as(w.citizen), ip.ID, "Gå på kino"))
		cw := must[CitizenWorkspace](t)(w.co.CitizenWorkspace(as(w.citizen)))
		if cw.Plan == nil || cw.Coordinator == nil || cw.Coordinator.Phone == "" || len(cw.Plan.Plan.Comments) != 1 {
			t.Fatalf("citizen workspace = %+v", cw)
		}
		versions := must[[]plan.PlanVersion](t)(w.co.Versions(as(w.coordinator), ip.ID))
		if len(versions) < 8 || versions[0].By == "" {
			t.Fatalf("versions = %+v", versions)
		}
		diff := must[[]plan.Change](t)(w.co.Diff(as(w.coordinator), ip.ID, 1, versions[0].N))
		if len(diff) == 0 {
			t.Error("no difference between the first and the last version")
		}
		log := must[AccessLogPage](t)(w.co.AccessLogFor(as(w.citizen), "p1", 0)).Entries
		if len(log) == 0 {
			t.Error("the citizen's access log is empty")
		}
		consents := must[[]consent.Consent](t)(w.co.Consents(as(w.citizen), "p1"))
		must[consent.Consent](t)(w.co.WithdrawConsent(as(w.citizen), consents[0].ID))
		if _, err := w.co.Plan(as(w.provider), ip.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("provider after withdrawal: %v, want NotFound", err)
		}
		v = must[plan.PlanView](t)(w.co.Plan(as(w.coordinator), ip.ID))
		if v.Plan.Status != plan.PlanOnHold {
			t.Errorf("plan after withdrawal = %s, want on-hold", v.Plan.Status)
		}
	})
}
