package kernel

import (
	"time"

	"veiviser/internal/lawdata"
)

// Deadline is when something is due and whether it is late at the time asked.
type Deadline struct {
	Due  time.Time
	Late bool
}

// Late: due on a date means done by the end of that date.
func Late(due, now time.Time) bool {
	return !due.IsZero() && lawdata.DateOf(due).Before(lawdata.DateOf(now))
}

func DaysBetween(from, to time.Time) int {
	a := lawdata.DateOf(from).Time(time.UTC)
	b := lawdata.DateOf(to).Time(time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// DaysFromToday is how many days day is after today (negative: before), today being now's date
// in day's own zone: a date a person typed is midnight in the municipality's zone, and just after
// midnight there it is still yesterday in UTC, where the clock runs.
func DaysFromToday(now, day time.Time) int {
	return DaysBetween(now.In(day.Location()), day)
}
