package lawdata

import (
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
)

var oslo = time.FixedZone("CET", 3600) // the tests need dates only; a fixed zone keeps them hermetic

func day(s string) time.Time {
	t, err := time.ParseInLocation(time.DateOnly, s, oslo)
	if err != nil {
		panic(err)
	}
	return t
}

func mustNew(t *testing.T) *Table {
	t.Helper()
	tab, err := New()
	if err != nil {
		t.Fatalf("the embedded rules do not load: %v", err)
	}
	return tab
}

func TestEmbeddedTableLoadsAndEveryRuleHasASource(t *testing.T) {
	tab := mustNew(t)
	for _, r := range tab.Rules() {
		if strings.TrimSpace(r.Source) == "" {
			t.Errorf("%s from %s has no source", r.Key, r.ValidFrom)
		}
	}
	for _, k := range []Key{AssessmentTarget, PreliminaryAnswer, AppealDeadlineHealth, AppealDeadlineAdmin,
		PlanEvaluationInterval, MeetingActionDue, ChildCoordinatorAgeLimit, IPRegulation, IPRight,
		CoordinatorRight, ChildCoordinatorRight, CancerFollowUpFirst, CancerFollowUpSecond} {
		if _, err := tab.At(k, day("2026-03-02")); err != nil {
			t.Errorf("%s: %v", k, err)
		}
	}
}

func TestAtChangesOnValidFrom(t *testing.T) {
	tab := mustNew(t)
	tests := []struct {
		key  Key
		day  string
		want string
	}{
		{ShortStayFeePerDay, "2022-12-31", "175.00 kr"},
		{ShortStayFeePerDay, "2023-01-01", "185.00 kr"},
		{IPRegulation, "2022-07-31", "Forskrift om habilitering og rehabilitering, individuell plan og koordinator (2011), kapittel om individuell plan"},
		{IPRegulation, "2022-08-01", "Forskrift om individuell plan ved ytelse av velferdstjenester (2022)"},
		{AppealDeadlineHealth, "2026-01-05", "4 weeks"},
		{AppealDeadlineAdmin, "2026-01-05", "3 weeks"},
		{PreliminaryAnswer, "2026-01-05", "1 months"},
		{AssessmentTarget, "2026-01-05", "10 working-days"},
		{ChildCoordinatorAgeLimit, "2026-01-05", "18"},
	}
	for _, tt := range tests {
		t.Run(string(tt.key)+"@"+tt.day, func(t *testing.T) {
			r, err := tab.At(tt.key, day(tt.day))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Value.String(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAtIsNotFoundOutsideEveryPeriod(t *testing.T) {
	tab := mustNew(t)
	for _, tt := range []struct {
		key Key
		day string
	}{
		{ChildCoordinatorAgeLimit, "2022-07-31"}, // the right began on 2022-08-01
		{ShortStayFeePerDay, "2024-01-01"},       // no amount sourced yet: stop, do not reuse 2023's
		{"no.such.key", "2024-01-01"},
	} {
		if _, err := tab.At(tt.key, day(tt.day)); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("%s on %s: got %v, want not found", tt.key, tt.day, err)
		}
	}
}

func TestParseRefusesBrokenTables(t *testing.T) {
	const src = `"source":"test"`
	tests := []struct{ name, json, want string }{
		{"not json", `{`, "not valid JSON"},
		{"unknown field", `[{"key":"a","valu":{}}]`, "unknown field"},
		{"no source", `[{"key":"a","value":{"kind":"number","n":1},"validFrom":"2020-01-01"}]`, "source"},
		{"bad date", `[{"key":"a","value":{"kind":"number","n":1},"validFrom":"2020-13-01",` + src + `}]`, "not a date"},
		{"to before from", `[{"key":"a","value":{"kind":"number","n":1},"validFrom":"2020-02-01","validTo":"2020-01-01",` + src + `}]`, "before validFrom"},
		{"bad unit", `[{"key":"a","value":{"kind":"duration","n":1,"unit":"fortnights"},"validFrom":"2020-01-01",` + src + `}]`, "unit"},
		{"bad kind", `[{"key":"a","value":{"kind":"colour"},"validFrom":"2020-01-01",` + src + `}]`, "unknown kind"},
		{"overlap", `[{"key":"a","value":{"kind":"number","n":1},"validFrom":"2020-01-01",` + src + `},
			{"key":"a","value":{"kind":"number","n":2},"validFrom":"2021-01-01",` + src + `}]`, "overlaps"},
		{"kind changes", `[{"key":"a","value":{"kind":"number","n":1},"validFrom":"2020-01-01","validTo":"2020-12-31",` + src + `},
			{"key":"a","value":{"kind":"text","text":"x"},"validFrom":"2021-01-01",` + src + `}]`, "differ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestWithReplacesAMunicipalSettingFromItsDate(t *testing.T) {
	tab := mustNew(t)
	local, err := tab.With(Rule{Key: AssessmentTarget, ValidFrom: "2026-03-01", Source: "Vedtak i KE 2026-02-10",
		Value: Value{Kind: KindDuration, N: 5, Unit: WorkingDays}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ day, want string }{
		{"2026-02-28", "10 working-days"},
		{"2026-03-01", "5 working-days"},
	} {
		r, err := local.At(AssessmentTarget, day(tt.day))
		if err != nil || r.Value.String() != tt.want {
			t.Errorf("on %s: got %v %v, want %s", tt.day, r.Value, err, tt.want)
		}
	}
	if r, _ := tab.At(AssessmentTarget, day("2026-03-02")); r.Value.N != 10 {
		t.Errorf("With changed the original table: %v", r.Value)
	}
	_, err = tab.With(Rule{Key: AppealDeadlineHealth, ValidFrom: "2026-01-01", Source: "x",
		Value: Value{Kind: KindDuration, N: 6, Unit: Weeks}})
	if !apperr.Is(err, apperr.Unprocessable) {
		t.Errorf("a national rule was overridden: %v", err)
	}
}

// An amount the office enters for one year replaces only that year: the years before and after
// keep theirs, and an open rule around it starts again the day after.
func TestWithABoundedSettingKeepsTheYearsAround(t *testing.T) {
	tab, err := New()
	if err != nil {
		t.Fatal(err)
	}
	local, err := tab.With(
		Rule{Key: ShortStayFeePerDay, ValidFrom: "2022-01-01", ValidTo: "2022-12-31", Source: "I-1/2022, corrected", Value: Value{Kind: KindAmount, Øre: 17600}},
		Rule{Key: PracticalAssistancePerHour, ValidFrom: "2024-01-01", ValidTo: "2024-12-31", Source: "Bystyret 2023-12-12", Value: Value{Kind: KindAmount, Øre: 45000}})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		key  Key
		on   string
		want string
	}{
		{ShortStayFeePerDay, "2019-06-01", "165.00 kr"},
		{ShortStayFeePerDay, "2022-06-01", "176.00 kr"},
		{ShortStayFeePerDay, "2023-06-01", "185.00 kr"},
		{PracticalAssistancePerHour, "2023-12-31", "400.00 kr"},
		{PracticalAssistancePerHour, "2024-06-01", "450.00 kr"},
		{PracticalAssistancePerHour, "2025-01-01", "400.00 kr"},
	}
	for _, c := range cases {
		r, err := local.At(c.key, day(c.on))
		if err != nil || r.Value.String() != c.want {
			t.Errorf("%s on %s: %v %v, want %s", c.key, c.on, r.Value, err, c.want)
		}
	}
}
