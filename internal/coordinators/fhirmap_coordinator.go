package coordinators

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
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
	return kernel.NewResource("EpisodeOfCare", a.ID,
		"extension", kernel.List(kernel.Ext(kernel.ExtProposedCoord, "String", a.Proposal), kernel.Ext(kernel.ExtAppointedBy, "Reference", kernel.Reference(a.AppointedBy)),
			kernel.Ext(kernel.ExtAppointmentReasons, "String", a.Reasons)),
		"status", status,
		"type", kernel.List(kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSCoordinatorKind, string(kind))), "text", kindNB(kind))),
		"patient", kernel.Reference(a.Patient),
		"period", kernel.FHIRPeriod(kernel.Period{Start: a.AppointedAt, End: a.Ended}),
		"careManager", kernel.Reference(a.Coordinator),
	)
}

// AppointmentFromFHIR reads an appointment back from its EpisodeOfCare.
func AppointmentFromFHIR(r *fhir.Resource) (CoordinatorAppointment, error) {
	if err := kernel.Expect(r, "EpisodeOfCare"); err != nil {
		return CoordinatorAppointment{}, err
	}
	o := r.Object()
	return CoordinatorAppointment{
		ID:          r.ID(),
		Patient:     kernel.PathString(o, "patient", "reference"),
		Coordinator: kernel.PathString(o, "careManager", "reference"),
		Kind:        CoordinatorKind(kernel.ConceptsCode(o, "type", kernel.CSCoordinatorKind)),
		AppointedBy: kernel.ExtRef(o, kernel.ExtAppointedBy),
		AppointedAt: kernel.PathTime(o, "period", "start"),
		Ended:       kernel.PathTime(o, "period", "end"),
		Proposal:    kernel.ExtString(o, kernel.ExtProposedCoord, "String"),
		Reasons:     kernel.ExtString(o, kernel.ExtAppointmentReasons, "String"),
	}, nil
}

// CoordinatorToFHIR is a register entry as a Practitioner (name, contact, training courses as
// qualifications) and a PractitionerRole (the unit, the kinds as codes, active).
func CoordinatorToFHIR(c Coordinator) (*fhir.Resource, *fhir.Resource) {
	var quals []any
	for _, k := range c.Courses {
		quals = append(quals, kernel.ObjectOf("extension", kernel.List(kernel.Ext(kernel.ExtCourseProvider, "String", k.Provider)),
			"code", kernel.TextConcept(k.Name), "period", kernel.ObjectOf("start", kernel.DateOnly(k.Completed))))
	}
	telecom := kernel.List(kernel.ObjectOf("system", "phone", "value", c.Phone), kernel.ObjectOf("system", "email", "value", c.Email))
	prac := kernel.NewResource("Practitioner", kernel.RefID(c.ID),
		"name", kernel.List(kernel.ObjectOf("text", c.Name)),
		"telecom", telecom,
		"qualification", quals,
	)
	var codes []any
	for _, k := range c.Kinds {
		codes = append(codes, kernel.Concept(kernel.CSCoordinatorKind, string(k)))
	}
	role := kernel.NewResource("PractitionerRole", kernel.RefID(c.RoleID),
		"active", c.Active,
		"practitioner", kernel.ReferenceNamed(c.ID, c.Name),
		"organization", kernel.ReferenceNamed(c.Unit, c.UnitName),
		"code", kernel.List(append([]any{kernel.Concept(kernel.CSParticipantRole, string(kernel.RoleCoordinator))}, codes...)...),
		"telecom", telecom,
	)
	return prac, role
}

// CoordinatorFromFHIR reads a register entry back from its Practitioner and PractitionerRole.
func CoordinatorFromFHIR(prac, role *fhir.Resource) (Coordinator, error) {
	if err := kernel.Expect(prac, "Practitioner"); err != nil {
		return Coordinator{}, err
	}
	if err := kernel.Expect(role, "PractitionerRole"); err != nil {
		return Coordinator{}, err
	}
	p, r := prac.Object(), role.Object()
	active, _ := r.Get("active")
	c := Coordinator{ID: "Practitioner/" + prac.ID(), RoleID: "PractitionerRole/" + role.ID(), Name: kernel.PathString(p, "name", "text"),
		Unit: kernel.PathString(r, "organization", "reference"), UnitName: kernel.PathString(r, "organization", "display"), Active: active == true}
	for _, t := range kernel.Objects(p, "telecom") {
		v, _ := t.String("value")
		switch s, _ := t.String("system"); s {
		case "phone":
			c.Phone = v
		case "email":
			c.Email = v
		}
	}
	for _, q := range kernel.Objects(p, "qualification") {
		c.Courses = append(c.Courses, Course{Name: kernel.PathString(q, "code", "text"), Completed: kernel.PathTime(q, "period", "start"),
			Provider: kernel.ExtString(q, kernel.ExtCourseProvider, "String")})
	}
	for _, cc := range kernel.Objects(r, "code") {
		if k := kernel.CodeIn(cc, kernel.CSCoordinatorKind); k != "" {
			c.Kinds = append(c.Kinds, CoordinatorKind(k))
		}
	}
	return c, nil
}
