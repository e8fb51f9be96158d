package messages

import (
	"testing"

	"veiviser/internal/consent"
	"veiviser/internal/coordinators"
	"veiviser/internal/meetings"
	"veiviser/internal/plan"
	"veiviser/internal/testutil/fixture"
)

func TestCoordinatorAppointmentAndMessageToFHIRAndBack(t *testing.T) {
	a := coordinators.CoordinatorAppointment{ID: "oppnevning-1", Patient: patient, Coordinator: otherCoord, Kind: coordinators.KindChild,
		AppointedBy: "Practitioner/fagleder-test", AppointedAt: fixture.UTC("2026-03-11 09:00"), Proposal: "Kari Testkoordinator", Reasons: "Kari har fullt."}
	back, err := coordinators.AppointmentFromFHIR(fixture.CheckFHIR(t, coordinators.AppointmentToFHIR(a)))
	if err != nil {
		t.Fatal(err)
	}
	fixture.Same(t, "appointment", a, back)

	c := register()[0]
	c.RoleID, c.UnitName, c.Phone, c.Email = "PractitionerRole/koordinator-test-rolle", "Koordinerende enhet", "+4700000000", "kari@example.invalid"
	c.Courses[0].Completed = fixture.UTC("2025-10-01 00:00")
	c.Courses[0].Provider = "Koordinerende enhet"
	prac, role := coordinators.CoordinatorToFHIR(c)
	cb, err := coordinators.CoordinatorFromFHIR(fixture.CheckFHIR(t, prac), fixture.CheckFHIR(t, role))
	if err != nil {
		t.Fatal(err)
	}
	fixture.Same(t, "coordinator", c, cb)

	m := Message{ID: "melding-1", Patient: patient, Plan: "CarePlan/plan-1", From: patient, To: []string{coordinator},
		Sent: fixture.UTC("2026-03-12 20:00"), Text: "Kan vi flytte møtet?", InResponseTo: "Communication/melding-0"}
	fixture.WantCode(t, ValidateMessage(m), "")
	mb, err := MessageFromFHIR(fixture.CheckFHIR(t, MessageToFHIR(m)))
	if err != nil {
		t.Fatal(err)
	}
	fixture.Same(t, "message", m, mb)
}

func TestFromFHIRRefusesTheWrongType(t *testing.T) {
	r := MessageToFHIR(Message{ID: "x", Patient: patient})
	if _, err := consent.ConsentFromFHIR(r); err == nil {
		t.Error("a Communication read as a Consent")
	}
	if _, err := plan.PlanFromFHIR(plan.PlanResources{CarePlan: r}); err == nil {
		t.Error("a Communication read as a CarePlan")
	}
	if _, err := meetings.MeetingFromFHIR(r, nil); err == nil {
		t.Error("a Communication read as a meeting")
	}
}
