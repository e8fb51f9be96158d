package coordination

import (
	"context"
	"net/http"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestRuleWhoEditsWhichPart: each role may change only its parts, through the services and
// through the API.
func TestRuleWhoEditsWhichPart(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		planID := w.planWithConsent()
		must[plan.IndividualPlan](t)(w.co.AddGoal(as(w.coordinator), planID, plan.GoalInput{Text: "Gå tur"}))
		must[plan.IndividualPlan](t)(w.co.AddMeasure(as(w.coordinator), planID, plan.Measure{Title: "Fysio", Provider: "Organization/physio", Scope: "1 t/uke"}))
		must[plan.IndividualPlan](t)(w.co.AddMeasure(as(w.coordinator), planID, plan.Measure{Title: "Hjemme", Provider: "Organization/homecare", Scope: "daglig"}))
		v := must[plan.PlanView](t)(w.co.Plan(as(w.coordinator), planID))
		goal, physio, home := v.Plan.Goals[0].ID, v.Plan.Measures[0].ID, v.Plan.Measures[1].ID
		text := "Samordnes i ansvarsgruppen"
		cases := []struct {
			name string
			do   func(ctx context.Context) error
			who  string
			want apperr.Code // "": allowed
		}{
			{"citizen writes a measure", func(ctx context.Context) error {
				_, err := w.co.AddMeasure(ctx, planID, plan.Measure{Title: "x", Provider: "Organization/physio", Scope: "1"})
				return err
			}, "citizen", apperr.Forbidden},
			{"citizen comments", func(ctx context.Context) error { _, err := w.co.Comment(ctx, planID, "Fint"); return err }, "citizen", ""},
			{"citizen changes a goal's words", func(ctx context.Context) error {
				_, err := w.co.SetGoalWords(ctx, planID, goal, "Gå tur hver dag")
				return err
			}, "citizen", ""},
			{"coordinator changes the citizen's words", func(ctx context.Context) error {
				_, err := w.co.SetGoalWords(ctx, planID, goal, "Annet")
				return err
			}, "coordinator", apperr.Forbidden},
			{"coordinator writes coordination", func(ctx context.Context) error {
				_, err := w.co.SetText(ctx, planID, plan.PlanText{Coordination: &text})
				return err
			}, "coordinator", ""},
			{"provider reports on its own measure", func(ctx context.Context) error {
				_, err := w.co.RecordProgress(ctx, planID, physio, "Gjort")
				return err
			}, "provider", ""},
			{"provider reports on another's measure", func(ctx context.Context) error {
				_, err := w.co.RecordProgress(ctx, planID, home, "Gjort")
				return err
			}, "provider", apperr.Forbidden},
			{"relative comments as granted", func(ctx context.Context) error { _, err := w.co.Comment(ctx, planID, "Hei"); return err }, "relative", ""},
			{"relative adds a goal", func(ctx context.Context) error {
				_, err := w.co.AddGoal(ctx, planID, plan.GoalInput{Text: "x"})
				return err
			}, "relative", apperr.Forbidden},
		}
		for _, c := range cases {
			err := c.do(as(api.who[c.who]))
			if (c.want == "" && err != nil) || (c.want != "" && !apperr.Is(err, c.want)) {
				t.Errorf("%s: %v, want %v", c.name, err, c.want)
			}
		}
		// over the API: the provider may not change the coordination text; the citizen may
		// not change a measure
		for _, who := range []string{"provider", "citizen"} {
			cp := api.read("/CarePlan/" + planID)
			if who == "provider" {
				cp.Object().Set("extension", []any{kernel.ObjectOf("url", kernel.ExtensionBase+"coordination", "valueString", "Endret av tjenesteyter")})
			} else {
				acts, _ := cp.Object().Array("activity")
				cp.Object().Set("activity", acts[:1])
			}
			if code, body := api.put(who, cp); code != http.StatusForbidden {
				t.Errorf("API: %s changes another's part = %d %s, want 403", who, code, body)
			}
		}
	})
}
