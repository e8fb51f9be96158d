package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestAFormTooLargeIsRefusedBeforeItIsRead: the citizen's comment and proposal forms read ?for=
// with FormValue, which read the whole body before the form's own limit applied, so a 2 MB
// comment was stored. Now the body is capped before any handler reads it: the answer is 413
// with a message in both languages, and neither the plan nor a draft holds the text.
func TestAFormTooLargeIsRefusedBeforeItIsRead(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		tw := newTown(t, st)
		plan := tw.withPlan()
		siri := tw.signIn("siri")
		huge := strings.Repeat("ord ", 512<<10) // 2 MB
		for _, path := range []string{"/citizen/plan/comment", "/citizen/plan/proposal", "/citizen/plan/comment?for=Patient/p1"} {
			got := siri.post(path, url.Values{"text": {huge}})
			checkPage(t, got, http.StatusRequestEntityTooLarge, "Kunne ikke lagres", "Skjemaet er for stort", "The form is too large")
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
