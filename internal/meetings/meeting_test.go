package meetings

import (
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/testutil/fixture"
)

func TestMeetingActionsAndLateness(t *testing.T) {
	m := Meeting{ID: "mote-1", Plan: "CarePlan/plan-1", Patient: patient, Start: fixture.At("2026-04-07 10:00"), Status: MeetingPlanned}
	held, err := HoldMeeting(m, "Gjennomgang av mål. Ingrid vil prøve å handle selv.", []FollowUp{
		{Description: "Bestille rullator", Owner: homeNursing},
		{Description: "Kalle inn til nytt møte", Owner: coordinator, Due: fixture.At("2026-05-01")},
	}, fixture.Law(t))
	if err != nil {
		t.Fatal(err)
	}
	if held.Status != MeetingHeld || len(held.Actions) != 2 {
		t.Fatalf("held %+v", held)
	}
	if got := held.Actions[0].Due.Format("2006-01-02"); got != "2026-04-21" {
		t.Errorf("default due %s, want 14 days after the meeting", got)
	}
	if held.Actions[0].Plan != m.Plan || held.Actions[0].Status != FollowUpOpen {
		t.Errorf("action %+v", held.Actions[0])
	}
	tests := []struct {
		name string
		f    FollowUp
		now  string
		want bool
	}{
		{"on the due date", held.Actions[0], "2026-04-21 23:59", false},
		{"the day after", held.Actions[0], "2026-04-22 00:01", true},
		{"done is never late", FollowUp{Status: FollowUpDone, Due: fixture.At("2026-04-21")}, "2026-05-22", false},
	}
	for _, tt := range tests {
		if got := FollowUpLate(tt.f, fixture.At(tt.now)); got != tt.want {
			t.Errorf("%s: late=%v", tt.name, got)
		}
	}
	_, err = HoldMeeting(held, "igjen", nil, fixture.Law(t))
	fixture.WantCode(t, err, apperr.Unprocessable)
	_, err = HoldMeeting(m, "", nil, fixture.Law(t))
	fixture.WantCode(t, err, apperr.Unprocessable)
	_, err = HoldMeeting(m, "referat", []FollowUp{{Description: "uten eier"}}, fixture.Law(t))
	fixture.WantCode(t, err, apperr.Unprocessable)
}
