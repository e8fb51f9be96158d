package allocation

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestRotaStays (issue 14, part 2): the stays of a rota over its period, the first from the
// start, the last cut short by the end, across a year's end and a change of daylight saving.
func TestRotaStays(t *testing.T) {
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		rota       Rota
		start, end time.Time
		want       [][2]string
	}{
		{"1 on, 3 off over three cycles", Rota{1, 3}, day("2026-03-02"), day("2026-05-24"),
			[][2]string{{"2026-03-02", "2026-03-08"}, {"2026-03-30", "2026-04-05"}, {"2026-04-27", "2026-05-03"}}},
		{"ends mid-stay", Rota{2, 2}, day("2026-03-02"), day("2026-04-01"),
			[][2]string{{"2026-03-02", "2026-03-15"}, {"2026-03-30", "2026-04-01"}}},
		{"crosses the year", Rota{1, 2}, day("2026-12-14"), day("2027-01-31"),
			[][2]string{{"2026-12-14", "2026-12-20"}, {"2027-01-04", "2027-01-10"}, {"2027-01-25", "2027-01-31"}}},
		{"no weeks at home is one long stay in weekly steps", Rota{1, 0}, day("2026-03-02"), day("2026-03-18"),
			[][2]string{{"2026-03-02", "2026-03-08"}, {"2026-03-09", "2026-03-15"}, {"2026-03-16", "2026-03-18"}}},
		{"dates at noon in Oslo over the daylight-saving change", Rota{1, 1},
			time.Date(2026, 3, 23, 12, 0, 0, 0, oslo), time.Date(2026, 4, 12, 12, 0, 0, 0, oslo),
			[][2]string{{"2026-03-23", "2026-03-29"}, {"2026-04-06", "2026-04-12"}}},
		{"a single day", Rota{1, 3}, day("2026-03-02"), day("2026-03-02"), [][2]string{{"2026-03-02", "2026-03-02"}}},
		{"no weeks on has no stays", Rota{0, 3}, day("2026-03-02"), day("2026-05-24"), nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.rota.Stays(tc.start, tc.end)
			if len(got) != len(tc.want) {
				t.Fatalf("%d stays %v, want %v", len(got), got, tc.want)
			}
			for i, s := range got {
				if s.From.Format(time.DateOnly) != tc.want[i][0] || s.To.Format(time.DateOnly) != tc.want[i][1] {
					t.Errorf("stay %d: %s–%s, want %s–%s", i+1, s.From.Format(time.DateOnly), s.To.Format(time.DateOnly), tc.want[i][0], tc.want[i][1])
				}
			}
		})
	}
}

func TestCheckRota(t *testing.T) {
	start, end := day("2026-03-02"), day("2026-06-30")
	cases := []struct {
		name       string
		rota       Rota
		start, end time.Time
		ok         bool
	}{
		{"1 on 3 off", Rota{1, 3}, start, end, true},
		{"no weeks off", Rota{2, 0}, start, end, true},
		{"0 weeks on", Rota{0, 3}, start, end, false},
		{"negative weeks off", Rota{1, -1}, start, end, false},
		{"over a year on", Rota{53, 1}, start, end, false},
		{"no end", Rota{1, 3}, start, time.Time{}, false},
		{"no start", Rota{1, 3}, time.Time{}, end, false},
		{"end before start", Rota{1, 3}, end, start, false},
	}
	for _, tc := range cases {
		if err := CheckRota(tc.rota, tc.start, tc.end); (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// TestCalendar: a month's grid starts on Monday, blank cells around the month, the stays
// marked and counted; a period over a year's end shows each month once.
func TestCalendar(t *testing.T) {
	r := Rota{1, 3}
	start, end := day("2026-12-14"), day("2027-01-31")
	months := Calendar(r.Stays(start, end), start, end)
	if len(months) != 2 || months[0].Month != time.December || months[1].Year != 2027 || months[1].Month != time.January {
		t.Fatalf("months: %+v", months)
	}
	dec := months[0]
	// 1 December 2026 is a Tuesday: the first week's Monday is blank
	if dec.Weeks[0][0].Day != 0 || dec.Weeks[0][1].Day != 1 || len(dec.Weeks) != 5 {
		t.Errorf("December's first week %+v, %d weeks", dec.Weeks[0], len(dec.Weeks))
	}
	if dec.StayDays != 7 || !dec.Weeks[2][0].Stay || dec.Weeks[2][0].Day != 14 || dec.Weeks[3][0].Stay {
		t.Errorf("December's stays: %d days, week 3 %+v", dec.StayDays, dec.Weeks[2])
	}
	if months[1].StayDays != 7 { // 11–17 January
		t.Errorf("January has %d days of stays, want 7", months[1].StayDays)
	}
	if Calendar(nil, end, start) != nil {
		t.Error("a period ending before it starts has a calendar")
	}
}
