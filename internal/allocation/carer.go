package allocation

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/fees"
	"veiviser/internal/fhir"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// CarerAllowance is the catalogue's code of omsorgsstønad (hol § 3-6 første ledd nr. 3): the
// carer is a party with a letter of their own (Decision.Carer).
const CarerAllowance = "carer-allowance"

// CarerHourlyRate is the municipal setting of the carer allowance's pay per hour, in øre
// (rules/carer.json; each municipality sets its own).
const CarerHourlyRate lawdata.Key = "allocation.carer-allowance.hourly-rate"

// CarerPay is a carer allowance's pay: the hours per month it is granted for, the hourly rate
// in force on the day it was decided, and the pay per month (hours per month × rate).
type CarerPay struct {
	HoursPerMonth float64 // rounded to two decimals, as the letter says it
	RateØre       int64
	MonthØre      int64
}

// weeksPerMonth: a year has 52 weeks in 12 months, so an hour a week is 52/12 hours a month.
const weeksPerMonth = 52.0 / 12.0

// ComputeCarerPay is the pay of scope hours in unit at rateØre an hour. Weekly hours become
// monthly by 52/12, and the amount is rounded to the øre once, from the exact hours.
func ComputeCarerPay(scope float64, unit ScopeUnit, rateØre int64) CarerPay {
	hours := scope
	if unit == HoursPerWeek {
		hours = scope * weeksPerMonth
	}
	return CarerPay{HoursPerMonth: math.Round(hours*100) / 100, RateØre: rateØre, MonthØre: int64(math.Round(hours * float64(rateØre)))}
}

// carerPayAt is d's pay by the rate in force on day: a NotFound error when the municipality
// has no rate that day, since a missing rate must stop the decision, not become last year's.
func carerPayAt(d Decision, law *lawdata.Table, day time.Time) (CarerPay, error) {
	r, err := law.At(CarerHourlyRate, day)
	if err != nil {
		return CarerPay{}, err
	}
	return ComputeCarerPay(d.Scope, d.Unit, r.Value.Øre), nil
}

// CarerPayWords is the computation in words in lang, as the decision letter and the pages say
// it: the hours (weekly hours turned into monthly), times the rate, is the pay per month.
func CarerPayWords(d Decision, lang i18n.Lang) string {
	p := d.CarerPay
	if p.RateØre == 0 {
		return ""
	}
	w := carerWordsIn[lang]
	if w.month == "" {
		w = carerWordsIn[i18n.Bokmal]
	}
	num := func(f float64) string { return decimalIn(f, lang) }
	out := ""
	if d.Unit == HoursPerWeek {
		out = fmt.Sprintf(w.weekly, num(d.Scope), num(p.HoursPerMonth), num(d.Scope)) + " "
	}
	return out + fmt.Sprintf(w.month, num(p.HoursPerMonth), fees.Kroner(p.RateØre, lang), fees.Kroner(p.MonthØre, lang))
}

var carerWordsIn = map[i18n.Lang]struct{ weekly, month string }{
	i18n.Bokmal: {weekly: "%s timer per uke er %s timer per måned (%s × 52 uker ÷ 12 måneder).",
		month: "Omsorgsstønaden er %s timer per måned × %s per time (kommunens sats) = %s per måned, før skatt."},
	i18n.Nynorsk: {weekly: "%s timar per veke er %s timar per månad (%s × 52 veker ÷ 12 månader).",
		month: "Omsorgsstønaden er %s timar per månad × %s per time (kommunen sin sats) = %s per månad, før skatt."},
	i18n.English: {weekly: "%s hours per week is %s hours per month (%s × 52 weeks ÷ 12 months).",
		month: "The carer allowance is %s hours per month × %s per hour (the municipality's rate) = %s per month, before tax."},
}

// decimalIn is f with at most two decimals, a decimal comma in Norwegian.
func decimalIn(f float64, lang i18n.Lang) string {
	s := strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
	if lang == i18n.English {
		return s
	}
	return strings.ReplaceAll(s, ".", ",")
}

// carerPayToFHIR is the pay as the carer-pay extension: the hours per month (valueDecimal), the
// rate and the pay per month (valueMoney, NOK).
func carerPayToFHIR(p CarerPay) *fhir.Object {
	if p.RateØre == 0 {
		return nil
	}
	return kernel.ComplexExt(kernel.ExtCarerPay,
		kernel.SubExt("hours-per-month", "Decimal", json.Number(strconv.FormatFloat(p.HoursPerMonth, 'f', -1, 64))),
		kernel.SubExt("hourly-rate", "Money", kernel.Money(p.RateØre)),
		kernel.SubExt("per-month", "Money", kernel.Money(p.MonthØre)))
}

// carerPayFromFHIR reads the pay back; the zero CarerPay when the decision has none.
func carerPayFromFHIR(o *fhir.Object) CarerPay {
	var p CarerPay
	for _, e := range kernel.Extensions(o, kernel.ExtCarerPay) {
		for _, sub := range kernel.Extensions(e, "hours-per-month") {
			p.HoursPerMonth, _ = kernel.Number(sub, "valueDecimal")
		}
		for _, sub := range kernel.Extensions(e, "hourly-rate") {
			p.RateØre, _ = kernel.MoneyØre(sub, "valueMoney")
		}
		for _, sub := range kernel.Extensions(e, "per-month") {
			p.MonthØre, _ = kernel.MoneyØre(sub, "valueMoney")
		}
	}
	return p
}

// carerPayOf is the pay of a carer allowance given, by the rate in force on day; nothing for
// another service or a refusal.
func (s *Service) carerPayOf(d Decision, day time.Time) (CarerPay, error) {
	if d.Code != CarerAllowance || d.Outcome == Refused {
		return CarerPay{}, nil
	}
	return carerPayAt(d, s.wf.Law(), day)
}
