package pathways

import (
	"testing"
	"time"

	"veiviser/internal/lawdata"
)

// The assessment is due 6 weeks after the start (2026-01-05 + 6 weeks = 2026-02-16), due soon
// from the 14 days' lead before, late from the day after.
func TestAssessmentIsDueAtSixWeeks(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-01-05")
	in := youth(t, "2026-01-05")
	checkDays(t, c, mc, in, "assessment", []want{
		{"2026-01-05", StateDue, "2026-02-16", 0},
		{"2026-02-01", StateDue, "2026-02-16", 0},     // the day before the lead time
		{"2026-02-02", StateDueSoon, "2026-02-16", 0}, // the lead time's first day
		{"2026-02-15", StateDueSoon, "2026-02-16", 0}, // the day before
		{"2026-02-16", StateDueSoon, "2026-02-16", 0}, // the day of
		{"2026-02-17", StateLate, "2026-02-16", 1},    // the day after
		{"2026-02-26", StateLate, "2026-02-16", 10},
	})
}

// Only the date counts: late evening on the due day is still the due day.
func TestTheDueDayLastsUntilMidnight(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-02-16")
	mc.Set(date(t, "2026-02-16").Time(oslo).Add(23*time.Hour + 59*time.Minute))
	if st := status(t, schedule(t, c, youth(t, "2026-01-05")), "assessment"); st.State != StateDueSoon {
		t.Errorf("at 23:59 on the due day: %s, want due soon", st.State)
	}
	mc.Advance(time.Minute)
	if st := status(t, schedule(t, c, youth(t, "2026-01-05")), "assessment"); st.State != StateLate || st.DaysLate != 1 {
		t.Errorf("at midnight after the due day: %s %d, want late by 1", st.State, st.DaysLate)
	}
}

// One extension with a reason moves the limit on by another 6 weeks (2026-02-16 → 2026-03-30).
func TestAnExtensionMovesTheAssessmentLimit(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-02-17")
	in := youth(t, "2026-01-05")
	in.Extensions = []Extension{{Milestone: "assessment", At: date(t, "2026-02-10"), Reason: "Venter på skolens rapport"}}
	if err := c.Catalog.Check(in); err != nil {
		t.Fatalf("a valid extension was refused: %v", err)
	}
	checkDays(t, c, mc, in, "assessment", []want{
		{"2026-02-17", StateDue, "2026-03-30", 0}, // the day the first limit would have made it late
		{"2026-03-15", StateDue, "2026-03-30", 0},
		{"2026-03-16", StateDueSoon, "2026-03-30", 0},
		{"2026-03-29", StateDueSoon, "2026-03-30", 0},
		{"2026-03-30", StateDueSoon, "2026-03-30", 0},
		{"2026-03-31", StateLate, "2026-03-30", 1},
	})
	if st := status(t, schedule(t, c, in), "assessment"); st.Extensions != 1 {
		t.Errorf("extensions: %d, want 1", st.Extensions)
	}
	// a second extension (which Check refuses) does not move the limit again
	in.Extensions = append(in.Extensions, Extension{Milestone: "assessment", At: date(t, "2026-03-20"), Reason: "igjen"})
	if st := status(t, schedule(t, c, in), "assessment"); st.Due != date(t, "2026-03-30") || st.Extensions != 1 {
		t.Errorf("two extensions: due %s with %d, want 2026-03-30 with 1", st.Due, st.Extensions)
	}
}

// The treatment decision has no time of its own: it is due the day the assessment ends.
func TestTheTreatmentDecisionIsDueWithTheAssessment(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-02-09")
	checkDays(t, c, mc, youth(t, "2026-01-05"), "treatment-decision", []want{{"2026-02-09", StateWaiting, "0000-00-00", 0}})
	in := youth(t, "2026-01-05", rec(t, "assessment", "2026-02-10"))
	checkDays(t, c, mc, in, "treatment-decision", []want{
		{"2026-02-10", StateDueSoon, "2026-02-10", 0},
		{"2026-02-11", StateLate, "2026-02-10", 1},
	})
}

// Evaluations: the first 6 weeks after the treatment decision, each next one 12 weeks after the
// latest held, whatever order they were recorded in.
func TestEvaluationsComeAtSixWeeksThenEveryTwelve(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-03-01")
	base := []Record{rec(t, "assessment", "2026-02-10"), rec(t, "treatment-decision", "2026-02-12")}
	first := youth(t, "2026-01-05", base...)
	checkDays(t, c, mc, first, "evaluation", []want{
		{"2026-03-25", StateDueSoon, "2026-03-26", 0}, // 2026-02-12 + 6 weeks
		{"2026-03-26", StateDueSoon, "2026-03-26", 0},
		{"2026-03-27", StateLate, "2026-03-26", 1},
	})
	second := youth(t, "2026-01-05", append(base, rec(t, "evaluation", "2026-03-20"))...)
	checkDays(t, c, mc, second, "evaluation", []want{
		{"2026-05-28", StateDue, "2026-06-12", 0}, // 2026-03-20 + 12 weeks
		{"2026-05-29", StateDueSoon, "2026-06-12", 0},
		{"2026-06-11", StateDueSoon, "2026-06-12", 0},
		{"2026-06-12", StateDueSoon, "2026-06-12", 0},
		{"2026-06-13", StateLate, "2026-06-12", 1},
	})
	// recorded newest first: the next still counts from the latest held (2026-06-20)
	third := youth(t, "2026-01-05", append(base, rec(t, "evaluation", "2026-06-20"), rec(t, "evaluation", "2026-03-20"))...)
	checkDays(t, c, mc, third, "evaluation", []want{
		{"2026-09-12", StateDueSoon, "2026-09-12", 0},
		{"2026-09-13", StateLate, "2026-09-12", 1},
	})
	s := schedule(t, c, third)
	if st := status(t, s, "evaluation"); st.Occurrence != 3 {
		t.Errorf("the next evaluation is occurrence %d, want 3", st.Occurrence)
	}
}

func TestFeedbackToTheReferrerWithinThreeWeeks(t *testing.T) {
	c, mc := clockAt(t, catalog(t), "2026-01-05")
	checkDays(t, c, mc, youth(t, "2026-01-05"), "feedback", []want{
		{"2026-01-25", StateDueSoon, "2026-01-26", 0},
		{"2026-01-26", StateDueSoon, "2026-01-26", 0},
		{"2026-01-27", StateLate, "2026-01-26", 1},
	})
}

// Closure has no limit; once recorded, what was not reached is skipped and nothing repeats.
func TestClosureEndsThePathway(t *testing.T) {
	c, _ := clockAt(t, catalog(t), "2026-12-01")
	in := youth(t, "2026-01-05", rec(t, "assessment", "2026-02-10"), rec(t, "treatment-decision", "2026-02-12"))
	if st := status(t, schedule(t, c, in), "closure"); st.State != StateOpen {
		t.Errorf("closure before it is recorded: %s, want open", st.State)
	}
	in.Records = append(in.Records, rec(t, "evaluation", "2026-03-20"), rec(t, "closure", "2026-05-01"))
	s := schedule(t, c, in)
	if s.Ended != date(t, "2026-05-01") {
		t.Errorf("ended %s, want 2026-05-01", s.Ended)
	}
	if st := status(t, s, "feedback"); st.State != StateSkipped || st.Why != whyNotReached {
		t.Errorf("feedback after closure: %s (%s), want skipped", st.State, st.Why)
	}
	if st := status(t, s, "evaluation"); st.State != StateDone || st.Occurrence != 1 {
		t.Errorf("evaluation after closure: %s #%d, want the one held and no next", st.State, st.Occurrence)
	}
	if got := s.Attention(); len(got) != 0 {
		t.Errorf("a closed pathway needs attention: %+v", got)
	}
	for end, want := range map[string]string{"2026-05-10": "2026-05-01", "2026-04-20": "2026-04-20"} {
		in.End = date(t, end)
		if got := schedule(t, c, in).Ended; got != date(t, want) {
			t.Errorf("closure on 2026-05-01, end %s: ended %s, want %s", end, got, want)
		}
	}
}

// The lead time is the municipality's setting, or the clock's own.
func TestTheDueSoonLeadIsConfigurable(t *testing.T) {
	cat := catalog(t)
	in := youth(t, "2026-01-05")
	c, _ := clockAt(t, cat, "2026-02-08")
	c.DueSoon = lawdata.Value{Kind: lawdata.KindDuration, N: 7, Unit: lawdata.Days}
	if st := status(t, schedule(t, c, in), "assessment"); st.State != StateDue {
		t.Errorf("9 days before with a 7-day lead: %s, want due", st.State)
	}
	c.DueSoon = lawdata.Value{}
	if st := status(t, schedule(t, c, in), "assessment"); st.State != StateDueSoon {
		t.Errorf("9 days before with the law table's 14 days: %s, want due soon", st.State)
	}
	local, err := cat.law.With(lawdata.Rule{Key: lawdata.PathwayDueSoon, ValidFrom: "2026-01-01", Source: "KE",
		Value: lawdata.Value{Kind: lawdata.KindDuration, N: 3, Unit: lawdata.Days}})
	if err != nil {
		t.Fatal(err)
	}
	lc, err := NewCatalog(local)
	if err != nil {
		t.Fatal(err)
	}
	c.Catalog = lc
	if st := status(t, schedule(t, c, in), "assessment"); st.State != StateDue {
		t.Errorf("9 days before with the municipality's 3 days: %s, want due", st.State)
	}
}

func TestScheduleNeedsAKnownPathwayOnItsStart(t *testing.T) {
	c, _ := clockAt(t, catalog(t), "2026-01-05")
	for _, in := range []Instance{
		{ID: "x", Pathway: "no-such", Start: date(t, "2026-01-05")},
		{ID: "y", Pathway: "mental-health-children", Start: date(t, "2018-12-31")}, // before the pathways began
	} {
		if _, err := c.Schedule(in); err == nil {
			t.Errorf("%s: scheduled", in.ID)
		}
	}
}
