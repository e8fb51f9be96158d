package pathways

import (
	"strings"
	"testing"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/lawdata"
)

// allMet is a family whose child meets every condition, born on birth.
func allMet(t *testing.T, birth string) ChildFacts {
	t.Helper()
	return ChildFacts{BirthDate: day(t, birth), Serious: true, HealthAndCare: true, OtherWelfare: true, FamilyWants: true}
}

func unmetCodes(r ChildCoordinatorRight) string {
	var out []string
	for _, c := range r.Conditions {
		if !c.Met {
			out = append(out, c.Code)
		}
	}
	return strings.Join(out, " ")
}

func TestChildCoordinatorConditions(t *testing.T) {
	tab := law(t)
	tests := []struct {
		name  string
		edit  func(*ChildFacts)
		on    string
		unmet string
	}{
		{"every condition met", func(*ChildFacts) {}, "2026-03-02", ""},
		{"not serious", func(f *ChildFacts) { f.Serious = false }, "2026-03-02", CondSerious},
		{"no long-term health and care services", func(f *ChildFacts) { f.HealthAndCare = false }, "2026-03-02", CondHealthAndCare},
		{"no other welfare services", func(f *ChildFacts) { f.OtherWelfare = false }, "2026-03-02", CondOtherWelfare},
		{"the parents do not want it", func(f *ChildFacts) { f.FamilyWants = false }, "2026-03-02", CondFamilyWants},
		{"an expected child", func(f *ChildFacts) { f.BirthDate, f.Expected = time.Time{}, true }, "2026-03-02", ""},
		{"no birth date and not expected", func(f *ChildFacts) { f.BirthDate = time.Time{} }, "2026-03-02", CondUnderAge},
		{"the day before the 18th birthday", func(*ChildFacts) {}, "2026-06-14", ""},
		{"the 18th birthday", func(*ChildFacts) {}, "2026-06-15", CondUnderAge},
		{"the day after", func(*ChildFacts) {}, "2026-06-16", CondUnderAge},
		{"nothing met", func(f *ChildFacts) { *f = ChildFacts{BirthDate: day(t, "2000-01-01")} }, "2026-03-02",
			"under-age serious health-and-care other-welfare family-wants"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := allMet(t, "2008-06-15")
			tt.edit(&f)
			r, err := AssessChildCoordinator(f, day(t, tt.on), tab)
			if err != nil {
				t.Fatal(err)
			}
			if got := unmetCodes(r); got != tt.unmet {
				t.Errorf("unmet %q, want %q", got, tt.unmet)
			}
			if r.Right != (tt.unmet == "") || len(r.Unmet()) != len(strings.Fields(tt.unmet)) {
				t.Errorf("right %v with %d unmet texts", r.Right, len(r.Unmet()))
			}
		})
	}
}

// Every condition names its provision and the source it comes from.
func TestChildCoordinatorConditionsNameTheirLegalSource(t *testing.T) {
	r, err := AssessChildCoordinator(allMet(t, "2015-01-01"), day(t, "2026-03-02"), law(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Conditions) != 5 {
		t.Fatalf("%d conditions, want 5", len(r.Conditions))
	}
	for _, c := range r.Conditions {
		if c.Law != "pbrl § 2-5 c; hol § 7-2 a" || !strings.Contains(c.Source, "https://") || c.Text.NB == "" || c.Unmet.EN == "" {
			t.Errorf("%s: law %q, source %q, texts %q / %q", c.Code, c.Law, c.Source, c.Text, c.Unmet)
		}
	}
	if !strings.Contains(r.Conditions[0].Text.NB, "under 18 år") {
		t.Errorf("the age condition does not give the limit from the data: %q", r.Conditions[0].Text.NB)
	}
}

// Born 29 February, the child turns 18 on 1 March in a year without one.
func TestChildCoordinatorAgeOnALeapDay(t *testing.T) {
	tab := law(t)
	for on, under := range map[string]bool{"2026-02-28": true, "2026-03-01": false} {
		r, err := AssessChildCoordinator(allMet(t, "2008-02-29"), day(t, on), tab)
		if err != nil {
			t.Fatal(err)
		}
		if r.Right != under {
			t.Errorf("on %s: right %v, want %v", on, r.Right, under)
		}
	}
	e, err := ChildCoordinatorEnding(day(t, "2008-02-29"), day(t, "2026-01-01"), tab)
	if err != nil || e.Ends != date(t, "2026-03-01") {
		t.Errorf("ends %s (%v), want 2026-03-01", e.Ends, err)
	}
}

// The right exists from 2022-08-01.
func TestNoChildCoordinatorBeforeTheLaw(t *testing.T) {
	tab := law(t)
	if _, err := AssessChildCoordinator(allMet(t, "2015-01-01"), day(t, "2022-07-31"), tab); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("on 2022-07-31: %v, want not found", err)
	}
	if r, err := AssessChildCoordinator(allMet(t, "2015-01-01"), day(t, "2022-08-01"), tab); err != nil || !r.Right {
		t.Errorf("on 2022-08-01: %v %v, want the right", r.Right, err)
	}
}

// The right ends on the 18th birthday (2026-06-15); the warning starts 6 months before
// (2025-12-15), with the offer of an ordinary coordinator.
func TestChildCoordinatorEndsAtEighteenWithAWarning(t *testing.T) {
	tab := law(t)
	tests := []struct {
		on   string
		want EndStage
	}{
		{"2025-12-14", EndRunning}, // the day before the warning
		{"2025-12-15", EndWarning}, // the warning's first day
		{"2026-06-14", EndWarning}, // the day before the 18th birthday
		{"2026-06-15", EndEnded},   // the birthday
		{"2026-06-16", EndEnded},
	}
	for _, tt := range tests {
		t.Run(tt.on, func(t *testing.T) {
			e, err := ChildCoordinatorEnding(day(t, "2008-06-15"), day(t, tt.on), tab)
			if err != nil {
				t.Fatal(err)
			}
			if e.Stage != tt.want || e.Ends != date(t, "2026-06-15") || e.WarnFrom != date(t, "2025-12-15") {
				t.Errorf("stage %s, ends %s, warn from %s", e.Stage, e.Ends, e.WarnFrom)
			}
			offered := strings.Contains(e.Offer.NB, "ordinær koordinator") && strings.Contains(e.Offer.EN, "pbrl § 2-5 b")
			if offered != (tt.want != EndRunning) {
				t.Errorf("offer %q at stage %s", e.Offer, e.Stage)
			}
		})
	}
}

// The warning is the municipality's setting.
func TestChildCoordinatorWarningIsASetting(t *testing.T) {
	local, err := law(t).With(lawdata.Rule{Key: lawdata.ChildCoordinatorEndWarning, ValidFrom: "2025-01-01", Source: "KE",
		Value: lawdata.Value{Kind: lawdata.KindDuration, N: 3, Unit: lawdata.Months}})
	if err != nil {
		t.Fatal(err)
	}
	e, err := ChildCoordinatorEnding(day(t, "2008-06-15"), day(t, "2026-01-01"), local)
	if err != nil || e.WarnFrom != date(t, "2026-03-15") || e.Stage != EndRunning {
		t.Errorf("warn from %s, stage %s (%v); want 2026-03-15, running", e.WarnFrom, e.Stage, err)
	}
	if e, _ := ChildCoordinatorEnding(time.Time{}, day(t, "2026-01-01"), local); e.Stage != EndRunning || !isZero(e.Ends) {
		t.Errorf("an expected child has an end: %+v", e)
	}
	for _, tt := range []struct {
		v    lawdata.Value
		want string
	}{
		{lawdata.Value{Kind: lawdata.KindDuration, N: 4, Unit: lawdata.Weeks}, "2026-05-18"},
		{lawdata.Value{Kind: lawdata.KindDuration, N: 30, Unit: lawdata.Days}, "2026-05-16"},
		{lawdata.Value{Kind: lawdata.KindDuration, N: 1, Unit: lawdata.Years}, "2025-06-15"},
	} {
		local, err := law(t).With(lawdata.Rule{Key: lawdata.ChildCoordinatorEndWarning, ValidFrom: "2025-01-01", Source: "KE", Value: tt.v})
		if err != nil {
			t.Fatal(err)
		}
		if e, err := ChildCoordinatorEnding(day(t, "2008-06-15"), day(t, "2026-01-01"), local); err != nil || e.WarnFrom != date(t, tt.want) {
			t.Errorf("warning %v: from %s (%v), want %s", tt.v, e.WarnFrom, err, tt.want)
		}
	}
	working, err := law(t).With(lawdata.Rule{Key: lawdata.ChildCoordinatorEndWarning, ValidFrom: "2025-01-01", Source: "KE",
		Value: lawdata.Value{Kind: lawdata.KindDuration, N: 20, Unit: lawdata.WorkingDays}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ChildCoordinatorEnding(day(t, "2008-06-15"), day(t, "2026-01-01"), working); err == nil {
		t.Error("a warning in working days, counted back, was accepted")
	}
}
