package coordination

import (
	"testing"

	"veiviser/internal/apperr"
	"veiviser/internal/plan"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestMeasureIsEditedAndEnded (issue 20): the coordinator changes a measure's scope and
// responsible person and then ends it, keeping its progress; the stored plan says so, an ended
// measure cannot end twice, and the provider (whose measure it is) may not change it.
func TestMeasureIsEditedAndEnded(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		planID := w.planWithConsent()
		ip := must[plan.IndividualPlan](t)(w.co.AddMeasure(as(w.coordinator), planID, plan.Measure{Title: "Gangtrening", Provider: "Organization/physio", Scope: "1 t/uke"}))
		m := ip.Measures[0]
		must[plan.IndividualPlan](t)(w.co.RecordProgress(as(w.provider), planID, m.ID, "Første økt"))
		changed := m
		changed.Scope, changed.ResponsiblePerson = "2 t/uke", "Practitioner/f1"
		if _, err := w.co.EditMeasure(as(w.provider), planID, changed); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("the provider edits the coordinator's measure: %v", err)
		}
		must[plan.IndividualPlan](t)(w.co.EditMeasure(as(w.coordinator), planID, changed))
		if _, err := w.co.EditMeasure(as(w.coordinator), planID, plan.Measure{ID: "nosuch", Title: "X"}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("editing a measure that is not there: %v", err)
		}
		if _, err := w.co.EndMeasure(as(w.coordinator), planID, m.ID, plan.MeasureInProgress); !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("ending as in progress: %v", err)
		}
		got := must[plan.IndividualPlan](t)(w.co.EndMeasure(as(w.coordinator), planID, m.ID, plan.MeasureCompleted))
		if _, err := w.co.EndMeasure(as(w.coordinator), planID, m.ID, plan.MeasureStopped); !apperr.Is(err, apperr.Unprocessable) {
			t.Errorf("ending an ended measure: %v", err)
		}
		stored := must[plan.IndividualPlan](t)(w.co.Load(as(w.coordinator), got.ID)).Measures[0]
		if stored.Scope != "2 t/uke" || stored.ResponsiblePerson != "Practitioner/f1" || stored.ResponsibleName == "" ||
			stored.Status != plan.MeasureCompleted || stored.Period.End.IsZero() || len(stored.Progress) != 1 || stored.Title != "Gangtrening" {
			t.Errorf("stored measure = %+v", stored)
		}
	})
}
