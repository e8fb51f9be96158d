package web_test

import (
	"context"
	"net/url"
	"sync"
	"testing"

	"veiviser/internal/consent"
	"veiviser/internal/coordination"
	"veiviser/internal/plan"
	"veiviser/internal/search"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// consentReads is a real store that counts the searches for Consents, in and out of its
// transactions.
type consentReads struct {
	store.Store
	mu *sync.Mutex
	n  *int
}

func (c consentReads) count(q search.Query) {
	if q.Type == "Consent" {
		c.mu.Lock()
		*c.n++
		c.mu.Unlock()
	}
}

func (c consentReads) Search(ctx context.Context, q search.Query) (store.Page, error) {
	c.count(q)
	return c.Store.Search(ctx, q)
}

func (c consentReads) Write(ctx context.Context, fn func(tx store.Tx) error) error {
	return c.Store.Write(ctx, func(tx store.Tx) error { return fn(consentReadsTx{Tx: tx, c: c}) })
}

type consentReadsTx struct {
	store.Tx
	c consentReads
}

func (t consentReadsTx) Search(ctx context.Context, q search.Query) (store.Page, error) {
	t.c.count(q)
	return t.Tx.Search(ctx, q)
}

// TestSavingAGoalChecksOnce: saving a goal through the web reads the citizen's consents once and evaluates the edit
// permission once, in the plan's write rule, though the save writes the Goal and the CarePlan.
func TestSavingAGoalChecksOnce(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		var mu sync.Mutex
		reads, evaluations := 0, 0
		counted := consentReads{Store: st, mu: &mu, n: &reads}
		tw := newTownWith(t, st, counted, func(r *coordination.Rules) *coordination.Rules {
			return r.WithEditPermission(func(a plan.Actor, e plan.Edit, ip plan.IndividualPlan, sh consent.Sharing) error {
				mu.Lock()
				evaluations++
				mu.Unlock()
				return plan.MayEdit(a, e, ip, sh)
			})
		})
		planID, kari := tw.withConsentedPlan(st)
		ip := "/coordinator/plans/" + planID
		measure := func(what string, save func()) {
			t.Helper()
			mu.Lock()
			reads, evaluations = 0, 0
			mu.Unlock()
			save()
			mu.Lock()
			defer mu.Unlock()
			if reads != 1 || evaluations != 1 {
				t.Errorf("%s read the consents %d times and evaluated the edit permission %d times, want 1 and 1", what, reads, evaluations)
			}
		}
		measure("the coordinator adding a goal", func() {
			kari.mustPost(ip+"/goal", url.Values{"text": {"Gå tur alene"}, "target": {"500 meter"}}, ip+"?saved=goals")
		})
	})
}
