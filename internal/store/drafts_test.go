package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

func TestDrafts(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		ds, err := store.DraftsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		if _, err := ds.Draft(ctx, "u1", "inquiry"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("no draft yet: %v, want not found", err)
		}
		if err := ds.PutDraft(ctx, store.Draft{UserID: "u1", Form: "inquiry", Body: "need=a", Saved: now}); err != nil {
			t.Fatal(err)
		}
		// a later save replaces the draft; another user's draft of the same form is apart
		if err := ds.PutDraft(ctx, store.Draft{UserID: "u1", Form: "inquiry", Body: "need=ab", Saved: now.Add(time.Minute)}); err != nil {
			t.Fatal(err)
		}
		if err := ds.PutDraft(ctx, store.Draft{UserID: "u2", Form: "inquiry", Body: "need=other", Saved: now}); err != nil {
			t.Fatal(err)
		}
		got, err := ds.Draft(ctx, "u1", "inquiry")
		if err != nil || got.Body != "need=ab" || !got.Saved.Equal(now.Add(time.Minute)) {
			t.Fatalf("Draft = %+v, %v", got, err)
		}
		if err := ds.DeleteDraft(ctx, "u1", "inquiry"); err != nil {
			t.Fatal(err)
		}
		if err := ds.DeleteDraft(ctx, "u1", "inquiry"); err != nil {
			t.Fatalf("deleting a missing draft: %v", err)
		}
		if _, err := ds.Draft(ctx, "u1", "inquiry"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("deleted draft: %v", err)
		}
		if err := ds.DeleteDraftsBefore(ctx, now.Add(time.Second)); err != nil {
			t.Fatal(err)
		}
		if _, err := ds.Draft(ctx, "u2", "inquiry"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("old draft not swept: %v", err)
		}
	})
}

// TestDraftsPerUserAreBounded: a person keeps at most MaxDraftsPerUser drafts, whatever keys
// a client posts; saving one more drops the oldest, and other people's drafts stay.
func TestDraftsPerUserAreBounded(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		ctx := context.Background()
		ds, err := store.DraftsOf(st)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
		if err := ds.PutDraft(ctx, store.Draft{UserID: "u2", Form: "inquiry", Body: "need=other", Saved: now}); err != nil {
			t.Fatal(err)
		}
		for i := range store.MaxDraftsPerUser + 1 {
			d := store.Draft{UserID: "u1", Form: fmt.Sprintf("form-%03d", i), Body: "x=1", Saved: now.Add(time.Duration(i) * time.Second)}
			if err := ds.PutDraft(ctx, d); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := ds.Draft(ctx, "u1", "form-000"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("the oldest draft is kept beyond the limit: %v", err)
		}
		for _, k := range []string{"form-001", fmt.Sprintf("form-%03d", store.MaxDraftsPerUser)} {
			if _, err := ds.Draft(ctx, "u1", k); err != nil {
				t.Errorf("draft %s: %v", k, err)
			}
		}
		if _, err := ds.Draft(ctx, "u2", "inquiry"); err != nil {
			t.Errorf("another user's draft: %v", err)
		}
	})
}
