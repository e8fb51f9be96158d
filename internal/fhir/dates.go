package fhir

import (
	"time"
)

// farFuture is the High of an open-ended range (a Period without end).
var farFuture = time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)

// farPast is the Low of a range without a start.
var farPast = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)

// datePrecision is how much of a date/time value was written.
type datePrecision int

const (
	precYear datePrecision = iota
	precMonth
	precDay
	precMinute // search values only: 2024-01-02T10:00
	precSecond
	precFraction
)

// dateValue is a parsed FHIR date, dateTime or instant.
type dateValue struct {
	t    time.Time // the start, in UTC
	prec datePrecision
	zone bool // a time zone was written
}

// parseDate reads YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm]. A date with a
// time and no zone is read as UTC (values with a time must carry a zone in resources; see
// checkDateTime). It refuses impossible dates such as 2023-02-30.
func parseDate(s string) (dateValue, bool) {
	var v dateValue
	n := len(s)
	if n < 4 {
		return v, false
	}
	year, ok := digits(s, 0, 4)
	if !ok || year == 0 {
		return v, false
	}
	month, day := 1, 1
	hour, minute, sec, nsec := 0, 0, 0, 0
	v.prec = precYear
	i := 4
	if i < n {
		if s[i] != '-' || n < 7 {
			return v, false
		}
		if month, ok = digits(s, 5, 2); !ok || month < 1 || month > 12 {
			return v, false
		}
		v.prec, i = precMonth, 7
	}
	if i < n {
		if s[i] != '-' || n < 10 {
			return v, false
		}
		if day, ok = digits(s, 8, 2); !ok || day < 1 || day > daysIn(year, month) {
			return v, false
		}
		v.prec, i = precDay, 10
	}
	loc := time.UTC
	if i < n {
		if s[i] != 'T' {
			return v, false
		}
		var rest string
		hour, minute, sec, nsec, v.prec, rest, ok = parseClock(s[i+1:])
		if !ok {
			return v, false
		}
		if rest != "" {
			if loc, ok = parseZone(rest); !ok {
				return v, false
			}
			v.zone = true
		}
	}
	v.t = time.Date(year, time.Month(month), day, hour, minute, sec, nsec, loc).UTC()
	return v, true
}

// parseClock reads hh:mm[:ss[.fff]] and returns what follows.
func parseClock(s string) (h, m, sec, nsec int, prec datePrecision, rest string, ok bool) {
	if len(s) < 5 || s[2] != ':' {
		return
	}
	if h, ok = digits(s, 0, 2); !ok || h > 23 {
		return h, m, sec, nsec, prec, rest, false
	}
	if m, ok = digits(s, 3, 2); !ok || m > 59 {
		return h, m, sec, nsec, prec, rest, false
	}
	prec, i := precMinute, 5
	if i < len(s) && s[i] == ':' {
		if sec, ok = digits(s, 6, 2); !ok || sec > 60 {
			return h, m, sec, nsec, prec, rest, false
		}
		if sec == 60 { // a leap second: count it as the last second of the minute
			sec = 59
		}
		prec, i = precSecond, 8
		if i < len(s) && s[i] == '.' {
			j := i + 1
			scale := 100000000
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				nsec += int(s[j]-'0') * scale
				scale /= 10
				j++
			}
			if j == i+1 {
				return h, m, sec, nsec, prec, rest, false
			}
			prec, i = precFraction, j
		}
	}
	return h, m, sec, nsec, prec, s[i:], true
}

// parseZone reads Z or ±hh:mm (at most 14:00).
func parseZone(s string) (*time.Location, bool) {
	if s == "Z" {
		return time.UTC, true
	}
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return nil, false
	}
	h, ok1 := digits(s, 1, 2)
	m, ok2 := digits(s, 4, 2)
	if !ok1 || !ok2 || m > 59 || h*60+m > 14*60 {
		return nil, false
	}
	off := (h*60 + m) * 60
	if s[0] == '-' {
		off = -off
	}
	return time.FixedZone("", off), true
}

func digits(s string, at, n int) (int, bool) {
	if at+n > len(s) {
		return 0, false
	}
	v := 0
	for i := at; i < at+n; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// span is the closed-open range [Low, High) the value covers at its precision.
func (v dateValue) span() (time.Time, time.Time) {
	switch v.prec {
	case precYear:
		return v.t, v.t.AddDate(1, 0, 0)
	case precMonth:
		return v.t, v.t.AddDate(0, 1, 0)
	case precDay:
		return v.t, v.t.AddDate(0, 0, 1)
	case precMinute:
		return v.t, v.t.Add(time.Minute)
	case precSecond:
		return v.t, v.t.Add(time.Second)
	default:
		return v.t, v.t.Add(time.Millisecond)
	}
}

// checkDateKind reports whether s is a valid value of the FHIR type typ (date, dateTime,
// instant), following the R4 regexes: a time needs seconds and a zone; an instant needs both.
func checkDateKind(typ, s string) bool {
	v, ok := parseDate(s)
	if !ok {
		return false
	}
	switch typ {
	case "date":
		return v.prec <= precDay
	case "instant":
		return v.prec >= precSecond && v.zone
	default: // dateTime
		return v.prec <= precDay || (v.prec >= precSecond && v.zone)
	}
}

// checkTime reports whether s is a FHIR time: hh:mm:ss[.fff].
func checkTime(s string) bool {
	_, _, _, _, prec, rest, ok := parseClock(s)
	return ok && rest == "" && prec >= precSecond
}
