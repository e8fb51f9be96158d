package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/coordination"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// fullStore answers the next write as a store whose disk is full, once full is set: the write a
// form sends; the reads after it (and their access log) go on, as on a full disk, whose journal
// keeps room for reads.
type fullStore struct {
	store.Store
	full *atomic.Bool
}

func (s fullStore) Write(ctx context.Context, fn func(tx store.Tx) error) error {
	if s.full.CompareAndSwap(true, false) {
		return &apperr.Error{Code: apperr.Unavailable, Message: "Databasens disk er full: ingenting ble lagret; driftsansvarlig må frigjøre plass. / The database's disk is full: nothing was saved; the operator must free space."}
	}
	return s.Store.Write(ctx, fn)
}

// TestOutageKeepsWhatWasTyped: a form sent while the database's disk is full answers 503 with
// the form again, what was typed on it and a message that nothing was saved; the plan is
// unchanged, and the same form sent once there is room is saved.
func TestOutageKeepsWhatWasTyped(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		var full atomic.Bool
		tw := newTownWith(t, st, fullStore{Store: st, full: &full}, func(r *coordination.Rules) *coordination.Rules { return r })
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		full.Store(true)
		goal := url.Values{"text": {"Gå tur til kafeen hver lørdag"}}
		got := kari.post(ip+"/goal", goal)
		checkPage(t, got, http.StatusServiceUnavailable, "Individuell plan", "Databasens disk er full", "Gå tur til kafeen hver lørdag")
		if !strings.Contains(got.body, `class="app-form"`) {
			t.Error("the answer does not hold the form to send again")
		}
		if n := len(tw.planOf(planID).Goals); n != 0 {
			t.Errorf("a goal was saved while the disk was full: %d goals", n)
		}
		kari.mustPost(ip+"/goal", goal, ip+"?saved=goals")
	})
}
