package care

import (
	"veiviser/internal/fhir"
)

// AppointmentToFHIR is a coordinator appointment as an EpisodeOfCare: type the coordinator kind,
// careManager the coordinator, period the appointment, with the citizen's proposal, who
// appointed and why as extensions. The coordinator also joins the plan's CareTeam (see
// CoordinatorParticipant).
func AppointmentToFHIR(a CoordinatorAppointment) *fhir.Resource {
	status := "active"
	if !a.Ended.IsZero() {
		status = "finished"
	}
	kind := a.Kind
	if kind == "" {
		kind = KindOrdinary
	}
	return resource("EpisodeOfCare", a.ID,
		"extension", list(ext(extProposedCoord, "String", a.Proposal), ext(extAppointedBy, "Reference", reference(a.AppointedBy)),
			ext(extAppointmentReasons, "String", a.Reasons)),
		"status", status,
		"type", list(obj("coding", list(coding(CSCoordinatorKind, string(kind))), "text", kindNB(kind))),
		"patient", reference(a.Patient),
		"period", period(Period{Start: a.AppointedAt, End: a.Ended}),
		"careManager", reference(a.Coordinator),
	)
}

// AppointmentFromFHIR reads an appointment back from its EpisodeOfCare.
func AppointmentFromFHIR(r *fhir.Resource) (CoordinatorAppointment, error) {
	if err := expect(r, "EpisodeOfCare"); err != nil {
		return CoordinatorAppointment{}, err
	}
	o := r.Object()
	return CoordinatorAppointment{
		ID:          r.ID(),
		Patient:     pathStr(o, "patient", "reference"),
		Coordinator: pathStr(o, "careManager", "reference"),
		Kind:        CoordinatorKind(conceptsCode(o, "type", CSCoordinatorKind)),
		AppointedBy: extRef(o, extAppointedBy),
		AppointedAt: pathTime(o, "period", "start"),
		Ended:       pathTime(o, "period", "end"),
		Proposal:    extStr(o, extProposedCoord, "String"),
		Reasons:     extStr(o, extAppointmentReasons, "String"),
	}, nil
}

// CoordinatorToFHIR is a register entry as a Practitioner (name, contact, training courses as
// qualifications) and a PractitionerRole (the unit, the kinds as codes, active).
func CoordinatorToFHIR(c Coordinator) (*fhir.Resource, *fhir.Resource) {
	var quals []any
	for _, k := range c.Courses {
		quals = append(quals, obj("extension", list(ext(extCourseProvider, "String", k.Provider)),
			"code", textConcept(k.Name), "period", obj("start", dateOnly(k.Completed))))
	}
	telecom := list(obj("system", "phone", "value", c.Phone), obj("system", "email", "value", c.Email))
	prac := resource("Practitioner", idOf(c.ID),
		"name", list(obj("text", c.Name)),
		"telecom", telecom,
		"qualification", quals,
	)
	var codes []any
	for _, k := range c.Kinds {
		codes = append(codes, concept(CSCoordinatorKind, string(k)))
	}
	role := resource("PractitionerRole", idOf(c.RoleID),
		"active", c.Active,
		"practitioner", referenceNamed(c.ID, c.Name),
		"organization", referenceNamed(c.Unit, c.UnitName),
		"code", list(append([]any{concept(CSParticipantRole, string(RoleCoordinator))}, codes...)...),
		"telecom", telecom,
	)
	return prac, role
}

// CoordinatorFromFHIR reads a register entry back from its Practitioner and PractitionerRole.
func CoordinatorFromFHIR(prac, role *fhir.Resource) (Coordinator, error) {
	if err := expect(prac, "Practitioner"); err != nil {
		return Coordinator{}, err
	}
	if err := expect(role, "PractitionerRole"); err != nil {
		return Coordinator{}, err
	}
	p, r := prac.Object(), role.Object()
	active, _ := r.Get("active")
	c := Coordinator{ID: "Practitioner/" + prac.ID(), RoleID: "PractitionerRole/" + role.ID(), Name: pathStr(p, "name", "text"),
		Unit: pathStr(r, "organization", "reference"), UnitName: pathStr(r, "organization", "display"), Active: active == true}
	for _, t := range objects(p, "telecom") {
		v, _ := t.String("value")
		switch s, _ := t.String("system"); s {
		case "phone":
			c.Phone = v
		case "email":
			c.Email = v
		}
	}
	for _, q := range objects(p, "qualification") {
		c.Courses = append(c.Courses, Course{Name: pathStr(q, "code", "text"), Completed: pathTime(q, "period", "start"),
			Provider: extStr(q, extCourseProvider, "String")})
	}
	for _, cc := range objects(r, "code") {
		if k := codeIn(cc, CSCoordinatorKind); k != "" {
			c.Kinds = append(c.Kinds, CoordinatorKind(k))
		}
	}
	return c, nil
}

// MessageToFHIR is a message as a Communication.
func MessageToFHIR(m Message) *fhir.Resource {
	var to []any
	for _, r := range m.To {
		to = append(to, reference(r))
	}
	var reply []any
	if m.InResponseTo != "" {
		reply = list(reference(m.InResponseTo))
	}
	return resource("Communication", m.ID,
		"inResponseTo", reply,
		"status", "completed",
		"subject", reference(m.Patient),
		"about", list(reference(m.Plan)),
		"sent", dateTime(m.Sent),
		"recipient", to,
		"sender", reference(m.From),
		"payload", list(obj("contentString", m.Text)),
	)
}

// MessageFromFHIR reads a message back from its Communication.
func MessageFromFHIR(r *fhir.Resource) (Message, error) {
	if err := expect(r, "Communication"); err != nil {
		return Message{}, err
	}
	o := r.Object()
	return Message{
		ID:           r.ID(),
		Patient:      pathStr(o, "subject", "reference"),
		Plan:         pathStr(o, "about", "reference"),
		From:         pathStr(o, "sender", "reference"),
		To:           refsOf(o, "recipient"),
		Sent:         pathTime(o, "sent"),
		Text:         pathStr(o, "payload", "contentString"),
		InResponseTo: pathStr(o, "inResponseTo", "reference"),
	}, nil
}
