package meetings

import (
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
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
	exts := []any{kernel.Ext(kernel.ExtPlan, "Reference", kernel.Reference(m.Plan)), kernel.Ext(kernel.ExtMeetingPlace, "String", m.Location)}
	if minutes {
		exts = append(exts, kernel.Ext(kernel.ExtMeetingMinutes, "String", m.Minutes))
	}
	for _, p := range m.Participants {
		if !meetingParticipantTypes[kernel.TypeOf(p)] {
			exts = append(exts, kernel.Ext(kernel.ExtMeetingParticipant, "Reference", kernel.Reference(p)))
		}
	}
	return kernel.List(exts...)
}

func encounterToFHIR(m Meeting) *fhir.Resource {
	var parts []any
	for _, p := range m.Participants {
		if meetingParticipantTypes[kernel.TypeOf(p)] {
			parts = append(parts, kernel.ObjectOf("individual", kernel.Reference(p)))
		}
	}
	return kernel.NewResource("Encounter", m.ID,
		"extension", meetingExtensions(m, true),
		"status", "finished",
		"class", kernel.ObjectOf("system", kernel.CSActCode, "code", "AMB", "display", "ambulatory"),
		"type", kernel.List(kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSMeetingKind, "responsibility-group")), "text", "Ansvarsgruppemøte")),
		"subject", kernel.Reference(m.Patient),
		"participant", parts,
		"period", kernel.FHIRPeriod(kernel.Period{Start: m.Start, End: m.End}),
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
	parts := kernel.List(kernel.ObjectOf("actor", kernel.Reference(m.Patient), "status", "accepted"))
	for _, p := range m.Participants {
		if meetingParticipantTypes[kernel.TypeOf(p)] {
			parts = append(parts, kernel.ObjectOf("actor", kernel.Reference(p), "status", "needs-action"))
		}
	}
	return kernel.NewResource("Appointment", m.ID,
		"extension", meetingExtensions(m, false),
		"status", status,
		"serviceType", kernel.List(kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSMeetingKind, "responsibility-group")), "text", "Ansvarsgruppemøte")),
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
		return Meeting{}, kernel.Violation("Ventet et møte (Encounter eller Appointment).", "Expected a meeting (Encounter or Appointment).")
	}
	o := r.Object()
	m := Meeting{ID: r.ID(), Plan: kernel.ExtRef(o, kernel.ExtPlan), Location: kernel.ExtString(o, kernel.ExtMeetingPlace, "String"), Minutes: kernel.ExtString(o, kernel.ExtMeetingMinutes, "String")}
	status, _ := o.String("status")
	if r.Type() == "Encounter" {
		m.Status, m.Patient = MeetingHeld, kernel.PathString(o, "subject", "reference")
		m.Start, m.End = kernel.PathTime(o, "period", "start"), kernel.PathTime(o, "period", "end")
		for _, p := range kernel.Objects(o, "participant") {
			m.Participants = append(m.Participants, kernel.PathString(p, "individual", "reference"))
		}
	} else {
		m.Status = MeetingPlanned
		if status == "cancelled" {
			m.Status = MeetingCancelled
		}
		m.Start, m.End = kernel.PathTime(o, "start"), kernel.PathTime(o, "end")
		for _, p := range kernel.Objects(o, "participant") {
			ref := kernel.PathString(p, "actor", "reference")
			if kernel.TypeOf(ref) == "Patient" && m.Patient == "" {
				m.Patient = ref
				continue
			}
			m.Participants = append(m.Participants, ref)
		}
	}
	m.Participants = append(m.Participants, kernel.ExtRefs(o, kernel.ExtMeetingParticipant)...)
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
		enc = kernel.Reference("Encounter/" + f.Meeting)
	}
	return kernel.NewResource("Task", f.ID,
		"status", string(f.Status),
		"intent", "plan",
		"code", kernel.Concept(kernel.CSTaskKind, "meeting-action"),
		"description", f.Description,
		"focus", kernel.Reference(f.Plan),
		"for", kernel.Reference(f.Patient),
		"encounter", enc,
		"executionPeriod", kernel.FHIRPeriod(kernel.Period{End: f.Done}),
		"authoredOn", kernel.DateTime(f.Created),
		"owner", kernel.ReferenceNamed(f.Owner, f.OwnerName),
		"restriction", kernel.ObjectOf("period", kernel.FHIRPeriod(kernel.Period{End: f.Due})),
	)
}

// FollowUpFromFHIR reads an agreed action back from its Task.
func FollowUpFromFHIR(r *fhir.Resource) (FollowUp, error) {
	if err := kernel.Expect(r, "Task"); err != nil {
		return FollowUp{}, err
	}
	o := r.Object()
	status, _ := o.String("status")
	return FollowUp{
		ID:          r.ID(),
		Meeting:     kernel.RefID(kernel.PathString(o, "encounter", "reference")),
		Plan:        kernel.PathString(o, "focus", "reference"),
		Patient:     kernel.PathString(o, "for", "reference"),
		Description: kernel.PathString(o, "description"),
		Owner:       kernel.PathString(o, "owner", "reference"),
		OwnerName:   kernel.PathString(o, "owner", "display"),
		Created:     kernel.PathTime(o, "authoredOn"),
		Due:         kernel.PathTime(o, "restriction", "period", "end"),
		Done:        kernel.PathTime(o, "executionPeriod", "end"),
		Status:      FollowUpStatus(status),
	}, nil
}
