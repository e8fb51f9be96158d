package coordination

import (
	"veiviser/internal/care"
	"veiviser/internal/fhir"
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
	var b []care.Field
	if before != nil && before.Type() == after.Type() {
		b, _ = fieldsOf(before)
	}
	return care.CheckTexts(a, b)
}

// textFields reads the stored texts of res when it is one of the unit's records; nil otherwise.
func textFields(res *fhir.Resource) func(*fhir.Resource) ([]care.Field, error) {
	switch res.Type() {
	case "CarePlan":
		if isIndividualPlan(res) {
			return planTexts
		}
	case "Goal":
		return care.GoalFields
	case "CareTeam":
		return care.TeamFields
	case "Practitioner":
		return care.PractitionerFields
	case "ServiceRequest":
		if isInquiry(res) {
			return inquiryTexts
		}
	case "Communication":
		return messageTexts
	case "Encounter", "Appointment":
		if isMeeting(res) {
			return meetingTexts
		}
	case "EpisodeOfCare":
		if isAppointment(res) {
			return appointmentTexts
		}
	case "Task":
		return taskTexts(res)
	}
	return nil
}

func taskTexts(res *fhir.Resource) func(*fhir.Resource) ([]care.Field, error) {
	switch care.PathString(res.Object(), "code", "coding", "code") {
	case "assessment":
		return assessmentTexts
	case "meeting-action":
		return followUpTexts
	}
	return nil
}

func planTexts(r *fhir.Resource) ([]care.Field, error) {
	p, err := care.PlanFromFHIR(care.PlanResources{CarePlan: r})
	return care.PlanFields(p), err
}

func inquiryTexts(r *fhir.Resource) ([]care.Field, error) {
	q, err := care.InquiryFromFHIR(r)
	return care.InquiryFields(q), err
}

func messageTexts(r *fhir.Resource) ([]care.Field, error) {
	m, err := care.MessageFromFHIR(r)
	return care.MessageFields(m), err
}

func meetingTexts(r *fhir.Resource) ([]care.Field, error) {
	m, err := care.MeetingFromFHIR(r, nil)
	return care.MeetingFields(m), err
}

func appointmentTexts(r *fhir.Resource) ([]care.Field, error) {
	a, err := care.AppointmentFromFHIR(r)
	return care.AppointmentFields(a), err
}

func assessmentTexts(r *fhir.Resource) ([]care.Field, error) {
	a, err := care.AssessmentFromFHIR(r)
	return care.AssessmentFields(a), err
}

func followUpTexts(r *fhir.Resource) ([]care.Field, error) {
	f, err := care.FollowUpFromFHIR(r)
	return care.FollowUpFields(f), err
}
