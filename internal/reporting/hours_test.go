package reporting

import (
	"testing"

	"veiviser/internal/allocation"
)

// TestHoursPerWeek: hours per month are divided by 4, hours per week are kept, neither goes
// above 168, and a scope in visits, days or stays (or none) has no hours.
func TestHoursPerWeek(t *testing.T) {
	tests := []struct {
		name   string
		scope  float64
		unit   allocation.ScopeUnit
		want   float64
		wantOK bool
	}{
		{"weekly as decided", 7.5, allocation.HoursPerWeek, 7.5, true},
		{"monthly divided by 4", 24, allocation.HoursPerMonth, 6, true},
		{"monthly, a fraction", 10, allocation.HoursPerMonth, 2.5, true},
		{"weekly at the cap", 168, allocation.HoursPerWeek, 168, true},
		{"monthly above the cap", 720, allocation.HoursPerMonth, 168, true},
		{"monthly just under the cap", 671, allocation.HoursPerMonth, 167.75, true},
		{"visits have no hours", 3, allocation.VisitsPerWeek, 0, false},
		{"days per week have no hours", 2, allocation.DaysPerWeek, 0, false},
		{"days have no hours", 14, allocation.Days, 0, false},
		{"stays have no hours", 1, allocation.Stays, 0, false},
		{"no scope", 0, "", 0, false},
		{"zero hours", 0, allocation.HoursPerWeek, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := HoursPerWeek(tc.scope, tc.unit)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("HoursPerWeek(%v, %q) = %v, %v; want %v, %v", tc.scope, tc.unit, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
