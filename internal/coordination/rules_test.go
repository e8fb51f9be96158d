package coordination

import (
	"net/http"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/coordinators"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// Each rule of issue 5 has its own test, on both stores, through the services and through the
// FHIR API.

func appointed(t *testing.T, w *world, facts intake.NeedFacts, declined bool) intake.AssessResult {
	t.Helper()
	rc := must[intake.Receipt](t)(w.co.SubmitInquiry(as(w.citizen), intake.InquiryInput{Subject: "p1", Need: "Hjelp"}))
	res := must[intake.AssessResult](t)(w.co.Assess(as(w.lead), intake.AssessInput{InquiryID: rc.Inquiry.ID, Facts: facts, PlanDeclined: declined}))
	must[coordinators.CoordinatorAppointment](t)(w.co.AppointCoordinator(as(w.lead), coordinators.AppointInput{Patient: "p1", Coordinator: "Practitioner/k1"}))
	return res
}

func TestRuleNoActivePlanWithoutConsent(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		appointed(t, w, careFacts(), false)
		plan := must[plan.IndividualPlan](t)(w.co.OpenPlan(as(w.coordinator), "p1", "Plan"))
		if _, err := w.co.ActivatePlan(as(w.coordinator), plan.ID); !apperr.Is(err, apperr.Unprocessable) {
			t.Fatalf("service: activate without consent = %v, want Unprocessable", err)
		}
		cp := api.read("/CarePlan/" + plan.ID)
		cp.Object().Set("status", "active")
		if code, body := api.put("", cp); code != http.StatusUnprocessableEntity {
			t.Fatalf("API (system client): active without consent = %d %s, want 422", code, body)
		}
		must[consent.Consent](t)(w.co.RecordConsent(as(w.citizen), consentInput()))
		if code, body := api.put("", cp); code != http.StatusOK {
			t.Fatalf("API: active with consent = %d %s, want 200", code, body)
		}
	})
}

func TestRuleCoordinatorOfferedWithoutPlan(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		res := appointed(t, w, careFacts(), true)
		if res.Assessment.Outcome != intake.OutcomeCoordinatorOnly || res.Next[0] != intake.StepAppointCoordinator {
			t.Fatalf("declined plan: outcome %s, next %v", res.Assessment.Outcome, res.Next)
		}
		ws := must[CoordinatorWorkspace](t)(w.co.CoordinatorWorkspace(as(w.coordinator)))
		if len(ws.Citizens) != 1 || ws.Citizens[0].Stage != StageCoordinatorOnly {
			t.Fatalf("coordinator workspace = %+v", ws.Citizens)
		}
		if code, body := api.do("coordinator", http.MethodGet, "/Patient/p1", ""); code != http.StatusOK {
			t.Fatalf("API: the coordinator without a plan reads the citizen: %d %s", code, body)
		}
	})
}

func TestRuleLongTermAndCoordinated(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		rc := must[intake.Receipt](t)(w.co.SubmitInquiry(as(w.citizen), intake.InquiryInput{Subject: "p1", Need: "Hjelp"}))
		short := intake.NeedFacts{LongTerm: false, Services: []string{"fysioterapi", "hjemmesykepleie"}}
		if _, err := w.co.Assess(as(w.lead), intake.AssessInput{InquiryID: rc.Inquiry.ID, Facts: short, Outcome: intake.OutcomePlanAndCoordinator}); !apperr.Is(err, apperr.Unprocessable) {
			t.Fatalf("plan for a short-term need = %v, want Unprocessable", err)
		}
		one := intake.NeedFacts{LongTerm: true, Services: []string{"fysioterapi"}}
		if _, err := w.co.Assess(as(w.lead), intake.AssessInput{InquiryID: rc.Inquiry.ID, Facts: one}); !apperr.Is(err, apperr.Unprocessable) {
			t.Fatalf("no need without reasons = %v, want Unprocessable", err)
		}
		res := must[intake.AssessResult](t)(w.co.Assess(as(w.lead), intake.AssessInput{InquiryID: rc.Inquiry.ID, Facts: careFacts()}))
		if res.Assessment.Outcome != intake.OutcomePlanAndCoordinator {
			t.Fatalf("outcome = %s", res.Assessment.Outcome)
		}
		if code, body := api.do("", http.MethodGet, "/Task?code="+kernel.CSTaskKind+"|assessment", ""); code != http.StatusOK || !contains(body, "plan-and-coordinator") {
			t.Fatalf("API: the assessment = %d %s", code, body)
		}
	})
}

func TestRuleWithdrawalStopsSharing(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		planID := w.planWithConsent()
		must[plan.IndividualPlan](t)(w.co.ActivatePlan(as(w.coordinator), planID))
		if _, err := w.co.Plan(as(w.provider), planID); err != nil {
			t.Fatalf("provider before withdrawal: %v", err)
		}
		for _, who := range []string{"provider", "relative"} {
			if code, body := api.do(who, http.MethodGet, "/CarePlan/"+planID, ""); code != http.StatusOK {
				t.Fatalf("API: %s before withdrawal = %d %s", who, code, body)
			}
		}
		// the withdrawal comes in over the API, from the citizen
		consents := must[[]consent.Consent](t)(w.co.Consents(as(w.citizen), "p1"))
		c := api.read("/Consent/" + consents[0].ID)
		withdrawn := consent.ConsentToFHIR(consent.Withdraw(consents[0], "Patient/p1", w.clock.Now()))
		withdrawn.SetID(c.ID())
		if code, body := api.put("citizen", withdrawn); code != http.StatusOK {
			t.Fatalf("API: withdraw = %d %s", code, body)
		}
		for _, who := range []string{"provider", "relative"} {
			if code, _ := api.do(who, http.MethodGet, "/CarePlan/"+planID, ""); code != http.StatusNotFound {
				t.Errorf("API: %s after withdrawal = %d, want 404", who, code)
			}
		}
		if _, err := w.co.Plan(as(w.provider), planID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("service: provider after withdrawal = %v, want NotFound", err)
		}
		if st := api.read("/CarePlan/" + planID); kernel.PathString(st.Object(), "status") != "on-hold" {
			t.Errorf("plan status after withdrawal = %s, want on-hold", kernel.PathString(st.Object(), "status"))
		}
		if _, err := w.co.Plan(as(w.coordinator), planID); err != nil {
			t.Errorf("the coordinator keeps the case: %v", err)
		}
	})
}

func contains(s, sub string) bool {
	return len(sub) == 0 || (len(s) >= len(sub) && indexOf(s, sub) >= 0)
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}
