package fees

import (
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
)

// Rates are the amounts of rule in force on day, as lines a public page shows ("Under 2 G:
// the state's maximum per month: 210 kr"). An amount not in the table for day's year is left
// out; when every one is, the error is NotFound.
func Rates(t *lawdata.Table, r Rule, day time.Time) ([]Line, error) {
	var items []struct {
		key lawdata.Key
		p   phrase
		arg []any
	}
	add := func(k lawdata.Key, p phrase, arg ...any) {
		items = append(items, struct {
			key lawdata.Key
			p   phrase
			arg []any
		}{k, p, arg})
	}
	switch r {
	case PracticalAssistance:
		add(lawdata.PracticalAssistanceFeeUnder2G, pRateUnder2G)
		for i, b := range brackets() {
			if i == len(brackets())-1 {
				add(b.key, pTopOnly, b.from)
			} else {
				add(b.key, pRateBracket, b.from, b.from+1)
			}
		}
		add(lawdata.PracticalAssistancePerHour, pRatePerHour)
	case ShortStay:
		add(lawdata.ShortStayFeePerDay, pRatePerDay)
	case DayNightStay:
		add(lawdata.DayNightStayFeePerDay, pRateDayNight)
	case LongTermStay:
		add(lawdata.LongTermAllowance, pAllowance)
		add(lawdata.LongTermAllowanceDoubleRoom, pAllowance2)
		add(lawdata.LongTermRealCost, pRateRealCost)
	case SafetyAlarm:
		add(lawdata.SafetyAlarmPerMonth, pRatePerMonth)
	default:
		return nil, nil
	}
	var out []Line
	for _, it := range items {
		m, err := amount(t, it.key, day)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, Line{Phrase: it.p, Args: it.arg, Amount: m, Has: true})
	}
	if len(out) == 0 {
		return nil, apperr.New(apperr.NotFound, "no amounts of %s in force on %s", r, day.Format(time.DateOnly))
	}
	return out, nil
}

// Texts are lines in lang.
func Texts(lines []Line, lang i18n.Lang) []string {
	c := Computation{Lines: lines}
	return c.Text(lang)
}
