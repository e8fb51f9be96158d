package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"veiviser/internal/kernel"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestWhatTheCitizenWritesReachesTheCoordinator (issue 20): the citizen's comment and goal
// proposal show on the coordinator's workspace (a count on the citizen's row) and on the plan
// (author, date, text), and the plan's log quotes the comment; once the coordinator changes the
// plan the comment is no longer new (it stays listed) and the proposal waits to be taken in.
func TestWhatTheCitizenWritesReachesTheCoordinator(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		siri := tw.signIn("siri")
		for path, text := range map[string]string{"/citizen/plan/comment": "Jeg vil trene om morgenen", "/citizen/plan/proposal": "Gå til butikken selv"} {
			if got := siri.post(path, url.Values{"text": {text}}); got.status != http.StatusSeeOther {
				t.Fatalf("%s: %d\n%s", path, got.status, got.body)
			}
		}
		checkPage(t, kari.get("/coordinator"), http.StatusOK, "", `data-testid="news-Siri Testmo"`, "2 nytt fra andre")
		ip := "/coordinator/plans/" + planID
		checkPage(t, kari.get(ip), http.StatusOK, "Individuell plan", `data-testid="news"`, "<strong>Siri Testmo</strong>",
			"kommentar: «Jeg vil trene om morgenen»", "foreslår et mål: «Gå til butikken selv»", `data-testid="comments"`)
		checkPage(t, kari.get(ip+"/log"), http.StatusOK, "", "Ny kommentar: «Jeg vil trene om morgenen»")
		kari.mustPost(ip+"/goal", url.Values{"text": {"Trene om morgenen"}}, ip+"?saved=goals")
		page := kari.get(ip)
		if strings.Contains(page.body, "kommentar: «Jeg vil trene om morgenen»") {
			t.Error("after the coordinator's change the comment is still news")
		}
		checkPage(t, page, http.StatusOK, "Individuell plan", `data-testid="comments"`, "Jeg vil trene om morgenen", "foreslår et mål: «Gå til butikken selv»")
		checkPage(t, kari.get("/coordinator"), http.StatusOK, "", "1 nytt fra andre")
	})
}

// TestWorkspaceSaysWhatIsLate (issue 20): a late evaluation is marked on the coordinator's
// workspace with its date and how many days it is over the deadline.
func TestWorkspaceSaysWhatIsLate(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, _ := tw.withConsentedPlan(st)
		evaluation := t0.AddDate(0, 0, 30)
		if _, err := tw.co.SetPeriod(tw.as("kari"), planID, kernel.Period{Start: t0}, []time.Time{evaluation}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.co.ActivatePlan(tw.as("kari"), planID); err != nil {
			t.Fatal(err)
		}
		tw.clock.Set(evaluation.AddDate(0, 0, 10).Add(time.Hour))
		checkPage(t, tw.signIn("kari").get("/coordinator"), http.StatusOK, "", `data-testid="overdue"`,
			"Evaluering "+evaluation.Format("02.01.2006")+", 10 dager over fristen", "1 forsinket")
	})
}

// TestAcceptedProposalReplacesTheWords (issue 20, point 1): the coordinator takes the citizen's
// proposal in as new words for the goal the citizen wanted changed: the plan then has the same
// number of goals, the goal carries the proposal's words exactly, and the proposal is gone.
func TestAcceptedProposalReplacesTheWords(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		kari.mustPost(ip+"/goal", url.Values{"text": {"Gå tur"}, "target": {"1 km"}}, ip+"?saved=goals")
		siri := tw.signIn("siri")
		if got := siri.post("/citizen/plan/proposal", url.Values{"text": {"Gå tur med hunden hver dag"}}); got.status != http.StatusSeeOther {
			t.Fatalf("proposal: %d", got.status)
		}
		p := tw.planOf(planID)
		goal, proposal := p.Goals[0].ID, p.GoalProposals[0].ID
		checkPage(t, kari.get(ip), http.StatusOK, "Individuell plan", `data-testid="proposals"`, "«Gå tur med hunden hver dag» – Siri Testmo",
			`<option value="`+goal+`">Nye ord for «Gå tur»`)
		kari.mustPost(ip+"/proposals/"+proposal, url.Values{"replaces": {goal}}, ip+"?saved=goals")
		p = tw.planOf(planID)
		if len(p.Goals) != 1 || p.Goals[0].Text != "Gå tur med hunden hver dag" || p.Goals[0].Target != "1 km" || len(p.GoalProposals) != 0 {
			t.Fatalf("after taking the proposal in as the goal's words: goals %+v, proposals %+v", p.Goals, p.GoalProposals)
		}
		checkPage(t, siri.get("/citizen/plan"), http.StatusOK, "", "Gå tur med hunden hver dag")
	})
}
