package coordination

import (
	"net/http"
	"testing"

	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// reachPlan is the world's active plan (a goal, a measure, consent, a planned meeting), the
// staff of other services (otherStaff) and the hospital's team of the citizen.
func reachPlan(t *testing.T, st store.Store) (w *world, api *apiServer, planID, goalID, meetingID string) {
	t.Helper()
	w = newWorld(t, st)
	api = w.api(st)
	otherStaff(t, api)
	api.who["provider2"] = w.provider2
	planID, goalID, meetingID = activePlan(t, w, api)
	api.writeAsSent(st, []asSent{{"a hospital's team of the citizen", "", hospitalTeam}})
	return w, api, planID, goalID, meetingID
}

// TestRuleReachPlan: a CarePlan of another category is written, changed and deleted as sent,
// with nothing else changing; the individual plan stays one.
func TestRuleReachPlan(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		_, api, planID, _, _ := reachPlan(t, st)
		api.writeAsSent(st, []asSent{
			{"a hospital's treatment plan, by the provider", "provider", hospitalPlan},
			{"a plan without a category, by a system", "", `{"resourceType":"CarePlan","id":"opptrening-1","status":"draft","intent":"proposal",
				"subject":{"reference":"Patient/p1"},"description":"Opptrening hjemme","note":[{"text":"Fra fastlegen"}]}`},
			{"the provider completes the hospital's plan", "provider", `{"resourceType":"CarePlan","id":"behandlingsplan-1","status":"completed","intent":"plan",
				"category":[{"coding":[{"system":"http://snomed.info/sct","code":"736271009","display":"Outpatient care plan"}]}],
				"title":"Behandlingsplan etter hjerneslag","subject":{"reference":"Patient/p1"},"author":{"reference":"Practitioner/f1"}}`},
		})
		api.deleteAlone(st, "provider", "CarePlan/opptrening-1", "CarePlan/behandlingsplan-1")
		noCategory := func(o *fhir.Object) { o.Delete("category") }
		otherCategory := func(o *fhir.Object) {
			o.Set("category", []any{kernel.ObjectOf("coding", []any{kernel.ObjectOf("system", "http://snomed.info/sct", "code", "736271009")})})
		}
		runRows(t, api, []apiRow{
			{"a system takes the individual plan's category away", "", api.edited("/CarePlan/"+planID, noCategory), http.StatusUnprocessableEntity},
			{"the citizen makes the individual plan another kind", "citizen", api.edited("/CarePlan/"+planID, otherCategory), http.StatusUnprocessableEntity},
		})
		if code, body := api.do("provider", http.MethodDelete, "/CarePlan/"+planID, ""); code != http.StatusForbidden {
			t.Errorf("the provider deletes the individual plan: %d %s, want 403", code, body)
		}
	})
}

// TestRuleReachPlanParts: a Goal in no individual plan and a CareTeam that is not the plan's
// (the hospital's, one whose id only starts with the plan's) are written as sent; the plan's own
// goals (also one the plan lists under another id) and team, and a team the unit keeps, follow
// the rules.
func TestRuleReachPlanParts(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		_, api, planID, goal, _ := reachPlan(t, st)
		api.writeAsSent(st, []asSent{
			{"a hospital's goal for the citizen, by the provider", "provider", `{"resourceType":"Goal","id":"sykehus-mal-1","lifecycleStatus":"active",
				"description":{"text":"Gå uten krykker"},"subject":{"reference":"Patient/p1"},"expressedBy":{"reference":"Practitioner/f1"},
				"target":[{"detailString":"innen 6 uker"}]}`},
			{"the provider changes the hospital's team", "provider", `{"resourceType":"CareTeam","id":"sykehus-team","status":"active","name":"Slagenheten",
				"subject":{"reference":"Patient/p1"},"participant":[{"member":{"reference":"Practitioner/k2"}},{"member":{"reference":"Practitioner/f1"}}]}`},
			{"a physiotherapy team whose id starts with the plan's, by the provider", "provider", `{"resourceType":"CareTeam","id":"` + planID + `-fysio",
				"status":"active","subject":{"reference":"Patient/p1"},"participant":[{"member":{"reference":"Practitioner/f1"}}]}`},
			{"a goal the coordinator will put in the plan, under an id of their own", "coordinator", `{"resourceType":"Goal","id":"eget-mal",
				"lifecycleStatus":"active","description":{"text":"Handle selv"},"subject":{"reference":"Patient/p1"},"expressedBy":{"reference":"Patient/p1"}}`},
			{"the home care service's episode of another citizen", "", homeNursingOf("p2")},
		})
		target := func(s string) func(o *fhir.Object) {
			return func(o *fhir.Object) { o.Set("target", []any{kernel.ObjectOf("detailString", s)}) }
		}
		listed := func(o *fhir.Object) {
			goals, _ := o.Array("goal")
			o.Set("goal", append(goals, kernel.ObjectOf("reference", "Goal/eget-mal")))
		}
		addMember := func(o *fhir.Object) {
			parts, _ := o.Array("participant")
			o.Set("participant", append(parts, kernel.ObjectOf("member", kernel.ObjectOf("reference", "Practitioner/h1"))))
		}
		coordinatorTeam := func() *fhir.Resource {
			r := parse(t, `{"resourceType":"CareTeam","id":"koordinator-p2","status":"active","subject":{"reference":"Patient/p2"}}`)
			r.Object().Set("participant", []any{plan.CoordinatorParticipant("Practitioner/h1", "Hanne Hjemme", coordinators.KindOrdinary, kernel.Period{})})
			return r
		}
		runRows(t, api, []apiRow{
			{"the citizen changes the target of the plan's goal", "citizen", api.edited("/Goal/"+goal, target("9 km")), http.StatusForbidden},
			{"the coordinator puts the goal in the plan", "coordinator", api.edited("/CarePlan/"+planID, listed), http.StatusOK},
			{"the citizen changes the target of the goal the plan lists", "citizen", api.edited("/Goal/eget-mal", target("hver uke")), http.StatusForbidden},
			{"the citizen changes its words", "citizen", api.edited("/Goal/eget-mal", func(o *fhir.Object) {
				o.Set("description", kernel.ObjectOf("text", "Handle selv på butikken"))
			}), http.StatusOK},
			{"the provider adds a participant to the plan's team", "provider", api.edited("/CareTeam/"+planID+"-team", addMember), http.StatusForbidden},
			{"the care manager of another service's episode makes a coordinator's team", "provider2", coordinatorTeam, http.StatusForbidden},
		})
	})
}
