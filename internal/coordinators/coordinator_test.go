package coordinators

import (
	"strings"
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/testutil/fixture"
)

func TestCandidatesShowProposalAndCaseload(t *testing.T) {
	apps := []CoordinatorAppointment{
		{Coordinator: coordinator, AppointedAt: fixture.At("2026-01-01")},
		{Coordinator: coordinator, AppointedAt: fixture.At("2026-01-01")},
		{Coordinator: otherCoord, AppointedAt: fixture.At("2026-01-01"), Ended: fixture.At("2026-02-01")},
		{Coordinator: "Practitioner/kreft-test", AppointedAt: fixture.At("2026-01-01")},
	}
	loads := Caseloads(apps, fixture.At("2026-03-01"))
	tests := []struct {
		name, proposal string
		kind           CoordinatorKind
		want           []string
	}{
		{"lowest caseload first", "", KindOrdinary, []string{"Per Prøvesen", "Åse Eksempel", "Kari Testkoordinator"}},
		{"the citizen's proposal first", "kari testkoordinator", KindOrdinary, []string{"Kari Testkoordinator", "Per Prøvesen", "Åse Eksempel"}},
		{"only child coordinators", "", KindChild, []string{"Kari Testkoordinator"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Candidates(register(), loads, tt.kind, tt.proposal, fixture.At("2026-03-01"))
			var names []string
			for _, c := range got {
				names = append(names, c.Name)
			}
			if strings.Join(names, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %v, want %v", names, tt.want)
			}
		})
	}
	got := Candidates(register(), loads, KindOrdinary, "", fixture.At("2026-03-01"))
	if got[2].Caseload != 2 || !got[2].Trained || got[0].Caseload != 0 || got[0].Trained {
		t.Errorf("caseload/training not shown: %+v", got)
	}
}

func TestAppoint(t *testing.T) {
	base := CoordinatorAppointment{Patient: patient, Coordinator: otherCoord, Kind: KindOrdinary, AppointedBy: "Practitioner/fagleder-test", AppointedAt: fixture.At("2026-03-05")}
	tests := []struct {
		name string
		edit func(*CoordinatorAppointment)
		want apperr.Code
	}{
		{"plain", func(*CoordinatorAppointment) {}, ""},
		{"follows the proposal", func(a *CoordinatorAppointment) { a.Proposal = "Per Prøvesen" }, ""},
		{"against the proposal without reasons", func(a *CoordinatorAppointment) { a.Proposal = "Kari Testkoordinator" }, apperr.Unprocessable},
		{"against the proposal with reasons", func(a *CoordinatorAppointment) {
			a.Proposal, a.Reasons = "Kari Testkoordinator", "Kari har ikke kapasitet før august."
		}, ""},
		{"wrong kind", func(a *CoordinatorAppointment) { a.Kind = KindChild }, apperr.Unprocessable},
		{"inactive", func(a *CoordinatorAppointment) { a.Coordinator = "Practitioner/sluttet" }, apperr.Unprocessable},
		{"unknown", func(a *CoordinatorAppointment) { a.Coordinator = "Practitioner/ukjent" }, apperr.Unprocessable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := base
			tt.edit(&a)
			fixture.WantCode(t, Appoint(a, register()), tt.want)
		})
	}
}
