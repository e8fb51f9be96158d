package records

import (
	"context"
	"errors"
	"testing"
)

// TestRemember: inside a transaction a key is computed once until a write of a type it depends
// on; outside one it is computed every time; an error is not remembered.
func TestRemember(t *testing.T) {
	calls := 0
	compute := func() (int, error) { calls++; return calls, nil }
	tests := []struct {
		name      string
		inTx      bool
		forget    string
		wantCalls int
	}{
		{"outside a transaction", false, "", 2},
		{"inside one", true, "", 1},
		{"after a write it depends on", true, "Consent", 2},
		{"after a write it does not depend on", true, "Goal", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			calls = 0
			ctx := context.Background()
			if tc.inTx {
				ctx = context.WithValue(ctx, memoKey{}, &memo{entries: map[string]memoEntry{}})
			}
			if _, err := Remember(ctx, "k", []string{"Consent"}, compute); err != nil {
				t.Fatal(err)
			}
			if tc.forget != "" {
				forget(ctx, tc.forget)
			}
			if _, err := Remember(ctx, "k", []string{"Consent"}, compute); err != nil {
				t.Fatal(err)
			}
			if calls != tc.wantCalls {
				t.Errorf("computed %d times, want %d", calls, tc.wantCalls)
			}
		})
	}
	t.Run("an error is not remembered", func(t *testing.T) {
		ctx := context.WithValue(context.Background(), memoKey{}, &memo{entries: map[string]memoEntry{}})
		n := 0
		fail := func() (int, error) { n++; return 0, errors.New("no") }
		_, _ = Remember(ctx, "e", nil, fail)
		_, _ = Remember(ctx, "e", nil, fail)
		if n != 2 {
			t.Errorf("a failed computation ran %d times, want 2", n)
		}
	})
}
