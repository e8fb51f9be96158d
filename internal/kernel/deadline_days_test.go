package kernel

import (
	"testing"
	"time"
)

// TestDaysFromTodayAtMidnightInOslo: five past midnight in Oslo on 5 December is still
// 4 December in UTC, where the clock runs; a date typed as 5 December is today, not tomorrow.
func TestDaysFromTodayAtMidnightInOslo(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	now := time.Date(2026, 12, 4, 23, 5, 0, 0, time.UTC)
	cases := []struct {
		day  time.Time
		want int
	}{
		{time.Date(2026, 12, 5, 0, 0, 0, 0, oslo), 0},
		{time.Date(2026, 12, 6, 0, 0, 0, 0, oslo), 1},
		{time.Date(2026, 12, 4, 0, 0, 0, 0, oslo), -1},
		{time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC), 0}, // a stored date in UTC: today there
	}
	for _, c := range cases {
		if got := DaysFromToday(now, c.day); got != c.want {
			t.Errorf("DaysFromToday(%v, %v) = %d, want %d", now, c.day, got, c.want)
		}
	}
	if DaysBetween(now, time.Date(2026, 12, 5, 0, 0, 0, 0, oslo)) != 1 {
		t.Error("DaysBetween was expected to count in each time's own zone")
	}
}
