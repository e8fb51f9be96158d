package plan

import (
	"slices"
	"time"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// NextEvaluation is the plan's next evaluation: the earliest planned evaluation date after the
// latest recorded evaluation (any planned date when none is recorded); when no planned date is
// left, the default interval from the law table after the latest evaluation, or after the plan's
// start. Late when past.
func NextEvaluation(p IndividualPlan, law *lawdata.Table, now time.Time) (kernel.Deadline, error) {
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
			return kernel.Deadline{Due: d, Late: kernel.Late(d, now)}, nil
		}
	}
	base := lastEval
	if base.IsZero() {
		base = p.Period.Start
	}
	if base.IsZero() {
		return kernel.Deadline{}, nil // a plan not started has no evaluation yet
	}
	due, err := law.Due(lawdata.PlanEvaluationInterval, base)
	if err != nil {
		return kernel.Deadline{}, err
	}
	return kernel.Deadline{Due: due, Late: kernel.Late(due, now)}, nil
}
