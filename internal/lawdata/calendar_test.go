package lawdata

import "testing"

func TestEaster(t *testing.T) {
	for year, want := range map[int]string{
		2019: "2019-04-21", 2020: "2020-04-12", 2024: "2024-03-31", 2025: "2025-04-20",
		2026: "2026-04-05", 2027: "2027-03-28", 2038: "2038-04-25", 2285: "2285-03-22",
	} {
		if got := DateOf(Easter(year)).String(); got != want {
			t.Errorf("Easter %d = %s, want %s", year, got, want)
		}
	}
}

func TestHolidays2026(t *testing.T) {
	want := []string{"2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01",
		"2026-05-14", "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"}
	got := Holidays(2026)
	if len(got) != len(want) {
		t.Fatalf("got %d holidays, want %d", len(got), len(want))
	}
	for i, h := range got {
		if h.Date.String() != want[i] || h.NB == "" || h.EN == "" {
			t.Errorf("holiday %d = %v, want %s", i, h, want[i])
		}
	}
}

func TestWorkingDays(t *testing.T) {
	tests := []struct {
		name, from string
		n          int
		want       string
	}{
		{"plain fortnight", "2026-03-02", 10, "2026-03-16"},
		{"from a Friday", "2026-03-06", 1, "2026-03-09"},
		{"from a Saturday", "2026-03-07", 1, "2026-03-09"},
		{"over Easter 2026", "2026-03-30", 10, "2026-04-16"}, // Thu, Fri, Mon off
		{"over Ascension and 17 May 2026", "2026-05-11", 5, "2026-05-19"},
		{"over Christmas 2026", "2026-12-21", 5, "2026-12-29"}, // 24 December is a working day,
		{"over New Year 2027", "2026-12-30", 2, "2027-01-04"},
		{"Whit Monday 2025", "2025-06-06", 1, "2025-06-10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := day(tt.from)
			got := AddWorkingDays(from, tt.n)
			if DateOf(got).String() != tt.want {
				t.Fatalf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, DateOf(got), tt.want)
			}
			if back := WorkingDaysBetween(from, got); back != tt.n {
				t.Errorf("WorkingDaysBetween = %d, want %d", back, tt.n)
			}
		})
	}
}

func TestDue(t *testing.T) {
	tab := mustNew(t)
	tests := []struct {
		name string
		key  Key
		from string
		want string
	}{
		{"assessment target over Easter", AssessmentTarget, "2026-03-30", "2026-04-16"},
		{"preliminary answer, plain", PreliminaryAnswer, "2026-03-10", "2026-04-10"},
		{"preliminary answer from the 31st", PreliminaryAnswer, "2026-01-31", "2026-02-28"},
		{"preliminary answer, leap year", PreliminaryAnswer, "2028-01-31", "2028-02-29"},
		{"health appeal, plain", AppealDeadlineHealth, "2026-03-02", "2026-03-30"},
		{"health appeal ending on Easter Monday rolls forward", AppealDeadlineHealth, "2026-03-09", "2026-04-07"},
		{"fvl appeal", AppealDeadlineAdmin, "2026-03-02", "2026-03-23"},
		{"evaluation interval", PlanEvaluationInterval, "2026-08-31", "2027-02-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tab.Due(tt.key, day(tt.from))
			if err != nil {
				t.Fatal(err)
			}
			if DateOf(got).String() != tt.want {
				t.Errorf("got %s, want %s", DateOf(got), tt.want)
			}
		})
	}
	if _, err := tab.Due(ChildCoordinatorAgeLimit, day("2026-01-01")); err == nil {
		t.Error("Due of a number rule should fail")
	}
}

func TestIsWorkingDay(t *testing.T) {
	for s, want := range map[string]bool{
		"2026-05-17": false, "2026-05-18": true, "2026-12-24": true, "2026-12-31": true,
		"2026-04-02": false, "2026-03-07": false,
	} {
		if got := IsWorkingDay(day(s)); got != want {
			t.Errorf("%s: got %v, want %v", s, got, want)
		}
	}
}
