package care

import (
	"time"

	"veiviser/internal/fhir"
)

// meetingParticipantTypes are the reference types Encounter.participant.individual and
// Appointment.participant.actor both hold; other participants (the citizen, an organisation)
// go into the meeting-participant extension.
var meetingParticipantTypes = map[string]bool{"Practitioner": true, "PractitionerRole": true, "RelatedPerson": true}

// MeetingToFHIR is a held meeting as an Encounter (status finished, minutes as an extension) or
// a planned or cancelled one as an Appointment, plus each agreed action as a Task. Participants
// the element cannot hold are kept in an extension, so they come back after the others.
func MeetingToFHIR(m Meeting) (*fhir.Resource, []*fhir.Resource) {
	var tasks []*fhir.Resource
	for _, f := range m.Actions {
		tasks = append(tasks, FollowUpToFHIR(f))
	}
	if m.Status == MeetingHeld {
		return encounterToFHIR(m), tasks
	}
	return appointmentToFHIR(m), tasks
}

func meetingExtensions(m Meeting, minutes bool) []any {
	exts := []any{ext(extPlan, "Reference", reference(m.Plan)), ext(extMeetingPlace, "String", m.Location)}
	if minutes {
		exts = append(exts, ext(extMeetingMinutes, "String", m.Minutes))
	}
	for _, p := range m.Participants {
		if !meetingParticipantTypes[typeOf(p)] {
			exts = append(exts, ext(extMeetingParticipant, "Reference", reference(p)))
		}
	}
	return list(exts...)
}

func encounterToFHIR(m Meeting) *fhir.Resource {
	var parts []any
	for _, p := range m.Participants {
		if meetingParticipantTypes[typeOf(p)] {
			parts = append(parts, obj("individual", reference(p)))
		}
	}
	return resource("Encounter", m.ID,
		"extension", meetingExtensions(m, true),
		"status", "finished",
		"class", obj("system", csActCode, "code", "AMB", "display", "ambulatory"),
		"type", list(obj("coding", list(coding(CSMeetingKind, "responsibility-group")), "text", "Ansvarsgruppemøte")),
		"subject", reference(m.Patient),
		"participant", parts,
		"period", period(Period{Start: m.Start, End: m.End}),
	)
}

func appointmentToFHIR(m Meeting) *fhir.Resource {
	status := "booked"
	switch {
	case m.Status == MeetingCancelled:
		status = "cancelled"
	case m.Start.IsZero() || m.End.IsZero():
		status = "proposed" // booked needs a start and an end
	}
	parts := list(obj("actor", reference(m.Patient), "status", "accepted"))
	for _, p := range m.Participants {
		if meetingParticipantTypes[typeOf(p)] {
			parts = append(parts, obj("actor", reference(p), "status", "needs-action"))
		}
	}
	return resource("Appointment", m.ID,
		"extension", meetingExtensions(m, false),
		"status", status,
		"serviceType", list(obj("coding", list(coding(CSMeetingKind, "responsibility-group")), "text", "Ansvarsgruppemøte")),
		"description", "Ansvarsgruppemøte / responsibility-group meeting",
		"start", fhirInstant(m.Start),
		"end", fhirInstant(m.End),
		"participant", parts,
	)
}

func fhirInstant(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fhir.FormatInstant(t)
}

// MeetingFromFHIR reads a meeting back from its Encounter or Appointment and its Tasks.
func MeetingFromFHIR(r *fhir.Resource, tasks []*fhir.Resource) (Meeting, error) {
	if r == nil || (r.Type() != "Encounter" && r.Type() != "Appointment") {
		return Meeting{}, violation("Ventet et møte (Encounter eller Appointment).", "Expected a meeting (Encounter or Appointment).")
	}
	o := r.Object()
	m := Meeting{ID: r.ID(), Plan: extRef(o, extPlan), Location: extStr(o, extMeetingPlace, "String"), Minutes: extStr(o, extMeetingMinutes, "String")}
	status, _ := o.String("status")
	if r.Type() == "Encounter" {
		m.Status, m.Patient = MeetingHeld, pathStr(o, "subject", "reference")
		m.Start, m.End = pathTime(o, "period", "start"), pathTime(o, "period", "end")
		for _, p := range objects(o, "participant") {
			m.Participants = append(m.Participants, pathStr(p, "individual", "reference"))
		}
	} else {
		m.Status = MeetingPlanned
		if status == "cancelled" {
			m.Status = MeetingCancelled
		}
		m.Start, m.End = pathTime(o, "start"), pathTime(o, "end")
		for _, p := range objects(o, "participant") {
			ref := pathStr(p, "actor", "reference")
			if typeOf(ref) == "Patient" && m.Patient == "" {
				m.Patient = ref
				continue
			}
			m.Participants = append(m.Participants, ref)
		}
	}
	m.Participants = append(m.Participants, extRefs(o, extMeetingParticipant)...)
	for _, t := range tasks {
		f, err := FollowUpFromFHIR(t)
		if err != nil {
			return Meeting{}, err
		}
		m.Actions = append(m.Actions, f)
	}
	return m, nil
}

// FollowUpToFHIR is an agreed action as a Task: code meeting-action, focus the CarePlan, the
// meeting as encounter (when held), owner, restriction.period.end the due date,
// executionPeriod.end when it was done.
func FollowUpToFHIR(f FollowUp) *fhir.Resource {
	var enc *fhir.Object
	if f.Meeting != "" {
		enc = reference("Encounter/" + f.Meeting)
	}
	return resource("Task", f.ID,
		"status", string(f.Status),
		"intent", "plan",
		"code", concept(CSTaskKind, "meeting-action"),
		"description", f.Description,
		"focus", reference(f.Plan),
		"for", reference(f.Patient),
		"encounter", enc,
		"executionPeriod", period(Period{End: f.Done}),
		"authoredOn", dateTime(f.Created),
		"owner", referenceNamed(f.Owner, f.OwnerName),
		"restriction", obj("period", period(Period{End: f.Due})),
	)
}

// FollowUpFromFHIR reads an agreed action back from its Task.
func FollowUpFromFHIR(r *fhir.Resource) (FollowUp, error) {
	if err := expect(r, "Task"); err != nil {
		return FollowUp{}, err
	}
	o := r.Object()
	status, _ := o.String("status")
	return FollowUp{
		ID:          r.ID(),
		Meeting:     idOf(pathStr(o, "encounter", "reference")),
		Plan:        pathStr(o, "focus", "reference"),
		Patient:     pathStr(o, "for", "reference"),
		Description: pathStr(o, "description"),
		Owner:       pathStr(o, "owner", "reference"),
		OwnerName:   pathStr(o, "owner", "display"),
		Created:     pathTime(o, "authoredOn"),
		Due:         pathTime(o, "restriction", "period", "end"),
		Done:        pathTime(o, "executionPeriod", "end"),
		Status:      FollowUpStatus(status),
	}, nil
}
