package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestAFormTooLargeIsRefusedBeforeItIsRead: the citizen's comment and proposal forms read ?for=
// with FormValue, which read the whole body before the form's own limit applied, so a 2 MB
// comment was stored. Now the body is capped before any handler reads it: the answer is 413
// with a message in the person's language (bokmål by default, English when chosen), and neither the plan nor a draft holds the text.
func TestAFormTooLargeIsRefusedBeforeItIsRead(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		plan := tw.withPlan()
		siri := tw.signIn("siri")
		english := tw.signIn("siri").speaking("en")
		huge := strings.Repeat("ord ", 512<<10) // 2 MB
		for _, path := range []string{"/citizen/plan/comment", "/citizen/plan/proposal", "/citizen/plan/comment?for=Patient/p1"} {
			got := siri.post(path, url.Values{"text": {huge}})
			checkPage(t, got, http.StatusRequestEntityTooLarge, "Kunne ikke lagres", "Skjemaet er for stort")
			if strings.Contains(got.body, "The form is too large") {
				t.Errorf("%s: the bokmål page holds the English message too", path)
			}
			got = english.post(path, url.Values{"text": {huge}})
			checkPage(t, got, http.StatusRequestEntityTooLarge, "Could not be saved", "The form is too large")
		}
		v, err := tw.co.Plan(tw.as("kari"), plan)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Plan.Comments) != 0 || len(v.Plan.GoalProposals) != 0 {
			t.Fatalf("the plan holds %d comments and %d proposals, want none", len(v.Plan.Comments), len(v.Plan.GoalProposals))
		}
		ds, err := store.DraftsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"comment-" + plan, "proposal-" + plan} {
			if d, err := ds.Draft(context.Background(), tw.who["siri"].UserID, key); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("draft %s: %d bytes (%v), want none", key, len(d.Body), err)
			}
		}
	})
}

// TestAFieldTooLongIsRefusedOnItsForm: a text past its limit (in characters: ø counts once)
// but within the form's size is refused with a message at its field in the person's language, the
// text kept in the form and in the draft, and nothing stored; at the limit it is stored.
func TestAFieldTooLongIsRefusedOnItsForm(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		planID, kari := tw.withConsentedPlan(st)
		siri := tw.signIn("siri")
		long := strings.Repeat("ø", kernel.MaxText+1)
		got := siri.post("/citizen/plan/comment", url.Values{"text": {long}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Siris plan", "Teksten har 4\u00a0001 tegn; høyst 4\u00a0000 er tillatt.",
			long+"</textarea>", `class="ds-error-summary"`)
		inEnglish := tw.signIn("siri").speaking("en").post("/citizen/plan/comment", url.Values{"text": {long}})
		if inEnglish.status != http.StatusUnprocessableEntity || !strings.Contains(inEnglish.body, "The text has 4,001 characters") {
			t.Errorf("in English: %d, the message is missing", inEnglish.status)
		}
		again := siri.get("/citizen/plan")
		checkPage(t, again, http.StatusOK, "Siris plan", "Vi har tatt vare på det du skrev sist", long+"</textarea>")

		// the coordinator's measure: the message is at the description, not the first field
		got = kari.post("/coordinator/plans/"+planID+"/measure", url.Values{"title": {"Trening"}, "provider": {"Organization/physio"},
			"scope": {"2 timer"}, "description": {long}})
		checkPage(t, got, http.StatusUnprocessableEntity, "Individuell plan for Siri Testmo", "Teksten har 4\u00a0001 tegn")
		if !strings.Contains(got.body, `id="f-plan-`+planID+`-measure-description-error"`) {
			t.Errorf("the message is not at the description field")
		}

		if got := siri.post("/citizen/plan/comment", url.Values{"text": {long[:2*kernel.MaxText]}}); got.status != http.StatusSeeOther {
			t.Fatalf("a comment at the limit: %d\n%s", got.status, got.body)
		}
		v, err := tw.co.Plan(tw.as("kari"), planID)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Plan.Comments) != 1 || len(v.Plan.Measures) != 0 {
			t.Fatalf("the plan holds %d comments and %d measures, want 1 and 0", len(v.Plan.Comments), len(v.Plan.Measures))
		}
	})
}
