package pathways

import "testing"

// The conversations' windows: 3-4 months after the diagnosis (2026-01-15 → 2026-04-15 to
// 2026-05-15) and 12-18 months (2027-01-15 to 2027-07-15). Due soon from the lead time before the
// window opens, through the window; late the day after it closes.
func TestCancerConversationsComeAtThreeToFourAndTwelveToEighteenMonths(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-01-15")
	in := cancer(t, "2026-01-15")
	checkDays(t, c, mc, in, "conversation-1", []want{
		{"2026-03-31", StateDue, "2026-05-15", 0},     // 15 days before the window opens
		{"2026-04-01", StateDueSoon, "2026-05-15", 0}, // the lead time's first day
		{"2026-04-15", StateDueSoon, "2026-05-15", 0}, // the window opens
		{"2026-05-14", StateDueSoon, "2026-05-15", 0},
		{"2026-05-15", StateDueSoon, "2026-05-15", 0}, // its last day
		{"2026-05-16", StateLate, "2026-05-15", 1},
	})
	checkDays(t, c, mc, in, "conversation-2", []want{
		{"2026-12-31", StateDue, "2027-07-15", 0},
		{"2027-01-01", StateDueSoon, "2027-07-15", 0},
		{"2027-07-14", StateDueSoon, "2027-07-15", 0},
		{"2027-07-15", StateDueSoon, "2027-07-15", 0},
		{"2027-07-16", StateLate, "2027-07-15", 1},
	})
	mc.Set(noon(t, "2026-04-20"))
	st := status(t, schedule(t, c, in), "conversation-1")
	if st.Opens != date(t, "2026-04-15") || len(st.Milestone.Topics) != 13 || st.Milestone.Responsible != Municipality {
		t.Errorf("conversation-1: opens %s, %d topics, %s; want 2026-04-15, 13 topics, the municipality",
			st.Opens, len(st.Milestone.Topics), st.Milestone.Responsible)
	}
}

// Months keep the day of the month or take the month's last day (2025-10-31 + 4 months).
func TestCancerWindowsFromTheEndOfAMonth(t *testing.T) {
	c, _ := clockAt(t, catalog(t), "2025-11-01")
	st := status(t, schedule(t, c, cancer(t, "2025-10-31")), "conversation-1")
	if st.Opens != date(t, "2026-01-31") || st.Due != date(t, "2026-02-28") {
		t.Errorf("window %s to %s, want 2026-01-31 to 2026-02-28", st.Opens, st.Due)
	}
}

// A citizen who declines is asked again 3 months later (the municipal setting): declined on
// 2026-04-20, asked again by 2026-07-20.
func TestADeclinedConversationIsAskedAgainLater(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-04-20")
	in := cancer(t, "2026-01-15")
	in.Declines = []Decline{{Milestone: "conversation-1", At: date(t, "2026-04-20"), Note: "Orker ikke nå"}}
	if err := c.Catalog.Check(in); err != nil {
		t.Fatalf("a valid decline was refused: %v", err)
	}
	checkDays(t, c, mc, in, "conversation-1", []want{
		{"2026-05-16", StateDeclined, "2026-07-20", 0}, // past the first window: not late, declined
		{"2026-07-05", StateDeclined, "2026-07-20", 0},
		{"2026-07-06", StateDueSoon, "2026-07-20", 0},
		{"2026-07-19", StateDueSoon, "2026-07-20", 0},
		{"2026-07-20", StateDueSoon, "2026-07-20", 0},
		{"2026-07-21", StateLate, "2026-07-20", 1},
	})
	mc.Set(noon(t, "2026-06-01"))
	if st := status(t, schedule(t, c, in), "conversation-1"); st.Declines != 1 || st.AskAgain != date(t, "2026-07-20") {
		t.Errorf("declines %d, ask again %s; want 1, 2026-07-20", st.Declines, st.AskAgain)
	}
	in.Records = []Record{rec(t, "conversation-1", "2026-07-15")}
	if st := status(t, schedule(t, c, in), "conversation-1"); st.State != StateDone {
		t.Errorf("held after asking again: %s, want done", st.State)
	}
}

// Declined before the window opens, the citizen is still asked in the window, not earlier.
func TestADeclineBeforeTheWindowKeepsTheWindow(t *testing.T) {
	c, _ := clockAt(t, catalog(t), "2026-02-01")
	in := cancer(t, "2026-01-15")
	in.Declines = []Decline{{Milestone: "conversation-1", At: date(t, "2026-02-01")}}
	st := status(t, schedule(t, c, in), "conversation-1")
	if st.Opens != date(t, "2026-05-01") || st.Due != date(t, "2026-05-15") {
		t.Errorf("window %s to %s, want 2026-05-01 (asked again) to 2026-05-15", st.Opens, st.Due)
	}
}

// Asking again about the first conversation stops where the second one opens: that one asks.
func TestTheSecondConversationSupersedesAskingAgainAboutTheFirst(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-10-25")
	in := cancer(t, "2026-01-15")
	tests := []struct {
		name     string
		declines []string
		today    string
		want     State
	}{
		{"asked again before the second opens", []string{"2026-04-20", "2026-07-20"}, "2026-10-10", StateDueSoon},
		{"asked again on the day the second opens", []string{"2026-04-20", "2026-10-15"}, "2026-10-16", StateSkipped},
		{"asked again after the second opens", []string{"2026-04-20", "2026-10-25"}, "2026-10-26", StateSkipped},
		{"the ask-again date missed until the second opens", []string{"2026-04-20", "2026-07-20"}, "2027-01-15", StateSkipped},
		{"the ask-again date missed the day before", []string{"2026-04-20", "2026-07-20"}, "2026-12-31", StateLate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in.Declines = nil
			for _, d := range tt.declines {
				in.Declines = append(in.Declines, Decline{Milestone: "conversation-1", At: date(t, d)})
			}
			mc.Set(noon(t, tt.today))
			st := status(t, schedule(t, c, in), "conversation-1")
			if st.State != tt.want {
				t.Errorf("got %s, want %s", st.State, tt.want)
			}
			if tt.want == StateSkipped && (st.Why != whySuperseded || st.DaysLate != 0) {
				t.Errorf("skipped with %q, %d days late", st.Why, st.DaysLate)
			}
		})
	}
}

// A first conversation missed without a decline stays late: the unit should see it.
func TestAMissedFirstConversationStaysLate(t *testing.T) {
	c, _ := clockAt(t, catalog(t), "2027-02-01")
	st := status(t, schedule(t, c, cancer(t, "2026-01-15")), "conversation-1")
	if st.State != StateLate {
		t.Errorf("got %s, want late", st.State)
	}
}
