package intake

import (
	"testing"
	"time"

	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
	"veiviser/internal/testutil/fixture"
	"veiviser/internal/workflow"
)

func TestTasksToFHIR(t *testing.T) {
	q := Inquiry{ID: "h1", Subject: "Patient/p1", ProposedCoordinator: "Kari Testkoordinator"}
	a := Assessment{AssessedAt: time.Date(2026, 3, 2, 10, 15, 0, 0, time.FixedZone("CET", 3600))}
	for _, tc := range []struct {
		name string
		got  string
		want string
	}{
		{"appoint, proposal and default kind", string(fixture.CheckFHIR(t, AppointTaskToFHIR("t1", "requested", "Organization/ke", q, a)).Bytes()),
			`{"resourceType":"Task","id":"t1","status":"requested","intent":"order",` +
				`"code":{"coding":[{"system":"` + kernel.CSTaskKind + `","code":"appoint-coordinator"}],"text":"Oppnevne koordinator"},` +
				`"focus":{"reference":"ServiceRequest/h1"},"for":{"reference":"Patient/p1"},"authoredOn":"2026-03-02T09:15:00Z",` +
				`"owner":{"reference":"Organization/ke"},"input":[{"type":{"text":"coordinator-kind"},"valueString":"ordinary"},` +
				`{"type":{"text":"proposal"},"valueString":"Kari Testkoordinator"}]}`},
		{"sequence", string(fixture.CheckFHIR(t, workflow.SequenceTask("seq-ke-2026", "ke")).Bytes()),
			`{"resourceType":"Task","id":"seq-ke-2026","status":"draft","intent":"proposal",` +
				`"code":{"coding":[{"system":"` + kernel.CSTaskKind + `","code":"sequence"}],"text":"sequence ke"}}`},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, tc.got, tc.want)
		}
	}
	withKind := Assessment{CoordinatorKind: coordinators.KindOrdinary}
	r := fixture.CheckFHIR(t, AppointTaskToFHIR("t2", "completed", "Organization/ke", Inquiry{ID: "h2", Subject: "Patient/p1"}, withKind))
	if got := kernel.PathString(kernel.Objects(r.Object(), "input")[1], "valueString"); got != "-" {
		t.Errorf("no proposal: got %q, want -", got)
	}
	if got := kernel.PathString(r.Object(), "authoredOn"); got != "" {
		t.Errorf("no assessment time: got %q, want none", got)
	}
}
