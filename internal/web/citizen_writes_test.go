package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"veiviser/internal/meetings"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestCitizenWritesOwnContributionAndGoalWords (issue 12): on their plan the citizen writes
// their own contribution and changes the words of a goal; the words cannot be emptied, and what
// was typed is kept on a refusal.
func TestCitizenWritesOwnContributionAndGoalWords(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		kari.mustPost(ip+"/goal", url.Values{"text": {"Gå tur alene"}}, ip+"?saved=goals")
		goal := tw.planOf(planID).Goals[0]
		siri := tw.signIn("siri")
		checkPage(t, siri.get("/citizen/plan"), http.StatusOK, "Siris plan", "Endre ordene", `name="text"`, "Min egen innsats",
			`action="/citizen/plan/goals/`+goal.ID+`"`)
		got := siri.post("/citizen/plan/goals/"+goal.ID, url.Values{"text": {"  "}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Siris plan", "Skriv noe før du sender.")
		for path, text := range map[string]string{"/citizen/plan/goals/" + goal.ID: "Gå tur alene hver dag", "/citizen/plan/contribution": "Jeg går tur hver morgen"} {
			if got := siri.post(path, url.Values{"text": {text}}); got.status != http.StatusSeeOther {
				t.Fatalf("%s: %d\n%s", path, got.status, got.body)
			}
		}
		p := tw.planOf(planID)
		if p.Goals[0].Text != "Gå tur alene hver dag" || p.OwnContribution != "Jeg går tur hver morgen" {
			t.Errorf("goal %q, own contribution %q", p.Goals[0].Text, p.OwnContribution)
		}
		if got := tw.signIn("per").post("/citizen/plan/contribution?for=Patient/p1", url.Values{"text": {"x"}}); got.status != http.StatusNotFound {
			t.Errorf("a relative writes the citizen's own contribution: %d", got.status)
		}
	})
}

// TestCitizenSeesTheMeetings (issue 12): the citizen's plan shows the responsibility group's
// meetings with time, place, whether held, and the minutes.
func TestCitizenSeesTheMeetings(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, _ := tw.withConsentedPlan(st)
		m, err := tw.co.PlanMeeting(tw.as("kari"), meetings.MeetingInput{Plan: planID, Start: t0.AddDate(0, 0, 7), Location: "Rådhuset, møterom 2"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tw.co.HoldMeeting(tw.as("kari"), m.ID, "Vi ble enige om trening to ganger i uka.", nil); err != nil {
			t.Fatal(err)
		}
		checkPage(t, tw.signIn("siri").get("/citizen/plan"), http.StatusOK, "Siris plan", `data-testid="meetings"`,
			t0.AddDate(0, 0, 7).Format("02.01.2006"), "Rådhuset, møterom 2", "holdt", "Vi ble enige om trening to ganger i uka.")
	})
}
