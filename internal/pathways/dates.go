package pathways

import (
	"time"

	"veiviser/internal/lawdata"
)

// Milestones happen on calendar dates (the day the assessment ended), so a pathway keeps
// lawdata.Date rather than time.Time: no time zone, and == compares two dates.

func isZero(d lawdata.Date) bool { return d == lawdata.Date{} }

// later is the later of two dates.
func later(a, b lawdata.Date) lawdata.Date {
	if a.Before(b) {
		return b
	}
	return a
}

// daysBetween counts calendar days from a to b (negative when b is before a).
func daysBetween(a, b lawdata.Date) int {
	return int(b.Time(time.UTC).Sub(a.Time(time.UTC)).Hours() / 24)
}

// addValue adds a duration value to a date.
func addValue(d lawdata.Date, v lawdata.Value) lawdata.Date {
	return lawdata.DateOf(lawdata.Add(d.Time(time.UTC), v))
}

// due is the date a rule's duration ends when counted from from (the rule in force on from).
func due(law *lawdata.Table, key lawdata.Key, from lawdata.Date) (lawdata.Date, error) {
	t, err := law.Due(key, from.Time(time.UTC))
	if err != nil {
		return lawdata.Date{}, err
	}
	return lawdata.DateOf(t), nil
}
