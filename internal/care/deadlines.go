package care

import (
	"slices"
	"time"

	"veiviser/internal/lawdata"
)

// Deadline is when something is due and whether it is late at the time asked.
type Deadline struct {
	Due  time.Time
	Late bool
}

// late: due on a date means done by the end of that date.
func late(due, now time.Time) bool {
	return !due.IsZero() && lawdata.DateOf(due).Before(lawdata.DateOf(now))
}

// InquiryClock is what the unit lead's inbox shows for an inquiry.
type InquiryClock struct {
	AgeDays           int      // calendar days since receipt
	Assessment        Deadline // the unit's own target (a municipal setting)
	PreliminaryAnswer Deadline // fvl § 11 a: one month
}

// InquiryDeadlines computes an inquiry's age and deadlines at now. An assessed inquiry is never late.
func InquiryDeadlines(q Inquiry, law *lawdata.Table, now time.Time) (InquiryClock, error) {
	target, err := law.Due(lawdata.AssessmentTarget, q.Received)
	if err != nil {
		return InquiryClock{}, err
	}
	prelim, err := law.Due(lawdata.PreliminaryAnswer, q.Received)
	if err != nil {
		return InquiryClock{}, err
	}
	open := q.Status == InquiryReceived
	return InquiryClock{
		AgeDays:           daysBetween(q.Received, now),
		Assessment:        Deadline{Due: target, Late: open && late(target, now)},
		PreliminaryAnswer: Deadline{Due: prelim, Late: open && late(prelim, now)},
	}, nil
}

func daysBetween(from, to time.Time) int {
	a := lawdata.DateOf(from).Time(time.UTC)
	b := lawdata.DateOf(to).Time(time.UTC)
	return int(b.Sub(a).Hours() / 24)
}

// NextEvaluation is the plan's next evaluation: the earliest planned evaluation date after the
// latest recorded evaluation (any planned date when none is recorded); when no planned date is
// left, the default interval from the law table after the latest evaluation, or after the plan's
// start. Late when past.
func NextEvaluation(p IndividualPlan, law *lawdata.Table, now time.Time) (Deadline, error) {
	var lastEval time.Time
	for _, e := range p.Evaluations {
		if e.At.After(lastEval) {
			lastEval = e.At
		}
	}
	dates := slices.Clone(p.EvaluationDates)
	slices.SortFunc(dates, time.Time.Compare)
	for _, d := range dates {
		if lastEval.IsZero() || lawdata.DateOf(lastEval).Before(lawdata.DateOf(d)) {
			return Deadline{Due: d, Late: late(d, now)}, nil
		}
	}
	base := lastEval
	if base.IsZero() {
		base = p.Period.Start
	}
	if base.IsZero() {
		return Deadline{}, nil // a plan not started has no evaluation yet
	}
	due, err := law.Due(lawdata.PlanEvaluationInterval, base)
	if err != nil {
		return Deadline{}, err
	}
	return Deadline{Due: due, Late: late(due, now)}, nil
}

// FollowUpLate reports whether an open follow-up is past its due date at now.
func FollowUpLate(f FollowUp, now time.Time) bool {
	return (f.Status == FollowUpOpen || f.Status == FollowUpStarted) && late(f.Due, now)
}
