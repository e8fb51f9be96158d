package coordination

import (
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestCaseForAndDirectory: the coordinator reads the case of a citizen in reach (NotFound
// outside it), and staff, not citizens, read the directory of services and staff.
func TestCaseForAndDirectory(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		if _, err := w.co.CaseFor(as(w.coordinator), "p1"); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("case before appointment: %v, want NotFound", err)
		}
		planID := w.planWithConsent()
		cs := must[CaseSummary](t)(w.co.CaseFor(as(w.coordinator), "Patient/p1"))
		if cs.PatientName != "Siri Testmo" || cs.PlanID != planID || cs.Stage != StageConsent {
			t.Errorf("case = %+v", cs)
		}
		dir := must[[]coordinators.DirectoryEntry](t)(w.co.Directory(as(w.coordinator)))
		byRef := map[string]coordinators.DirectoryEntry{}
		for _, e := range dir {
			byRef[e.Ref] = e
		}
		if e := byRef["Practitioner/k1"]; !e.IsStaff || e.Unit != "Organization/ke" || e.UnitNm != "Koordinerende enhet" {
			t.Errorf("k1 = %+v", e)
		}
		if e := byRef["Organization/physio"]; e.IsStaff || e.Name != "Fysioterapitjenesten" {
			t.Errorf("physio = %+v", e)
		}
		if _, err := w.co.Directory(as(w.citizen)); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("a citizen reads the directory: %v, want Forbidden", err)
		}
	})
}
