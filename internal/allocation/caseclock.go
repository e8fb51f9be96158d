package allocation

import (
	"time"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// WarnBefore is how long before the preliminary reply is due the office's inbox warns (a
// municipal setting).
const WarnBefore lawdata.Key = "allocation.preliminary-reply.warn-before"

// CaseClock is what the office's inbox shows for an application.
type CaseClock struct {
	AgeDays int // calendar days since receipt
	// PreliminaryReply is fvl § 11 a's one month from receipt: by then the citizen has a
	// decision or a preliminary reply with the reason and the expected date.
	PreliminaryReply kernel.Deadline
	// Soon: the reply is due within the warning time (and is not late yet).
	Soon bool
	// ReplyExpected is the date a preliminary reply promised the decision by; zero before one.
	ReplyExpected time.Time
}

// Deadlines computes an application's clock at now. One that no longer waits is never late.
func Deadlines(a Application, law *lawdata.Table, now time.Time) (CaseClock, error) {
	due, err := law.Due(lawdata.PreliminaryAnswer, a.Received)
	if err != nil {
		return CaseClock{}, err
	}
	warn, err := law.At(WarnBefore, a.Received)
	if err != nil {
		return CaseClock{}, err
	}
	open := a.Open()
	late := open && kernel.Late(due, now)
	warnFrom := lawdata.Add(due, lawdata.Value{Kind: warn.Value.Kind, N: -warn.Value.N, Unit: warn.Value.Unit})
	return CaseClock{
		AgeDays:          kernel.DaysBetween(a.Received, now),
		PreliminaryReply: kernel.Deadline{Due: due, Late: late},
		Soon:             open && !late && !lawdata.DateOf(now).Before(lawdata.DateOf(warnFrom)),
	}, nil
}

// Replied is the clock once a preliminary reply promised the decision by expected: no longer
// late or near the month; the promise is what the inbox shows.
func (c CaseClock) Replied(expected time.Time) CaseClock {
	if !expected.IsZero() {
		c.ReplyExpected, c.PreliminaryReply.Late, c.Soon = expected, false, false
	}
	return c
}
