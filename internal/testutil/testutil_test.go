package testutil

import (
	"context"
	"testing"
	"time"

	"veiviser/internal/store"
)

func TestClock(t *testing.T) {
	t.Parallel()
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if got := Clock(start)(); !got.Equal(start) {
		t.Errorf("Clock: %v, want %v", got, start)
	}
	c := NewClock(start)
	now := c.Now
	if got := now(); !got.Equal(start) {
		t.Errorf("NewClock: %v, want %v", got, start)
	}
	c.Advance(90 * time.Minute)
	if got, want := now(), start.Add(90*time.Minute); !got.Equal(want) {
		t.Errorf("after Advance: %v, want %v", got, want)
	}
	c.Set(start)
	if got := now(); !got.Equal(start) {
		t.Errorf("after Set: %v, want %v", got, start)
	}
}

// TestEachStore checks that each opener gives a working store of its dialect.
func TestEachStore(t *testing.T) {
	EachStore(t, func(t *testing.T, st store.Store) {
		if err := st.Ping(context.Background()); err != nil {
			t.Fatal(err)
		}
		if d := st.Stats().Dialect; d != t.Name()[len("TestEachStore/"):] {
			t.Errorf("dialect %q in subtest %s", d, t.Name())
		}
	})
}
