package allocation

import (
	"strings"
	"testing"

	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
)

// TestCarerPay (issue 14, part 3): the pay per month is the hours per month times the
// municipality's hourly rate; weekly hours become monthly by 52/12, rounded once.
func TestCarerPay(t *testing.T) {
	cases := []struct {
		name  string
		scope float64
		unit  ScopeUnit
		rate  int64
		want  CarerPay
	}{
		{"40 hours a month at 215 kr", 40, HoursPerMonth, 21500, CarerPay{HoursPerMonth: 40, RateØre: 21500, MonthØre: 860000}},
		{"10 hours a week at 215 kr", 10, HoursPerWeek, 21500, CarerPay{HoursPerMonth: 43.33, RateØre: 21500, MonthØre: 931667}},
		{"7,5 hours a week at 208 kr", 7.5, HoursPerWeek, 20800, CarerPay{HoursPerMonth: 32.5, RateØre: 20800, MonthØre: 676000}},
	}
	for _, tc := range cases {
		if got := ComputeCarerPay(tc.scope, tc.unit, tc.rate); got != tc.want {
			t.Errorf("%s: %+v, want %+v", tc.name, got, tc.want)
		}
	}
	d := Decision{Code: CarerAllowance, Outcome: Granted, Scope: 10, Unit: HoursPerWeek, CarerPay: ComputeCarerPay(10, HoursPerWeek, 21500)}
	for lang, want := range map[i18n.Lang][]string{
		i18n.Bokmal:  {"10 timer per uke er 43,33 timer per måned", "43,33 timer per måned × 215\u00a0kr per time", "= 9\u00a0316,67\u00a0kr per måned"},
		i18n.Nynorsk: {"10 timar per veke er 43,33 timar per månad", "9\u00a0316,67\u00a0kr per månad"},
		i18n.English: {"10 hours per week is 43.33 hours per month", "× NOK\u00a0215 per hour", "NOK\u00a09,316.67 per month"},
	} {
		got := CarerPayWords(d, lang)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: %q lacks %q", lang, got, w)
			}
		}
	}
}

// TestCarerRateIsTheMunicipalitys: the rate is a dated municipal setting, in force for the
// years the table has.
func TestCarerRateIsTheMunicipalitys(t *testing.T) {
	law, err := lawdata.New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		day  string
		want int64
	}{{"2025-06-01", 20800}, {"2026-03-02", 21500}, {"2030-01-01", 21500}} {
		r, err := law.At(CarerHourlyRate, day(tc.day))
		if err != nil || r.Value.Øre != tc.want || !r.Setting {
			t.Errorf("%s: %+v %v, want %d øre as a setting", tc.day, r, err, tc.want)
		}
	}
	if _, err := law.At(CarerHourlyRate, day("2024-12-31")); err == nil {
		t.Error("a rate before the municipality set one")
	}
}
