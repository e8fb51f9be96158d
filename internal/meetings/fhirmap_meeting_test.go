package meetings

import (
	"testing"

	"veiviser/internal/fhir"
	"veiviser/internal/testutil/fixture"
)

func TestMeetingToFHIRAndBack(t *testing.T) {
	planned := Meeting{ID: "mote-1", Plan: "CarePlan/plan-1", Patient: patient, Start: fixture.UTC("2026-04-07 10:00"), End: fixture.UTC("2026-04-07 11:00"),
		Location: "Rådhuset, møterom 2", Status: MeetingPlanned, Participants: []string{coordinator, relative, homeNursing}}
	r, tasks := MeetingToFHIR(planned)
	if r.Type() != "Appointment" || len(tasks) != 0 {
		t.Fatalf("a planned meeting is a %s", r.Type())
	}
	back, err := MeetingFromFHIR(fixture.CheckFHIR(t, r), nil)
	if err != nil {
		t.Fatal(err)
	}
	fixture.Same(t, "planned meeting", planned, back)

	held, err := HoldMeeting(planned, "Referat: gjennomgikk mål.", []FollowUp{
		{ID: "oppf-1", Description: "Bestille rullator", Owner: homeNursing, OwnerName: "Hjemmesykepleien"},
		{ID: "oppf-2", Description: "Ny innkalling", Owner: coordinator, Due: fixture.UTC("2026-05-01 00:00")}}, fixture.Law(t))
	if err != nil {
		t.Fatal(err)
	}
	held.Actions[1].Status, held.Actions[1].Done = FollowUpDone, fixture.UTC("2026-04-20 09:00")
	r, tasks = MeetingToFHIR(held)
	if r.Type() != "Encounter" || len(tasks) != 2 {
		t.Fatalf("a held meeting is a %s with %d tasks", r.Type(), len(tasks))
	}
	var checked []*fhir.Resource
	for _, task := range tasks {
		checked = append(checked, fixture.CheckFHIR(t, task))
	}
	back, err = MeetingFromFHIR(fixture.CheckFHIR(t, r), checked)
	if err != nil {
		t.Fatal(err)
	}
	fixture.Same(t, "held meeting", held, back)
}
