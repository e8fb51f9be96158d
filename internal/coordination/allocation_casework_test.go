package coordination

import (
	"testing"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/apperr"
	"veiviser/internal/store"
	"veiviser/internal/testutil"
	"veiviser/internal/testutil/fixture"
)

// TestCaseAssessment (issue 13, point 3): the case keeps the assessment (the facts, the
// citizen's view, the home visit with who took part, the IPLOS scores as data) and notes; bad
// ones are refused and change nothing; only the office writes them.
func TestCaseAssessment(t *testing.T) {
	testutil.EachStore(t, func(t *testing.T, st store.Store) {
		o := newOffice(t, st)
		a := must[allocation.Receipt](t)(o.co.Apply(as(o.citizen), homeHelpAndAlarm())).Application
		o.clock.Set(start.AddDate(0, 0, 5))
		good := allocation.Assessment{Facts: "Bor alene i andre etasje uten heis.", CitizenView: "Vil bo hjemme så lenge som mulig.",
			HomeVisit: start.AddDate(0, 0, 4), VisitedBy: "Sara Saksbehandler, datteren Kari",
			Scores: map[string]int{"housework": 4, "shopping": 5, "hearing": 9}}
		for _, tc := range []struct {
			name string
			mod  func(*allocation.Assessment)
		}{
			{"empty", func(x *allocation.Assessment) { *x = allocation.Assessment{} }},
			{"a visit tomorrow", func(x *allocation.Assessment) { x.HomeVisit = start.AddDate(0, 0, 6) }},
			{"a visit with nobody", func(x *allocation.Assessment) { x.VisitedBy = " " }},
			{"an unknown variable", func(x *allocation.Assessment) { x.Scores = map[string]int{"juggling": 3} }},
			{"a score of 7", func(x *allocation.Assessment) { x.Scores = map[string]int{"housework": 7} }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				bad := good
				tc.mod(&bad)
				_, err := o.co.SaveAssessment(as(o.officer), a.Reference, bad)
				fixture.WantCode(t, err, apperr.Unprocessable)
			})
		}
		_, err := o.co.SaveAssessment(as(o.citizen), a.Reference, good)
		fixture.WantCode(t, err, apperr.Forbidden)
		if c := must[allocation.Assignment](t)(o.co.CaseOf(as(o.officer), a.Reference)); c.Assessment != nil {
			t.Fatalf("a refused assessment was stored: %+v", c.Assessment)
		}

		must[allocation.Assignment](t)(o.co.SaveAssessment(as(o.officer), a.Reference, good))
		must[allocation.Assignment](t)(o.co.AddCaseNote(as(o.officer), a.Reference, "Ringte datteren om trappene."))
		_, err = o.co.AddCaseNote(as(o.officer), a.Reference, " ")
		fixture.WantCode(t, err, apperr.Unprocessable)
		c := must[allocation.Assignment](t)(o.co.CaseOf(as(o.officer), a.Reference))
		got := c.Assessment
		if got == nil || got.Facts != good.Facts || got.CitizenView != good.CitizenView || got.HomeVisit.Format(time.DateOnly) != "2026-03-06" ||
			got.VisitedBy != good.VisitedBy || got.Scores["shopping"] != 5 || got.Scores["hearing"] != 9 || len(got.Scores) != 3 ||
			got.By != "Practitioner/s1" || c.Officer != "Practitioner/s1" {
			t.Errorf("the assessment read back: %+v (case %+v)", got, c)
		}
		if len(c.Notes) != 1 || c.Notes[0].Text != "Ringte datteren om trappene." || c.Notes[0].Author != "Practitioner/s1" {
			t.Errorf("the notes: %+v", c.Notes)
		}
	})
}
