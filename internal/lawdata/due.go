package lawdata

import (
	"time"

	"veiviser/internal/apperr"
)

// Due returns when a deadline that starts at from ends: the rule for key in force on from's date,
// added to from. A rule marked RollForward moves an end on a weekend or holiday to the next
// working day.
func (t *Table) Due(key Key, from time.Time) (time.Time, error) {
	r, err := t.At(key, from)
	if err != nil {
		return time.Time{}, err
	}
	if r.Value.Kind != KindDuration {
		return time.Time{}, apperr.New(apperr.Internal, "rule %q is a %s, not a duration", key, r.Value.Kind)
	}
	end := Add(from, r.Value)
	if r.RollForward {
		end = NextWorkingDay(end)
	}
	return end, nil
}

// Add adds a duration value to t. Months and years keep the day of the month, or take the
// month's last day when it has no such day (31 January + 1 month = 28 or 29 February), as
// deadlines counted in months do (fvl § 30).
func Add(t time.Time, v Value) time.Time {
	switch v.Unit {
	case WorkingDays:
		return AddWorkingDays(t, v.N)
	case Days:
		return t.AddDate(0, 0, v.N)
	case Weeks:
		return t.AddDate(0, 0, 7*v.N)
	case Months:
		return addMonths(t, v.N)
	case Years:
		return addMonths(t, 12*v.N)
	}
	return t
}

func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}
