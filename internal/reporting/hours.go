package reporting

import "veiviser/internal/allocation"

// MaxHoursPerWeek is the most KPR takes for one service: a week has 168 hours (law.md §6).
const MaxHoursPerWeek = 168

// HoursPerWeek is a decision's scope as KPR counts it: hours per week as decided, hours per
// month divided by 4 (the register's rule, not 52/12), at most 168. A scope in another unit
// (visits, days, stays) or none has no hours: ok is false.
func HoursPerWeek(scope float64, unit allocation.ScopeUnit) (hours float64, ok bool) {
	switch unit {
	case allocation.HoursPerWeek:
		hours = scope
	case allocation.HoursPerMonth:
		hours = scope / 4
	default:
		return 0, false
	}
	if hours <= 0 {
		return 0, false
	}
	return min(hours, MaxHoursPerWeek), true
}
