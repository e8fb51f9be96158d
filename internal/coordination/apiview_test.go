package coordination

import (
	"net/http"
	"strings"
	"testing"

	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestConsentLimitsTheAPI (issue 10, item 3): what the consent does not share is not returned
// by the API, as the pages do not show it. The physiotherapist is granted the goals' words, the
// measures and their progress: over the API, by read, search, _include and history, the plan
// comes without its needs, resources, own contribution, comments and log, marked REDACTED, and
// the inquiry and the assessment letter without their text. The relative, granted every part,
// gets the plan's parts but not the intake the citizen wrote; the citizen, the coordinator and
// the unit lead get everything. A physiotherapist's write-back of the narrowed plan changes
// nothing of what it did not see.
func TestConsentLimitsTheAPI(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		planID := w.planWithConsent()
		own, coordination := "Jeg trener hver morgen", "Koordinator ringer hver fredag"
		must[plan.IndividualPlan](t)(w.co.SetText(as(w.coordinator), planID, plan.PlanText{Coordination: &coordination,
			Needs: []string{"Hjelp med trapper"}, Resources: []string{"Sterk vilje"}}))
		must[plan.IndividualPlan](t)(w.co.SetText(as(w.citizen), planID, plan.PlanText{OwnContribution: &own}))
		must[plan.IndividualPlan](t)(w.co.AddGoal(as(w.coordinator), planID, plan.GoalInput{Text: "Gå tur", Target: "2 km"}))
		must[plan.IndividualPlan](t)(w.co.AddMeasure(as(w.coordinator), planID, plan.Measure{Title: "Gangtrening", Provider: "Organization/physio", Scope: "1 t/uke"}))
		must[plan.IndividualPlan](t)(w.co.Comment(as(w.citizen), planID, "Takk for sist"))
		hidden := []string{"Hjelp med trapper", "Sterk vilje", own, "Takk for sist", "plan-log"}
		intake := []string{"Trenger hjelp etter hjerneslag", "Du har rett til individuell plan"}
		shared := []string{"Gangtrening", "Gå tur"}
		reads := []string{"/CarePlan/" + planID, "/CarePlan?_id=" + planID, "/CarePlan/" + planID + "/_history",
			"/CarePlan?_id=" + planID + "&_include=CarePlan:goal", "/ServiceRequest?subject=Patient/p1", "/Communication?subject=Patient/p1"}
		for _, tc := range []struct {
			who            string
			absent, appear []string
		}{
			{"provider", append(append([]string{}, hidden...), intake...), append([]string{"REDACTED"}, shared...)},
			{"relative", intake, append(append([]string{}, shared...), hidden[:4]...)},
			{"citizen", []string{"REDACTED"}, append(append(append([]string{}, shared...), hidden...), intake...)},
			{"coordinator", []string{"REDACTED"}, append(append(append([]string{}, shared...), hidden...), intake...)},
			{"lead", []string{"REDACTED"}, append(append(append([]string{}, shared...), hidden...), intake...)},
		} {
			var all strings.Builder
			for _, path := range reads {
				code, body := api.do(tc.who, http.MethodGet, path, "")
				if code != http.StatusOK {
					t.Fatalf("%s GET %s: %d %s", tc.who, path, code, body)
				}
				all.WriteString(body)
			}
			for _, s := range tc.absent {
				if strings.Contains(all.String(), s) {
					t.Errorf("%s gets %q over the API", tc.who, s)
				}
			}
			for _, s := range tc.appear {
				if !strings.Contains(all.String(), s) {
					t.Errorf("%s does not get %q over the API", tc.who, s)
				}
			}
		}
		// the narrowed plan sent back leaves what the physiotherapist did not see as it was
		_, narrowed := api.do("provider", http.MethodGet, "/CarePlan/"+planID, "")
		code, body := api.do("provider", http.MethodPut, "/CarePlan/"+planID, narrowed)
		v := must[plan.PlanView](t)(w.co.Plan(as(w.coordinator), planID))
		if len(v.Plan.Needs) != 1 || v.Plan.OwnContribution != own || len(v.Plan.Comments) != 1 {
			t.Errorf("the provider's write-back (%d %s) changed the plan: %+v", code, body, v.Plan)
		}
	})
}
