package coordination

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/messages"
)

// textLimits is the rule every writer keeps, systems included: no stored text of the
// coordinating unit's records is longer than care's limit for it (care.PlanFields and the
// others name each field and its limit). A text stored already passes unchanged, so a record
// from before the limits can still be changed in its other parts. Records this package does
// not govern are bounded by the API's body limit alone.
func textLimits(before, after *fhir.Resource) error {
	if after == nil {
		return nil
	}
	fieldsOf := textFields(after)
	if fieldsOf == nil {
		return nil
	}
	a, err := fieldsOf(after)
	if err != nil {
		return nil // not the record it claims to be: the type's own rule says so
	}
	var b []kernel.Field
	if before != nil && before.Type() == after.Type() {
		b, _ = fieldsOf(before)
	}
	return kernel.CheckTexts(a, b)
}

// textFields reads the stored texts of res when it is one of the unit's records; nil otherwise.
func textFields(res *fhir.Resource) func(*fhir.Resource) ([]kernel.Field, error) {
	switch res.Type() {
	case "Communication":
		return messageTexts
	case "Encounter", "Appointment":
		if isMeeting(res) {
			return meetingTexts
		}
	case "Task":
		return taskTexts(res)
	}
	return nil
}

func taskTexts(res *fhir.Resource) func(*fhir.Resource) ([]kernel.Field, error) {
	switch kernel.PathString(res.Object(), "code", "coding", "code") {
	case "meeting-action":
		return followUpTexts
	}
	return nil
}

func messageTexts(r *fhir.Resource) ([]kernel.Field, error) {
	m, err := messages.MessageFromFHIR(r)
	return messages.MessageFields(m), err
}

func meetingTexts(r *fhir.Resource) ([]kernel.Field, error) {
	m, err := meetings.MeetingFromFHIR(r, nil)
	return meetings.MeetingFields(m), err
}

func followUpTexts(r *fhir.Resource) ([]kernel.Field, error) {
	f, err := meetings.FollowUpFromFHIR(r)
	return meetings.FollowUpFields(f), err
}
