package records

import (
	"context"
	"slices"
	"sync"

	"veiviser/internal/store"
)

// memo is what the rules of one transaction have read or decided. Saving a goal writes the Goal
// and its CarePlan in one transaction, and both rules need the citizen's consents and whether
// the writer may edit that part of the plan: with the memo each is read and decided once.
type memo struct {
	mu      sync.Mutex
	entries map[string]memoEntry
}

type memoEntry struct {
	value     any
	dependsOn []string // resource types whose write makes the entry stale
}

type memoKey struct{}

// inTx runs fn in one store transaction with a fresh memo (a retried transaction starts over
// with an empty one, as it reads everything again).
func (s *Service) inTx(ctx context.Context, fn func(ctx context.Context, tx store.Tx) error) error {
	return s.st.Write(ctx, func(tx store.Tx) error {
		return fn(context.WithValue(ctx, memoKey{}, &memo{entries: map[string]memoEntry{}}), tx)
	})
}

// Remember returns what compute gives for key, computing it once per transaction: a rule's
// read or decision that several writes of the transaction need. The entry is forgotten once
// the transaction writes a resource of a type in dependsOn, so a consent written earlier in
// the same transaction is seen. Outside a write (a rule called directly) compute runs every
// time. An error is not remembered: it refuses the whole transaction anyway.
func Remember[T any](ctx context.Context, key string, dependsOn []string, compute func() (T, error)) (T, error) {
	m, _ := ctx.Value(memoKey{}).(*memo)
	if m == nil {
		return compute()
	}
	m.mu.Lock()
	e, ok := m.entries[key]
	m.mu.Unlock()
	if ok {
		return e.value.(T), nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	m.mu.Lock()
	m.entries[key] = memoEntry{value: v, dependsOn: dependsOn}
	m.mu.Unlock()
	return v, nil
}

// forget drops what depends on typ, after a write of it.
func forget(ctx context.Context, typ string) {
	m, _ := ctx.Value(memoKey{}).(*memo)
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, e := range m.entries {
		if slices.Contains(e.dependsOn, typ) {
			delete(m.entries, k)
		}
	}
}
