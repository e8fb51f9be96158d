package coordination

import (
	"net/http"
	"testing"

	"veiviser/internal/care"
	"veiviser/internal/fhir"
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
			o.Set("category", []any{care.ObjectOf("coding", []any{care.ObjectOf("system", "http://snomed.info/sct", "code", "736271009")})})
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
