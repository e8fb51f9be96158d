package intake

import (
	"time"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// InquiryClock is what the unit lead's inbox shows for an inquiry.
type InquiryClock struct {
	AgeDays           int             // calendar days since receipt
	Assessment        kernel.Deadline // the unit's own target (a municipal setting)
	PreliminaryAnswer kernel.Deadline // fvl § 11 a: one month
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
		AgeDays:           kernel.DaysBetween(q.Received, now),
		Assessment:        kernel.Deadline{Due: target, Late: open && kernel.Late(target, now)},
		PreliminaryAnswer: kernel.Deadline{Due: prelim, Late: open && kernel.Late(prelim, now)},
	}, nil
}
