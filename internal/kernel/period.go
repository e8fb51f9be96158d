package kernel

import "time"

// Period is a from-to span; a zero End is open.
type Period struct {
	Start time.Time
	End   time.Time
}

// Contains reports whether t is in the period (Start inclusive, End exclusive).
func (p Period) Contains(t time.Time) bool {
	return !t.Before(p.Start) && (p.End.IsZero() || t.Before(p.End))
}
