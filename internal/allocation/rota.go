package allocation

import (
	"time"

	"veiviser/internal/kernel"
)

// The services a decision may plan as a rota (law.md §2.5: respite, nr. 6 d and § 3-6; a
// rotating stay, nr. 6 c or d).
const (
	RespiteStay  = "respite-stay"
	RotatingStay = "rotating-stay"
)

// Rota is a respite or rotating stay planned as weeks in the institution and then weeks at
// home, repeated from the decision's start to its end: 1 on and 3 off is a week's stay every
// fourth week.
type Rota struct {
	WeeksOn, WeeksOff int
}

// maxRotaWeeks bounds each part of a rota: a cycle longer than a year is no rota.
const maxRotaWeeks = 52

// CheckRota: at least a week on, no negative weeks off, neither over a year, over a period
// with a start and an end.
func CheckRota(r Rota, start, end time.Time) error {
	switch {
	case r.WeeksOn < 1 || r.WeeksOn > maxRotaWeeks:
		return kernel.Violation("En turnus har minst én uke i institusjonen, og høyst 52.", "A rota has at least one week in the institution, and at most 52.")
	case r.WeeksOff < 0 || r.WeeksOff > maxRotaWeeks:
		return kernel.Violation("Ukene hjemme i en turnus er fra 0 til 52.", "The weeks at home in a rota are from 0 to 52.")
	case start.IsZero() || end.IsZero():
		return kernel.Violation("En turnus gjelder en periode: skriv både fra og til dato.", "A rota runs over a period: write both the start and the end date.")
	case end.Before(start):
		return kernel.Violation("Sluttdatoen må være etter startdatoen.", "The end date must be after the start date.")
	}
	return nil
}

// Stay is one stay in the institution: the first and the last day, both included.
type Stay struct {
	From, To time.Time
}

// Days is how many days the stay lasts, both ends included.
func (s Stay) Days() int { return kernel.DaysBetween(s.From, s.To) + 1 }

// Stays are the rota's stays from start to end (calendar dates, both included): WeeksOn weeks
// in, WeeksOff weeks at home, again, the first stay from start; the last is cut short by end.
// The dates are midnight UTC of their calendar days, whatever start and end's zones are.
func (r Rota) Stays(start, end time.Time) []Stay {
	if r.WeeksOn < 1 || r.WeeksOff < 0 || start.IsZero() || end.IsZero() {
		return nil
	}
	first, last := calendarDay(start), calendarDay(end)
	var out []Stay
	cycle := 7 * (r.WeeksOn + r.WeeksOff)
	for from := first; !from.After(last); from = from.AddDate(0, 0, cycle) {
		to := from.AddDate(0, 0, 7*r.WeeksOn-1)
		if to.After(last) {
			to = last
		}
		out = append(out, Stay{From: from, To: to})
	}
	return out
}

// calendarDay is t's calendar date (in t's own zone) as midnight UTC, so days add up without
// a daylight-saving hour.
func calendarDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
