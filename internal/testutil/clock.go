package testutil

import (
	"sync"
	"time"
)

// Clock returns a clock that always says t, for Options.Clock fields. Use NewClock for one that
// a test can move.
func Clock(t time.Time) func() time.Time {
	return func() time.Time { return t }
}

// ManualClock is a clock a test moves by hand; pass its Now method where a func() time.Time is
// wanted. It is safe for concurrent use.
type ManualClock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a ManualClock reading start.
func NewClock(start time.Time) *ManualClock { return &ManualClock{now: start} }

// Now is the clock's time.
func (c *ManualClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d and returns the new time.
func (c *ManualClock) Advance(d time.Duration) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	return c.now
}

// Set moves the clock to t.
func (c *ManualClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}
