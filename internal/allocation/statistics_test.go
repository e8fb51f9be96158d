package allocation

import (
	"testing"
	"time"

	"veiviser/internal/testutil/fixture"
)

// TestMedian: the middle day of an odd count, the mean of the two middle ones of an even
// count, in any order, and 0 for none.
func TestMedian(t *testing.T) {
	tests := []struct {
		days []int
		want float64
	}{
		{nil, 0},
		{[]int{12}, 12},
		{[]int{30, 2, 9}, 9},
		{[]int{4, 10, 2, 8}, 6},
		{[]int{1, 2}, 1.5},
		{[]int{0, 0, 41}, 0},
	}
	for _, tc := range tests {
		if got := Median(tc.days); got != tc.want {
			t.Errorf("Median(%v) = %v, want %v", tc.days, got, tc.want)
		}
	}
}

// TestCountStatistics: services applied for count in the month received; signed decisions and
// refusals in the month signed, with their processing time from the day received (median and
// longest per service and month, per month and per service for the year); a draft, another
// year's records and the decision carried out on an appeal (the same application decided
// again) do not count as a processing time; appeals count under the service appealed.
func TestCountStatistics(t *testing.T) {
	day := fixture.UTC
	apps := []Application{
		{Reference: "TK-2026-00001", Received: day("2026-01-05 10:00"), Services: []Applied{{ID: "a1", Code: "home-help"}, {ID: "a2", Code: "safety-alarm"}}},
		{Reference: "TK-2026-00002", Received: day("2026-01-20 10:00"), Services: []Applied{{ID: "a3", Code: "home-help"}}},
		{Reference: "TK-2026-00003", Received: day("2026-02-01 10:00"), Services: []Applied{{ID: "a4", Code: "home-help"}}},
		{Reference: "TK-2025-00009", Received: day("2025-12-20 10:00"), Services: []Applied{{ID: "a5", Code: "home-help"}}},
	}
	decisions := []Decision{
		{ID: "d1", Applied: "ServiceRequest/a1", Code: "home-help", Outcome: Granted, Status: Replaced, Decided: day("2026-01-15 12:00")},  // 10 days
		{ID: "d2", Applied: "ServiceRequest/a2", Code: "safety-alarm", Outcome: Refused, Status: Signed, Decided: day("2026-01-25 12:00")}, // 20 days
		{ID: "d3", Applied: "ServiceRequest/a3", Code: "home-help", Outcome: Granted, Status: Signed, Decided: day("2026-02-10 12:00")},    // 21 days
		{ID: "d4", Applied: "ServiceRequest/a4", Code: "home-help", Outcome: Refused, Status: Signed, Decided: day("2026-02-04 12:00")},    // 3 days
		{ID: "d5", Applied: "ServiceRequest/a5", Code: "home-help", Outcome: Granted, Status: Signed, Decided: day("2026-02-19 12:00")},    // 61 days, from last year
		{ID: "d6", Applied: "ServiceRequest/a1", Code: "home-help", Outcome: PartlyGranted, Status: Signed, Replaces: "ServiceRequest/d1", Decided: day("2026-03-30 12:00")},
		{ID: "d7", Applied: "ServiceRequest/a4", Code: "home-help", Outcome: Granted, Status: Drafted},
		{ID: "d8", Applied: "ServiceRequest/a9", Code: "home-help", Outcome: Granted, Status: Signed, Decided: day("2025-11-30 12:00")},
	}
	appeals := []Appeal{
		{Decision: "ServiceRequest/d2", Received: day("2026-02-02 08:00")},
		{Decision: "ServiceRequest/d4", Received: day("2026-02-20 08:00")},
		{Decision: "ServiceRequest/d8", Received: day("2025-12-10 08:00")},
	}
	s := CountStatistics(2026, []string{"safety-alarm", "home-help", "day-care"}, apps, decisions, appeals)
	fixture.Same(t, "services", []string{"safety-alarm", "home-help"}, s.Services)
	if len(s.Rows) != 24 || len(s.Months) != 12 || len(s.Totals) != 2 {
		t.Fatalf("rows %d, months %d, totals %d; want 24, 12, 2", len(s.Rows), len(s.Months), len(s.Totals))
	}
	row := func(service string, m time.Month) Counts {
		for _, r := range s.Rows {
			if r.Service == service && r.Month == m {
				return r.Counts
			}
		}
		t.Fatalf("no row for %s in %s", service, m)
		return Counts{}
	}
	fixture.Same(t, "home help in January", Counts{Applications: 2, Decisions: 1, Timed: 1, MedianDays: 10, LongestDays: 10}, row("home-help", time.January))
	fixture.Same(t, "home help in February", Counts{Applications: 1, Decisions: 3, Refusals: 1, Appeals: 1, Timed: 3, MedianDays: 21, LongestDays: 61}, row("home-help", time.February))
	fixture.Same(t, "home help in March: the decision carried out is not timed", Counts{Decisions: 1}, row("home-help", time.March))
	fixture.Same(t, "the alarm in January", Counts{Applications: 1, Decisions: 1, Refusals: 1, Timed: 1, MedianDays: 20, LongestDays: 20}, row("safety-alarm", time.January))
	fixture.Same(t, "the alarm in February", Counts{Appeals: 1}, row("safety-alarm", time.February))
	fixture.Same(t, "January, every service", Counts{Applications: 3, Decisions: 2, Refusals: 1, Timed: 2, MedianDays: 15, LongestDays: 20}, s.Months[0].Counts)
	fixture.Same(t, "home help, the year", Counts{Applications: 3, Decisions: 5, Refusals: 1, Appeals: 1, Timed: 4, MedianDays: 15.5, LongestDays: 61}, s.Totals[1].Counts)
	if s.Months[11] != (ServiceMonth{Month: time.December}) {
		t.Errorf("December: %+v, want nothing (last year's appeal and application do not count)", s.Months[11])
	}
}
