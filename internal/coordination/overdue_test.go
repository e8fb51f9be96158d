package coordination

import (
	"slices"
	"testing"
	"time"
	"veiviser/internal/kernel"
)

// TestOverdueDays: due on a date means done by its end, so the day after is one day over.
func TestOverdueDays(t *testing.T) {
	due := time.Date(2026, 8, 5, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2026, 8, 6, 0, 30, 0, 0, time.UTC), 1},
		{time.Date(2026, 8, 6, 23, 0, 0, 0, time.UTC), 1},
		{time.Date(2026, 8, 7, 9, 0, 0, 0, time.UTC), 2},
		{time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC), 120},
	} {
		if got := overdueDays(due, tc.now); got != tc.want {
			t.Errorf("%s: %d days over, want %d", tc.now.Format(time.DateTime), got, tc.want)
		}
	}
}

// TestNeedsActionFirst: late cases first, the most overdue first, then those with news, then by
// the next evaluation.
func TestNeedsActionFirst(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2026, 3, day, 0, 0, 0, 0, time.UTC) }
	cases := []CaseSummary{
		{PatientName: "a", NextEvaluation: deadline(d(1))},
		{PatientName: "b", NextEvaluation: deadline(d(20)), News: 2},
		{PatientName: "c", Late: true, Overdue: []Overdue{{Days: 3}}},
		{PatientName: "d", Late: true, Overdue: []Overdue{{Days: 120}}},
		{PatientName: "e", NextEvaluation: deadline(d(2))},
	}
	slices.SortStableFunc(cases, needsActionFirst)
	var got string
	for _, c := range cases {
		got += c.PatientName
	}
	if got != "dcbae" {
		t.Errorf("order %s, want dcbae", got)
	}
}

func deadline(due time.Time) kernel.Deadline { return kernel.Deadline{Due: due} }
