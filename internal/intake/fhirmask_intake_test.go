package intake

import (
	"strings"
	"testing"

	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/meetings"
	"veiviser/internal/messages"
	"veiviser/internal/plan"
	"veiviser/internal/testutil/fixture"
)

// TestMaskIntakeAndMeetings: the inquiry's content, the assessment's outcome, a letter to the
// citizen and a meeting's minutes are withheld from a participant who did not write them, is not
// their owner or recipient, or is not granted the meetings; what they wrote or own comes whole.
func TestMaskIntakeAndMeetings(t *testing.T) {
	cp := plan.CitizenPlans{Plans: map[string]bool{"plan-1": true}}
	inquiry := InquiryToFHIR(Inquiry{ID: "q1", Source: FromRelative, Subject: patient, Sender: relative, Status: InquiryReceived,
		Received: fixture.UTC("2026-03-02"), Need: "Mor klarer seg ikke alene", CurrentServices: []string{"hjemmesykepleie"}})
	assessment := AssessmentToFHIR("a1", Assessment{InquiryID: "q1", Patient: patient, AssessedBy: coordinator, AssessedAt: fixture.UTC("2026-03-05"),
		Facts: NeedFacts{LongTerm: true, Services: []string{"fysioterapi", "hjemmesykepleie"}}, Outcome: OutcomePlanAndCoordinator, Reasons: "Trenger koordinering"})
	letter := messages.MessageToFHIR(messages.Message{ID: "l1", Patient: patient, From: "Organization/ke", To: []string{patient}, Sent: fixture.UTC("2026-03-05"),
		Text: "Du har rett til individuell plan"})
	meeting, _ := meetings.MeetingToFHIR(meetings.Meeting{ID: "m1", Plan: "CarePlan/plan-1", Patient: patient, Start: fixture.UTC("2026-04-01 09:00"),
		End: fixture.UTC("2026-04-01 10:00"), Status: meetings.MeetingHeld, Location: "Rådhuset", Minutes: "Vi ble enige om ...",
		Participants: []string{"Practitioner/fysio-test", coordinator}})
	none := func(consent.PlanPart) bool { return false }
	for _, tc := range []struct {
		r       *fhir.Resource
		viewers []string
		secret  string
		masked  bool
	}{
		{inquiry, []string{"Practitioner/fysio-test"}, "Mor klarer seg ikke alene", true},
		{inquiry, []string{relative}, "Mor klarer seg ikke alene", false}, // the relative wrote it
		{assessment, []string{"Practitioner/fysio-test"}, "Trenger koordinering", true},
		{letter, []string{"Practitioner/fysio-test"}, "Du har rett til individuell plan", true},
		{letter, []string{patient}, "Du har rett til individuell plan", false},
		{meeting, []string{"Practitioner/fysio-test"}, "Vi ble enige om", true},
	} {
		c := tc.r.Clone()
		got := plan.Mask(c, cp, tc.viewers, none)
		body := string(fixture.CheckFHIR(t, c).Bytes())
		if got != tc.masked || strings.Contains(body, tc.secret) == tc.masked {
			t.Errorf("%s/%s for %v: masked %v, body %s", c.Type(), c.ID(), tc.viewers, got, body)
		}
	}
	if body := string(meeting.Bytes()); !strings.Contains(body, "Rådhuset") {
		t.Fatal("the meeting has no place to withhold")
	}
}
