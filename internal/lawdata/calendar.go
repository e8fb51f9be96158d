package lawdata

import "time"

// Easter is Easter Sunday of year in the Gregorian calendar (the anonymous Gregorian algorithm,
// "Meeus/Jones/Butcher"), as a date in UTC.
func Easter(year int) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
}

// Holiday is a Norwegian public holiday (helligdag or høytidsdag under lov om 1. og 17. mai
// som høytidsdager and helligdagsfredloven).
type Holiday struct {
	Date Date
	NB   string // the name in bokmål
	EN   string // the name in English
}

// Holidays returns the year's public holidays in date order. Christmas Eve and New Year's Eve
// are not public holidays (many offices close early, but they are working days in law).
func Holidays(year int) []Holiday {
	e := Easter(year)
	at := func(days int) Date { return DateOf(e.AddDate(0, 0, days)) }
	fixed := func(m time.Month, d int) Date { return Date{year, m, d} }
	hs := []Holiday{
		{fixed(time.January, 1), "1. nyttårsdag", "New Year's Day"},
		{at(-3), "Skjærtorsdag", "Maundy Thursday"},
		{at(-2), "Langfredag", "Good Friday"},
		{at(0), "1. påskedag", "Easter Sunday"},
		{at(1), "2. påskedag", "Easter Monday"},
		{fixed(time.May, 1), "Offentlig høytidsdag", "Labour Day"},
		{fixed(time.May, 17), "Grunnlovsdag", "Constitution Day"},
		{at(39), "Kristi himmelfartsdag", "Ascension Day"},
		{at(49), "1. pinsedag", "Whit Sunday"},
		{at(50), "2. pinsedag", "Whit Monday"},
		{fixed(time.December, 25), "1. juledag", "Christmas Day"},
		{fixed(time.December, 26), "2. juledag", "Boxing Day"},
	}
	sortHolidays(hs)
	return hs
}

func sortHolidays(hs []Holiday) {
	// insertion sort: twelve items, and 17 May may fall before or after Ascension Day
	for i := 1; i < len(hs); i++ {
		for j := i; j > 0 && hs[j].Date.Before(hs[j-1].Date); j-- {
			hs[j], hs[j-1] = hs[j-1], hs[j]
		}
	}
}

// IsHoliday reports whether day's date is a public holiday.
func IsHoliday(day time.Time) bool {
	d := DateOf(day)
	for _, h := range Holidays(d.Year) {
		if h.Date == d {
			return true
		}
	}
	return false
}

// IsWorkingDay reports whether day is Monday to Friday and not a public holiday.
func IsWorkingDay(day time.Time) bool {
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !IsHoliday(day)
}

// AddWorkingDays returns the n-th working day after day (n > 0), at the same clock time. The day
// itself does not count: an inquiry received on a Monday with 10 working days is due two weeks
// later on Monday when no holiday falls between.
func AddWorkingDays(day time.Time, n int) time.Time {
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		if IsWorkingDay(day) {
			n--
		}
	}
	return day
}

// WorkingDaysBetween counts the working days after from up to and including to; 0 when to is
// not after from.
func WorkingDaysBetween(from, to time.Time) int {
	n := 0
	end := DateOf(to)
	for d := from.AddDate(0, 0, 1); !end.Before(DateOf(d)); d = d.AddDate(0, 0, 1) {
		if IsWorkingDay(d) {
			n++
		}
	}
	return n
}

// NextWorkingDay is day when it is a working day, otherwise the first working day after it.
func NextWorkingDay(day time.Time) time.Time {
	for !IsWorkingDay(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day
}
