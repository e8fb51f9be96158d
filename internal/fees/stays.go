package fees

import (
	"fmt"
	"slices"
	"time"

	"veiviser/internal/lawdata"
)

// Stay is a period in an institution. The days (døgn) counted are the nights from From to To,
// the day of arrival counted and the day of departure not; a zero To is a stay still going on.
type Stay struct{ From, To time.Time }

// ShortYearDays is how many days of short-term stays in a calendar year are charged per day;
// the days after are charged as a long-term stay (egenandelsforskriften § 4).
const ShortYearDays = 60

// ShortStayFee is what the short-term stays cost in the month that starts on month (its first
// day, in the municipality's time zone): each day of the month in a stay at the state's daily
// maximum of its year while it is among the first 60 of the calendar year (every stay that year
// counted, in order), and each day after as its share of the month's long-term charge. The count
// starts again each 1 January, so a stay across the new year is charged in the new year from
// day 1 at the new year's amount.
func ShortStayFee(t *lawdata.Table, month time.Time, stays []Stay, inc *Income, doubleRoom bool) (Computation, error) {
	c := Computation{Rule: ShortStay}
	start := time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, month.Location())
	end := start.AddDate(0, 1, 0)
	count := countDays(stays, start, end)
	if count.normal+count.over == 0 {
		c.add(Line{Phrase: pNoStay, Args: []any{monthName(start)}})
		return c, nil
	}
	if count.normal > 0 {
		rate, err := amount(t, lawdata.ShortStayFeePerDay, start)
		if err != nil {
			return c, err
		}
		sum := rate * Money(count.normal)
		c.add(Line{Phrase: pShortDays, Args: []any{Days(count.normal), start.Year(), rate, count.first, count.first + count.normal - 1}, Amount: sum, Has: true})
		c.Total += sum
	}
	if count.over > 0 {
		lt, err := LongTermFee(t, start, inc, doubleRoom)
		if err != nil {
			return c, err
		}
		c.Lines = append(c.Lines, lt.Lines[:len(lt.Lines)-1]...) // its steps, without its own total
		inMonth := int(end.Sub(start).Hours()/24 + 0.5)
		part := Money((int64(lt.Total)*int64(count.over) + int64(inMonth)/2) / int64(inMonth))
		c.add(Line{Phrase: pOver60, Args: []any{Days(count.over), start.Year(), fmt.Sprintf("%d/%d", count.over, inMonth), lt.Total}, Amount: part, Has: true})
		c.Total += part
	}
	c.add(Line{Phrase: pMonthTotal, Args: []any{monthName(start)}, Amount: c.Total, Has: true})
	return c, nil
}

// dayCount is how a month's days in stays fall: normal ones from the first-th day of the year,
// then over ones past the 60th.
type dayCount struct{ normal, over, first int }

// countDays counts the days of stays in [start, end), numbering every day of the stays from the
// first of start's calendar year.
func countDays(stays []Stay, start, end time.Time) dayCount {
	sorted := slices.Clone(stays)
	slices.SortFunc(sorted, func(a, b Stay) int { return a.From.Compare(b.From) })
	year := time.Date(start.Year(), 1, 1, 0, 0, 0, 0, start.Location())
	var n dayCount
	index := 0
	for _, s := range sorted {
		to := s.To
		if to.IsZero() || to.After(end) {
			to = end
		}
		for d := later(s.From, year); d.Before(to); d = d.AddDate(0, 0, 1) {
			index++
			if d.Before(start) {
				continue
			}
			if index <= ShortYearDays {
				if n.normal == 0 {
					n.first = index
				}
				n.normal++
			} else {
				n.over++
			}
		}
	}
	return n
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// DayNightStayFee is days of day or night stays in the month at the state's maximum in force.
func DayNightStayFee(t *lawdata.Table, month time.Time, days int) (Computation, error) {
	c := Computation{Rule: DayNightStay}
	rate, err := amount(t, lawdata.DayNightStayFeePerDay, month)
	if err != nil {
		return c, err
	}
	c.Total = rate * Money(days)
	c.add(Line{Phrase: pDayNight, Args: []any{days, rate}, Amount: c.Total, Has: true})
	return c, nil
}

// PriceListFee is a monthly price from the municipality's price list (the safety alarm).
func PriceListFee(t *lawdata.Table, day time.Time, key lawdata.Key) (Computation, error) {
	c := Computation{Rule: SafetyAlarm}
	price, err := amount(t, key, day)
	if err != nil {
		return c, err
	}
	c.Total = price
	c.add(Line{Phrase: pPriceList, Args: []any{day}, Amount: price, Has: true})
	return c, nil
}

// FreeFee is the computation of a service without a fee: one line that says so.
func FreeFee(r Rule) Computation {
	if r == NotCharged {
		return Computation{Rule: r, Lines: []Line{{Phrase: pNotCharged}}}
	}
	return Computation{Rule: Free, Lines: []Line{{Phrase: pFree}}}
}

// month is a month and year as words: "desember 2022".
type month time.Time

func monthName(t time.Time) month { return month(t) }
