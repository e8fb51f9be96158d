package fees

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
)

// Rule names how a service is charged.
type Rule string

// The fee rules of the regulation and the price list.
const (
	Free                Rule = "free"                 // home nursing, personal care, respite, support contact
	PracticalAssistance Rule = "practical-assistance" // § 9-10: capped by the household's income in G
	ShortStay           Rule = "short-stay"           // § 4: per day; after 60 days a year as long-term
	DayNightStay        Rule = "day-night-stay"       // § 4: per day or night
	LongTermStay        Rule = "long-term-stay"       // § 3: a share of the resident's income
	SafetyAlarm         Rule = "safety-alarm"         // the municipal price list, per month
	NotCharged          Rule = "not-charged"          // a payment to the citizen (carer allowance) or no service
)

// Known reports whether r is one of the rules above.
func (r Rule) Known() bool {
	switch r {
	case Free, PracticalAssistance, ShortStay, DayNightStay, LongTermStay, SafetyAlarm, NotCharged:
		return true
	}
	return false
}

// Income is what a citizen documented, in øre per year.
type Income struct {
	// Gross is the resident's own income before tax (pension, interest, other), the long-term
	// charge's basis; Tax and DebtInterest are deducted from the part above G.
	Gross, Tax, DebtInterest int64
	// Household is the household's taxable net income before special deductions
	// (skattbar nettoinntekt før særfradrag), the practical-assistance brackets' basis.
	Household int64
}

// Line is one step of a computation: a phrase, its numbers, and the amount it comes to when it
// has one.
type Line struct {
	Phrase phrase
	Args   []any // Money, Days, Percent, a float (a multiple of G), a date
	Amount Money // 0 with HasAmount false: a step without an amount of its own
	Has    bool
}

// Computation is the fee of one service for a period, and how it came about.
type Computation struct {
	Rule  Rule
	Lines []Line
	Total Money // what the citizen pays for the period (per month, or for the month computed)
}

// Money is an amount in øre.
type Money int64

// Days is a count of days, rendered with its word.
type Days int

// Percent is a share, rendered "75 %".
type Percent int

// Text is the computation in lang, one line per step.
func (c Computation) Text(lang i18n.Lang) []string {
	out := make([]string, 0, len(c.Lines))
	for _, l := range c.Lines {
		out = append(out, l.text(lang))
	}
	return out
}

func (l Line) text(lang i18n.Lang) string {
	args := make([]any, len(l.Args))
	for i, a := range l.Args {
		args[i] = render(a, lang)
	}
	s := fmt.Sprintf(l.Phrase.in(lang), args...)
	if l.Has {
		s += ": " + Kroner(int64(l.Amount), lang)
	}
	return s
}

func render(a any, lang i18n.Lang) string {
	switch v := a.(type) {
	case Money:
		return Kroner(int64(v), lang)
	case Days:
		return daysText(int(v), lang)
	case Percent:
		return fmt.Sprintf("%d\u00a0%%", int(v))
	case float64: // a multiple of G
		if lang == i18n.English {
			return fmt.Sprintf("%.2f", v)
		}
		return strings.Replace(fmt.Sprintf("%.2f", v), ".", ",", 1)
	case hoursWords:
		if lang == i18n.English {
			return strconv.FormatFloat(float64(v), 'f', -1, 64)
		}
		return strings.Replace(strconv.FormatFloat(float64(v), 'f', -1, 64), ".", ",", 1)
	case month:
		t := time.Time(v)
		return monthWords(t.Month(), lang) + " " + strconv.Itoa(t.Year())
	case time.Time:
		if lang == i18n.English {
			return v.Format("2 January 2006")
		}
		return v.Format("02.01.2006")
	}
	return fmt.Sprint(a)
}

func daysText(n int, lang i18n.Lang) string {
	switch {
	case lang == i18n.English && n == 1:
		return "1 day"
	case lang == i18n.English:
		return fmt.Sprintf("%d days", n)
	case lang == i18n.Nynorsk:
		return fmt.Sprintf("%d døger", n)
	}
	return fmt.Sprintf("%d døgn", n)
}

// amount is the amount of key in force on day.
func amount(t *lawdata.Table, key lawdata.Key, day time.Time) (Money, error) {
	r, err := t.At(key, day)
	if err != nil {
		return 0, fmt.Errorf("fee amount: %w", err)
	}
	return Money(r.Value.Øre), nil
}

// share is pct % of m, rounded to the nearest øre.
func share(m Money, pct Percent) Money {
	return Money((int64(m)*int64(pct) + 50) / 100)
}

// monthWords is a month's name; the English one is time's own.
func monthWords(m time.Month, lang i18n.Lang) string {
	nb := [...]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"}
	if lang == i18n.English {
		return m.String()
	}
	return nb[m-1] // the same in nynorsk
}

// MonthYear is t's month and year as words in lang: "desember 2026", "December 2026".
func MonthYear(t time.Time, lang i18n.Lang) string { return render(month(t), lang) }
