package fees

import (
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/lawdata"
)

func law(t *testing.T) *lawdata.Table {
	t.Helper()
	tab, err := lawdata.New()
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func day(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.ParseInLocation(time.DateOnly, s, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func kr(k float64) Money { return Money(k*100 + 0.5) }

// The worked examples of practical assistance in 2022: the state's 210 kr under 2 G and the
// municipality's brackets above (Vefsn's 2022 list, rules/fees.json), at 400 kr an hour.
func TestPracticalAssistance2022(t *testing.T) {
	tab := law(t)
	cases := []struct {
		name      string
		on        string
		household float64 // kroner per year
		hours     float64
		want      Money
		bracket   string // in the bracket line, bokmål
	}{
		{"under 2 G: the state's maximum", "2022-08-15", 200000, 10, kr(210), "under 2 G"},
		{"2-3 G, the hours cost less than the cap", "2022-08-15", 300000, 2, kr(800), "mellom 2 og 3 G"},
		{"2-3 G, capped", "2022-08-15", 300000, 4, kr(1169), "mellom 2 og 3 G"},
		{"exactly 2 G is in 2-3 G", "2022-08-15", 222954, 4, kr(1169), "mellom 2 og 3 G"},
		{"3-4 G", "2022-08-15", 400000, 10, kr(1901), "mellom 3 og 4 G"},
		{"4-5 G", "2022-08-15", 500000, 10, kr(2819), "mellom 4 og 5 G"},
		{"over 5 G", "2022-08-15", 600000, 20, kr(3793), "over 5 G"},
		{"before 1 May the lower G puts the same income in 2-3 G", "2022-03-01", 220000, 10, kr(1169), "mellom 2 og 3 G"},
		{"after 1 May it is under 2 G", "2022-05-01", 220000, 10, kr(210), "under 2 G"},
		{"half hours", "2022-08-15", 300000, 2.5, kr(1000), "mellom 2 og 3 G"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := PracticalAssistanceFee(tab, day(t, c.on), c.hours, &Income{Household: int64(kr(c.household))})
			if err != nil {
				t.Fatal(err)
			}
			if got.Total != c.want {
				t.Errorf("total %d øre, want %d\n%s", got.Total, c.want, strings.Join(got.Text(i18n.Bokmal), "\n"))
			}
			text := strings.Join(got.Text(i18n.Bokmal), "\n")
			if !strings.Contains(text, c.bracket) || !strings.Contains(text, "Du betaler det laveste, per måned: "+Kroner(int64(c.want), i18n.Bokmal)) {
				t.Errorf("the lines do not show the bracket %q and the total:\n%s", c.bracket, text)
			}
		})
	}
}

func TestPracticalAssistanceWithoutIncomeIsTheTopBracket(t *testing.T) {
	got, err := PracticalAssistanceFee(law(t), day(t, "2022-08-15"), 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Total != kr(3793) || !strings.Contains(got.Text(i18n.English)[0], "not documented") {
		t.Errorf("got %d: %q", got.Total, got.Text(i18n.English))
	}
}

// A year whose state amount is not in the table stops the computation rather than reuse the
// last one.
func TestMissingYearIsNotFound(t *testing.T) {
	tab := law(t)
	_, err := PracticalAssistanceFee(tab, day(t, "2023-08-15"), 2, &Income{Household: int64(kr(100000))})
	if !apperr.Is(err, apperr.NotFound) {
		t.Errorf("under 2 G in 2023: %v, want NotFound", err)
	}
	_, err = ShortStayFee(tab, day(t, "2024-03-01"), []Stay{{From: day(t, "2024-03-01"), To: day(t, "2024-03-05")}}, nil, false)
	if !apperr.Is(err, apperr.NotFound) {
		t.Errorf("a short stay in 2024: %v, want NotFound", err)
	}
}

// The worked examples of a long-term stay in 2023: G 118 620 kr (from 1 May), the allowance
// 9 400 kr, 45 400 kr in an unwanted double room, the real cost 85 562 kr a month.
func TestLongTermStay2023(t *testing.T) {
	tab := law(t)
	cases := []struct {
		name              string
		gross, tax, debt  float64
		doubleRoom        bool
		want              Money
		mustShow, mustNot string
	}{
		// 75 % of (118 620 - 9 400) = 81 915; 85 % of (300 000 - 118 620 - 50 000) = 111 673;
		// 193 588 a year is 16 132,33 a month.
		{"single room", 300000, 50000, 0, false, 1613233, "Fribeløp, per år: 9\u00a0400\u00a0kr", "dobbeltrom"},
		// 75 % of (118 620 - 45 400) = 54 915; + 111 673 = 166 588 a year, 13 882,33 a month.
		{"an unwanted double room", 300000, 50000, 0, true, 1388233, "dobbeltrom du ikke ønsket, per år: 45\u00a0400\u00a0kr", ""},
		// Debt interest is deducted like tax: 85 % of (300 000 - 118 620 - 50 000 - 20 000) = 94 673;
		// 176 588 a year, 14 715,67 a month.
		{"debt interest deducted", 300000, 50000, 20000, false, 1471567, "Gjeldsrenter, per år: 20\u00a0000\u00a0kr", ""},
		// 81 915 + 85 % of 1 281 380 = 1 171 088 a year, 97 590,67 a month: above the real cost.
		{"at the real-cost cap", 2000000, 600000, 0, false, kr(85562), "Plassen koster 85\u00a0562\u00a0kr per måned", ""},
		// Under G: 75 % of 90 600 = 67 950 a year, but the resident keeps 29 655 + 7 050 = 36 705
		// of the 95 000 after tax, so at most 58 295 a year: 4 857,92 a month.
		{"the resident keeps the minimum", 100000, 5000, 0, false, 485792, "beholde minst 25 % av G og 75 % av fribeløpet (36\u00a0705\u00a0kr)", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inc := &Income{Gross: int64(kr(c.gross)), Tax: int64(kr(c.tax)), DebtInterest: int64(kr(c.debt))}
			got, err := LongTermFee(tab, day(t, "2023-06-01"), inc, c.doubleRoom)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(got.Text(i18n.Bokmal), "\n")
			if got.Total != c.want {
				t.Errorf("total %d øre, want %d\n%s", got.Total, c.want, text)
			}
			if !strings.Contains(text, c.mustShow) || c.mustNot != "" && strings.Contains(text, c.mustNot) {
				t.Errorf("want %q (and not %q) in\n%s", c.mustShow, c.mustNot, text)
			}
			if !strings.HasSuffix(text, "Du betaler per måned: "+Kroner(int64(c.want), i18n.Bokmal)) {
				t.Errorf("the last line is not the total:\n%s", text)
			}
		})
	}
}

// The 60-day rule across a year boundary: 50 days in January and February 2022, then a stay
// from 15 December 2022 to 20 January 2023. December's 17 days are days 51-67 of 2022: ten at
// 175 kr, seven charged as a long-term stay; January starts the count again at 185 kr.
func TestShortStaySixtyDaysAcrossTheYear(t *testing.T) {
	tab := law(t)
	stays := []Stay{{From: day(t, "2022-12-15"), To: day(t, "2023-01-20")}, {From: day(t, "2022-01-10"), To: day(t, "2022-03-01")}}
	inc := &Income{Gross: int64(kr(300000)), Tax: int64(kr(50000))}
	cases := []struct {
		month string
		want  Money
		lines []string
	}{
		{"2022-02-01", kr(28 * 175), []string{"28 døgn i 2022 à 175\u00a0kr (døgn 23-50 av 60 i kalenderåret): 4\u00a0900\u00a0kr"}},
		// The long-term charge of December 2022: 75 % of (111 477 - 9 000) + 85 % of
		// (300 000 - 111 477 - 50 000) = 194 602,30 a year, 16 216,86 a month; 7/31 of it is 3 661,87.
		{"2022-12-01", kr(1750) + 366187, []string{
			"10 døgn i 2022 à 175\u00a0kr (døgn 51-60 av 60 i kalenderåret): 1\u00a0750\u00a0kr",
			"7 døgn i 2022 etter 60 døgn i kalenderåret, betalt som langtidsopphold: 7/31 av vederlaget per måned (16\u00a0216,86\u00a0kr): 3\u00a0661,87\u00a0kr",
			"Du betaler for desember 2022: 5\u00a0411,87\u00a0kr"}},
		{"2023-01-01", kr(19 * 185), []string{"19 døgn i 2023 à 185\u00a0kr (døgn 1-19 av 60 i kalenderåret): 3\u00a0515\u00a0kr"}},
		{"2023-02-01", 0, []string{"Ingen døgn i februar 2023"}},
	}
	for _, c := range cases {
		t.Run(c.month, func(t *testing.T) {
			got, err := ShortStayFee(tab, day(t, c.month), stays, inc, false)
			if err != nil {
				t.Fatal(err)
			}
			text := strings.Join(got.Text(i18n.Bokmal), "\n")
			if got.Total != c.want {
				t.Errorf("total %d øre, want %d\n%s", got.Total, c.want, text)
			}
			for _, l := range c.lines {
				if !strings.Contains(text, l) {
					t.Errorf("want line %q in\n%s", l, text)
				}
			}
		})
	}
}

func TestDayNightAndPriceListAndFree(t *testing.T) {
	tab := law(t)
	dn, err := DayNightStayFee(tab, day(t, "2022-05-01"), 8)
	if err != nil || dn.Total != kr(8*95) {
		t.Errorf("day or night stays: %v, %v", dn.Total, err)
	}
	alarm, err := PriceListFee(tab, day(t, "2023-05-01"), lawdata.SafetyAlarmPerMonth)
	if err != nil || alarm.Total != kr(350) {
		t.Errorf("safety alarm: %v, %v", alarm.Total, err)
	}
	for _, l := range i18n.All {
		if free := FreeFee(Free).Text(l); len(free) != 1 || free[0] == "" {
			t.Errorf("%s: %q", l, free)
		}
	}
}

func TestKroner(t *testing.T) {
	cases := []struct {
		øre  int64
		lang i18n.Lang
		want string
	}{
		{116900, i18n.Bokmal, "1\u00a0169\u00a0kr"}, {18550, i18n.Nynorsk, "185,50\u00a0kr"},
		{8556200, i18n.English, "NOK\u00a085,562"}, {1613233, i18n.English, "NOK\u00a016,132.33"}, {0, i18n.Bokmal, "0\u00a0kr"},
	}
	for _, c := range cases {
		if got := Kroner(c.øre, c.lang); got != c.want {
			t.Errorf("Kroner(%d, %s) = %q, want %q", c.øre, c.lang, got, c.want)
		}
	}
}

func TestRatesOfTheYear(t *testing.T) {
	tab := law(t)
	lines, err := Rates(tab, PracticalAssistance, day(t, "2022-06-01"))
	if err != nil || len(lines) != 6 {
		t.Fatalf("practical assistance 2022: %d lines, %v", len(lines), err)
	}
	text := Texts(lines, i18n.Bokmal)
	if text[0] != "Husstandens inntekt under 2 G: statens høyeste egenandel per måned: 210\u00a0kr" || text[4] != "Over 5 G: kommunens høyeste egenandel per måned: 3\u00a0793\u00a0kr" {
		t.Errorf("practical assistance 2022: %q", text)
	}
	// 2023 has no state amount under 2 G in the table: the municipality's brackets still show.
	lines, err = Rates(tab, PracticalAssistance, day(t, "2023-06-01"))
	if err != nil || len(lines) != 5 {
		t.Errorf("practical assistance 2023: %d lines, %v", len(lines), err)
	}
	if _, err := Rates(tab, ShortStay, day(t, "2024-06-01")); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("a short stay in 2024: %v, want NotFound", err)
	}
	if lines, err := Rates(tab, Free, day(t, "2024-06-01")); err != nil || lines != nil {
		t.Errorf("a free service: %v, %v", lines, err)
	}
}

func TestParseKroner(t *testing.T) {
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"1169", 116900, true}, {"1 169", 116900, true}, {"1\u00a0169,50", 116950, true}, {"1.169,5", 116950, true},
		{"1169.50", 116950, true}, {"kr 250", 25000, true}, {"250 kr", 25000, true}, {"300.000", 30000000, true},
		{"0", 0, true}, {"", 0, false}, {"-5", 0, false}, {"12,345", 1234500, true}, {"abc", 0, false}, {"1,2,3x", 0, false},
		{"9999999999999", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseKroner(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("ParseKroner(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
