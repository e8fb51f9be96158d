package coordination

import (
	"testing"
	"time"

	"veiviser/internal/intake"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
)

// TestEmergencyAccessHoldsAtOnce: a grant made in the middle of a second (the record layer's
// clock has milliseconds, the workflows' is whole seconds) opens the citizen's case at once, not
// a second later: the page the confirmation redirects to is read within milliseconds.
func TestEmergencyAccessHoldsAtOnce(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		w := newWorld(t, st)
		must[intake.Receipt](t)(w.co.SubmitInquiry(as(w.citizen), intake.InquiryInput{Subject: "p1", Need: "Trenger hjelp"}))
		w.clock.Advance(600 * time.Millisecond)
		if _, err := w.co.CaseFor(as(w.provider), "Patient/p1"); err == nil {
			t.Fatal("the provider reaches the citizen before any grant")
		}
		must[time.Time](t)(w.co.GrantEmergencyAccess(as(w.provider), "Patient/p1", "Akutt innleggelse", "127.0.0.1"))
		if _, ok, err := w.co.EmergencyUntil(as(w.provider), "Patient/p1"); err != nil || !ok {
			t.Fatalf("the grant is not in force at once: %v %v", ok, err)
		}
		must[CaseSummary](t)(w.co.CaseFor(as(w.provider), "Patient/p1"))
	})
}
