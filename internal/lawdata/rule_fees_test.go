package lawdata

import "testing"

// TestFeeAmountsPerYear: each shipped year's amounts, read on a day of that year, are the
// circular's (rules/fees.json); a year without a shipped amount has none, so the office must
// enter it rather than have last year's carried over.
func TestFeeAmountsPerYear(t *testing.T) {
	tab, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		key  Key
		on   string
		want string // "" none in force
	}{
		{G, "2019-04-30", "96883.00 kr"}, {G, "2019-05-01", "99858.00 kr"}, {G, "2022-05-01", "111477.00 kr"},
		{G, "2023-05-01", "118620.00 kr"}, {G, "2025-05-01", "130160.00 kr"}, {G, "2026-05-01", ""},
		{ShortStayFeePerDay, "2019-06-01", "165.00 kr"}, {ShortStayFeePerDay, "2020-06-01", ""},
		{ShortStayFeePerDay, "2022-06-01", "175.00 kr"}, {ShortStayFeePerDay, "2023-06-01", "185.00 kr"}, {ShortStayFeePerDay, "2024-01-01", ""},
		{DayNightStayFeePerDay, "2019-06-01", "85.00 kr"}, {DayNightStayFeePerDay, "2022-06-01", "95.00 kr"}, {DayNightStayFeePerDay, "2023-06-01", ""},
		{PracticalAssistanceFeeUnder2G, "2013-06-01", "175.00 kr"}, {PracticalAssistanceFeeUnder2G, "2015-06-01", "186.00 kr"},
		{PracticalAssistanceFeeUnder2G, "2022-06-01", "210.00 kr"}, {PracticalAssistanceFeeUnder2G, "2023-06-01", ""},
		{LongTermAllowance, "2019-06-01", "8400.00 kr"}, {LongTermAllowance, "2023-06-01", "9400.00 kr"}, {LongTermAllowance, "2024-06-01", ""},
		{LongTermAllowanceDoubleRoom, "2023-06-01", "45400.00 kr"}, {LongTermAllowanceDoubleRoom, "2024-06-01", ""},
		// the municipality's prices stay in force until it enters new ones
		{PracticalAssistanceBracket2G, "2026-06-01", "1169.00 kr"}, {LongTermRealCost, "2022-06-01", "84200.00 kr"},
		{LongTermRealCost, "2026-06-01", "85562.00 kr"}, {SafetyAlarmPerMonth, "2026-06-01", "350.00 kr"},
	}
	for _, c := range cases {
		r, err := tab.At(c.key, day(c.on))
		switch {
		case c.want == "" && err == nil:
			t.Errorf("%s on %s: %s, want none in force", c.key, c.on, r.Value)
		case c.want != "" && (err != nil || r.Value.String() != c.want):
			t.Errorf("%s on %s: %v %v, want %s", c.key, c.on, r.Value, err, c.want)
		case c.want != "" && r.Source == "":
			t.Errorf("%s on %s has no source", c.key, c.on)
		}
	}
	for _, k := range FeeKeys() {
		if !tab.isSetting(k) {
			t.Errorf("%s is not a setting the office can enter", k)
		}
	}
}
