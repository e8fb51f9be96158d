package lawdata

import (
	"fmt"
	"time"
)

// Key names one rule, e.g. "appeal.deadline.pbrl".
type Key string

// The keys Veiviser's rules look up. rules/*.json hold their values; an area may declare its keys in a file of its own.
const (
	// AssessmentTarget is the coordinating unit's own target for assessing a new inquiry
	// (a municipal setting; fvl § 11 a only says "uten ugrunnet opphold").
	AssessmentTarget Key = "ke.assessment.target"
	// PreliminaryAnswer is when a preliminary answer is due if a case is not decided (fvl § 11 a).
	PreliminaryAnswer Key = "fvl.preliminary-answer"
	// AppealDeadlineHealth is the appeal deadline for health and care decisions (pbrl § 7-5).
	AppealDeadlineHealth Key = "appeal.deadline.pbrl"
	// AppealDeadlineAdmin is the appeal deadline for decisions under forvaltningsloven only (fvl § 29).
	AppealDeadlineAdmin Key = "appeal.deadline.fvl"
	// PlanEvaluationInterval is the default time between evaluations of an individual plan
	// (a municipal setting).
	PlanEvaluationInterval Key = "ip.evaluation.interval"
	// MeetingActionDue is the default time an agreed action from a responsibility-group meeting
	// has before it is due (a municipal setting).
	MeetingActionDue Key = "meeting.action.due"
	// ChildCoordinatorAgeLimit is the age below which a child gives the family a right to a child
	// coordinator (pbrl § 2-5 c).
	ChildCoordinatorAgeLimit Key = "child-coordinator.age-limit"
	// IPRegulation is the regulation that governs the content of an individual plan.
	IPRegulation Key = "ip.regulation"
	// IPRight is the legal basis of the right to an individual plan.
	IPRight Key = "ip.right"
	// CoordinatorRight is the legal basis of the right to a coordinator.
	CoordinatorRight Key = "coordinator.right"
	// ChildCoordinatorRight is the legal basis of the right to a child coordinator.
	ChildCoordinatorRight Key = "child-coordinator.right"
	// CancerFollowUpFirst and CancerFollowUpSecond are the municipal needs-mapping conversations
	// after a cancer diagnosis (Pakkeforløp hjem).
	CancerFollowUpFirst  Key = "cancer-home.follow-up.first"
	CancerFollowUpSecond Key = "cancer-home.follow-up.second"
)

// Kind says which field of a Value holds it.
type Kind string

// The value kinds.
const (
	KindDuration Kind = "duration" // N Units
	KindAmount   Kind = "amount"   // Øre (hundredths of a krone)
	KindNumber   Kind = "number"   // N
	KindText     Kind = "text"     // Text, a legal reference or a name
)

// Unit is the unit of a duration.
type Unit string

// The duration units.
const (
	WorkingDays Unit = "working-days" // Monday to Friday except public holidays
	Days        Unit = "days"
	Weeks       Unit = "weeks"
	Months      Unit = "months" // calendar months; the 31st becomes the month's last day
	Years       Unit = "years"
)

// Value is a rule's value; Kind says which fields are set.
type Value struct {
	Kind Kind   `json:"kind"`
	N    int    `json:"n,omitempty"`
	Unit Unit   `json:"unit,omitempty"`
	Øre  int64  `json:"ore,omitempty"`
	Text string `json:"text,omitempty"`
}

// Rule is one dated value.
type Rule struct {
	Key       Key    `json:"key"`
	Value     Value  `json:"value"`
	ValidFrom string `json:"validFrom"`         // YYYY-MM-DD, the first day in force
	ValidTo   string `json:"validTo,omitempty"` // YYYY-MM-DD, the last day in force; "" open
	Source    string `json:"source"`            // the legal text or page it comes from
	Note      string `json:"note,omitempty"`
	// RollForward: a deadline that ends on a Saturday, Sunday or public holiday moves to the
	// next working day (fvl § 30 for deadlines a party must meet).
	RollForward bool `json:"rollForward,omitempty"`
	// Setting: the municipality may set its own value (Table.With).
	Setting bool `json:"setting,omitempty"`
}

// String shows a value for people: "4 weeks", "185.00 kr", "pbrl § 7-5".
func (v Value) String() string {
	switch v.Kind {
	case KindDuration:
		return fmt.Sprintf("%d %s", v.N, v.Unit)
	case KindAmount:
		return fmt.Sprintf("%d.%02d kr", v.Øre/100, v.Øre%100)
	case KindNumber:
		return fmt.Sprint(v.N)
	default:
		return v.Text
	}
}

// Date is a calendar date in the municipality's time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is t's calendar date in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// Time is the date's midnight in loc.
func (d Date) Time(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// String is YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }
