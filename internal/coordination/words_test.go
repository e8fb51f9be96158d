package coordination

import (
	"net/http"
	"testing"

	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestRuleWordsFromProposal (issue 20, point 1): over the API as in the web, the coordinator
// may not change a goal's words, except to the words of the citizen's own proposal in the same
// plan, naming it (words-from-proposal); the same extension with other words, or naming a goal
// that is no proposal, is refused.
func TestRuleWordsFromProposal(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		api := w.api(st)
		planID := w.planWithConsent()
		ip := must[plan.IndividualPlan](t)(w.co.AddGoal(as(w.coordinator), planID, plan.GoalInput{Text: "Gå tur"}))
		goalID := ip.Goals[0].ID
		ip = must[plan.IndividualPlan](t)(w.co.AddGoal(as(w.coordinator), planID, plan.GoalInput{Text: "Lage middag"}))
		ip = must[plan.IndividualPlan](t)(w.co.ProposeGoal(as(w.citizen), planID, "Gå tur med hunden"))
		proposal := "Goal/" + planID + "-" + ip.GoalProposals[0].ID
		other := "Goal/" + planID + "-" + ip.Goals[1].ID
		for _, tt := range []struct {
			name, words, from string
			want              int
		}{
			{"other words, no proposal named", "Noe helt annet", "", http.StatusForbidden},
			{"the proposal named, other words", "Gå tur med katten", proposal, http.StatusForbidden},
			{"a goal that is no proposal named", "Lage middag", other, http.StatusForbidden},
			{"the proposal's words, the proposal named", "Gå tur med hunden", proposal, http.StatusOK},
		} {
			g := api.read("/Goal/" + planID + "-" + goalID)
			o := g.Object()
			o.Set("description", kernel.ObjectOf("text", tt.words))
			if tt.from != "" {
				o.Set("extension", kernel.List(kernel.Ext(kernel.ExtWordsFromProposal, "Reference", kernel.Reference(tt.from))))
			}
			if code, body := api.put("coordinator", g); code != tt.want {
				t.Errorf("%s: %d, want %d\n%s", tt.name, code, tt.want, body)
			}
		}
		if got := must[plan.IndividualPlan](t)(w.co.Load(as(w.coordinator), planID)).Goals[0]; got.Text != "Gå tur med hunden" || got.WordsFrom == "" {
			t.Errorf("the goal after the accepted words = %+v", got)
		}
	})
}
