package coordination

import (
	"net/http"
	"testing"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// otherStaff are two staff members outside the plan who reach p1 through other workflows' records:
// k2, a coordinator of another service in the hospital's team, and the home care nurse h1, care
// manager of the home care episode (both hold the coordinator role).
func otherStaff(t *testing.T, api *apiServer) {
	t.Helper()
	if code, body := api.put("", parse(t, `{"resourceType":"Practitioner","id":"k2","name":[{"text":"Kjell Koordinator"}]}`)); code != http.StatusCreated {
		t.Fatalf("seeding Practitioner/k2: %d %s", code, body)
	}
	api.who["k2"] = &access.Principal{UserID: "u8", Roles: []access.Role{access.Coordinator}, PractitionerID: "k2", Units: []string{"homecare"}}
	api.who["nurse"] = &access.Principal{UserID: "u9", Roles: []access.Role{access.Coordinator}, PractitionerID: "h1", Units: []string{"homecare"}}
}

// declinedPlanConsent is a consent to the plan that the citizen declined (status rejected).
func declinedPlanConsent(t *testing.T) string {
	t.Helper()
	r := consent.ConsentToFHIR(consent.Consent{ID: "avslag-1", Patient: "Patient/p1", GivenBy: "Patient/p1", GivenAt: start,
		RecordedBy: "Practitioner/k1", MakePlan: true})
	r.Object().Set("status", "rejected")
	return string(r.Bytes())
}

// TestRuleReachConsent: a Consent of another category, or one never given, neither triggers the
// withdrawal nor is refused by the plan's rules, and the withdrawal changes the plan and its
// team only; the consent to the plan still binds who may write it and what follows from it.
func TestRuleReachConsent(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		otherStaff(t, api)
		appointed(t, w, careFacts(), false)
		ip := must[plan.IndividualPlan](t)(w.co.OpenPlan(as(w.coordinator), "p1", "Siris plan"))
		// no consent to the plan is in force yet
		api.writeAsSent(st, []asSent{
			{"a hospital's team of the citizen", "", hospitalTeam},
			{"a hospital's treatment plan", "", hospitalPlan},
			{"the home care service's episode", "", homeNursingOf("p1")},
			{"a treatment consent", "", treatmentConsent("behandling-1", "active", "Patient/p1")},
			{"a research consent", "", researchConsent("forskning-1")},
			{"a consent to the plan the citizen declined", "", declinedPlanConsent(t)},
		})
		if _, err := w.co.ActivatePlan(as(w.coordinator), ip.ID); !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("service: the plan active on a declined consent = %v, want Unprocessable", err)
		}
		cp := api.read("/CarePlan/" + ip.ID)
		cp.Object().Set("status", "active")
		if code, body := api.put("", cp); code != http.StatusUnprocessableEntity {
			t.Errorf("API: the plan active on a declined consent = %d %s, want 422", code, body)
		}

		must[consent.Consent](t)(w.co.RecordConsent(as(w.citizen), consentInput()))
		must[plan.IndividualPlan](t)(w.co.AddParticipant(as(w.coordinator), ip.ID, participant()))
		must[plan.IndividualPlan](t)(w.co.AddGoal(as(w.coordinator), ip.ID, plan.GoalInput{Text: "Gå tur"}))
		must[plan.IndividualPlan](t)(w.co.ActivatePlan(as(w.coordinator), ip.ID))
		v := must[plan.PlanView](t)(w.co.Plan(as(w.coordinator), ip.ID))
		goal, planConsent := ip.ID+"-"+v.Plan.Goals[0].ID, "/Consent/"+v.Plan.ConsentID
		api.writeAsSent(st, []asSent{
			{"a treatment consent the relative gave at the hospital", "", treatmentConsent("behandling-2", "active", "RelatedPerson/rp1")},
			{"a research consent recorded by a coordinator outside the plan", "k2", researchConsent("forskning-2")},
			{"a rejected treatment consent recorded by a coordinator outside the plan", "k2", treatmentConsent("behandling-3", "rejected", "Patient/p1")},
		})
		withdrawn := func(o *fhir.Object) { o.Set("status", "inactive") }
		runRows(t, api, []apiRow{
			{"the relative (no guardian) changes the citizen's words", "relative", api.edited("/Goal/"+goal, func(o *fhir.Object) {
				o.Set("description", kernel.ObjectOf("text", "Annet"))
			}), http.StatusForbidden},
			{"a coordinator outside the plan withdraws the consent to the plan", "k2", api.edited(planConsent, withdrawn), http.StatusForbidden},
			{"the care manager of another service's episode withdraws it", "nurse", api.edited(planConsent, withdrawn), http.StatusForbidden},
		})
		if _, err := w.co.SetGoalWords(as(w.relative), ip.ID, v.Plan.Goals[0].ID, "Annet"); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("service: the relative changes the citizen's words = %v, want Forbidden", err)
		}

		// the citizen withdraws the consent to the plan (status inactive, no time of withdrawal):
		// the plan and its team change, nothing else
		before := stored(t, st)
		if code, body := api.put("citizen", api.edited(planConsent, withdrawn)()); code != http.StatusOK {
			t.Fatalf("API: the citizen withdraws = %d %s", code, body)
		}
		expectChanged(t, st, "the withdrawal", before, planConsent[1:], "CarePlan/"+ip.ID, "CareTeam/"+ip.ID+"-team")
		if s := api.status("/CarePlan/" + ip.ID); s != "on-hold" {
			t.Errorf("the plan after the withdrawal is %s, want on-hold", s)
		}
		if code, _ := api.do("provider", http.MethodGet, "/CarePlan/"+ip.ID, ""); code != http.StatusNotFound {
			t.Errorf("the provider reads the plan after the withdrawal: %d, want 404", code)
		}
		api.writeAsSent(st, []asSent{
			{"a treatment consent after the withdrawal", "", treatmentConsent("behandling-4", "active", "Patient/p1")},
		})
	})
}
