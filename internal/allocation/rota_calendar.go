package allocation

import "time"

// CalendarDay is one cell of a month's grid: a day of the month (Day 0 for the blank cells
// before the first and after the last), and whether the citizen is in the institution then.
type CalendarDay struct {
	Day  int
	Date time.Time
	Stay bool
}

// CalendarMonth is one month of a rota's calendar, in weeks from Monday (as Norwegian calendars
// run), and how many days of it are stays.
type CalendarMonth struct {
	Year     int
	Month    time.Month
	Weeks    [][7]CalendarDay
	StayDays int
}

// maxCalendarMonths bounds a calendar: beyond two years the stays are listed, not drawn.
const maxCalendarMonths = 24

// Calendar is the months from start's to end's (at most maxCalendarMonths), each day marked
// when it falls in one of stays.
func Calendar(stays []Stay, start, end time.Time) []CalendarMonth {
	if start.IsZero() || end.IsZero() || end.Before(start) {
		return nil
	}
	in := func(day time.Time) bool {
		for _, s := range stays {
			if !day.Before(s.From) && !day.After(s.To) {
				return true
			}
		}
		return false
	}
	first, last := calendarDay(start), calendarDay(end)
	var out []CalendarMonth
	for m := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC); !m.After(last) && len(out) < maxCalendarMonths; m = m.AddDate(0, 1, 0) {
		cm := CalendarMonth{Year: m.Year(), Month: m.Month()}
		var week [7]CalendarDay
		col := (int(m.Weekday()) + 6) % 7 // Monday is 0
		for day := m; day.Month() == m.Month(); day = day.AddDate(0, 0, 1) {
			week[col] = CalendarDay{Day: day.Day(), Date: day, Stay: in(day)}
			if week[col].Stay {
				cm.StayDays++
			}
			if col == 6 {
				cm.Weeks, week, col = append(cm.Weeks, week), [7]CalendarDay{}, 0
				continue
			}
			col++
		}
		if col > 0 {
			cm.Weeks = append(cm.Weeks, week)
		}
		out = append(out, cm)
	}
	return out
}
