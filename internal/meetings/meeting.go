package meetings

import (
	"strings"
	"time"

	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// MeetingStatus is whether a responsibility-group meeting is planned, held or cancelled.
type MeetingStatus string

// The meeting statuses.
const (
	MeetingPlanned   MeetingStatus = "planned"
	MeetingHeld      MeetingStatus = "held"
	MeetingCancelled MeetingStatus = "cancelled"
)

// Meeting is a responsibility-group meeting.
type Meeting struct {
	ID           string
	Plan         string // CarePlan/...
	Patient      string
	Start        time.Time
	End          time.Time
	Location     string
	Status       MeetingStatus
	Participants []string // references
	Minutes      string
	Actions      []FollowUp
}

// FollowUpStatus is where a follow-up task is.
type FollowUpStatus string

// The follow-up statuses (FHIR Task.status codes).
const (
	FollowUpOpen      FollowUpStatus = "requested"
	FollowUpStarted   FollowUpStatus = "in-progress"
	FollowUpDone      FollowUpStatus = "completed"
	FollowUpCancelled FollowUpStatus = "cancelled"
)

// FollowUp is an agreed action: who does what by when.
type FollowUp struct {
	ID          string
	Meeting     string // the meeting that agreed it
	Plan        string
	Patient     string
	Description string
	Owner       string // a reference
	OwnerName   string
	Created     time.Time
	Due         time.Time
	Status      FollowUpStatus
	Done        time.Time
}

// NewFollowUp is an action agreed at a meeting; with no due date, the default from the law
// table's municipal setting applies from the meeting date.
func NewFollowUp(m Meeting, f FollowUp, law *lawdata.Table) (FollowUp, error) {
	if strings.TrimSpace(f.Description) == "" || f.Owner == "" {
		return f, kernel.Violation("Et tiltak fra møtet trenger beskrivelse og ansvarlig.", "An agreed action needs a description and an owner.")
	}
	f.Meeting, f.Plan, f.Patient = m.ID, m.Plan, m.Patient
	if f.Created.IsZero() {
		f.Created = m.Start
	}
	if f.Due.IsZero() {
		due, err := law.Due(lawdata.MeetingActionDue, m.Start)
		if err != nil {
			return f, err
		}
		f.Due = due
	}
	if f.Status == "" {
		f.Status = FollowUpOpen
	}
	return f, nil
}

// HoldMeeting records a planned meeting as held, with its minutes and agreed actions.
func HoldMeeting(m Meeting, minutes string, actions []FollowUp, law *lawdata.Table) (Meeting, error) {
	if m.Status != MeetingPlanned {
		return m, kernel.Violation("Bare et planlagt møte kan avholdes.", "Only a planned meeting can be held.")
	}
	if strings.TrimSpace(minutes) == "" {
		return m, kernel.Violation("Skriv referat fra møtet.", "Write the minutes of the meeting.")
	}
	m.Status, m.Minutes, m.Actions = MeetingHeld, minutes, nil
	for _, a := range actions {
		f, err := NewFollowUp(m, a, law)
		if err != nil {
			return m, err
		}
		m.Actions = append(m.Actions, f)
	}
	return m, nil
}

// FollowUpLate reports whether an open follow-up is past its due date at now.
func FollowUpLate(f FollowUp, now time.Time) bool {
	return (f.Status == FollowUpOpen || f.Status == FollowUpStarted) && kernel.Late(f.Due, now)
}
