package coordinators

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// NewRule returns the coordinator register's and the appointments' write rule (a records.Rule):
//   - EpisodeOfCare (a coordinator appointment): for every writer a new appointment, or a
//     changed coordinator, kind or citizen, passes Appoint against the register (an active
//     coordinator of the kind; reasons when the citizen proposed another); a person appoints,
//     changes or ends one only as the lead of the unit that manages it, a new one in their own
//     name. Another service's episode is not the unit's.
//   - Task appoint-coordinator (the open task to appoint, owned by the unit): the unit's lead
//     and case officers only.
//   - Practitioner, and an appointment's texts: at most their limits, for every writer.
func NewRule() records.Rule {
	var r rule
	return workflow.Checks{
		"Practitioner":  workflow.Texts(nil, PractitionerFields, workflow.Pass),
		"EpisodeOfCare": workflow.Texts(IsAppointment, appointmentTexts, workflow.Refuses(r.appointment)),
		"Task":          workflow.Refuses(r.appointTaskOfKind),
	}
}

type rule struct{}

func appointmentTexts(r *fhir.Resource) ([]kernel.Field, error) {
	a, err := AppointmentFromFHIR(r)
	return AppointmentFields(a), err
}

// appointTaskOfKind: the open task to appoint a coordinator; another kind of Task is another
// area's.
func (r rule) appointTaskOfKind(ctx context.Context, _ store.Reader, before, after *fhir.Resource) error {
	if workflow.TaskKind(before, after) != TaskAppointCoordinator {
		return nil
	}
	return r.appointTask(ctx, before, after)
}

// appointment: a coordinator appointment is valid against the register, and the managing
// unit's lead's to make.
func (r rule) appointment(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !IsAppointment(before) && !IsAppointment(after) {
		return nil
	}
	if after != nil {
		if err := appointsFromRegister(ctx, rd, before, after); err != nil {
			return err
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	refused := kernel.Text{NB: "Bare lederen for enheten som styrer oppnevningen, oppnevner koordinator, i eget navn.",
		EN: "Only the lead of the unit that manages the appointment appoints coordinators, in their own name."}.Err(apperr.Forbidden)
	if !p.Has(access.UnitLead) || p.PractitionerID == "" {
		return refused
	}
	for _, res := range []*fhir.Resource{before, after} {
		if res != nil && !slices.ContainsFunc(kernel.OrganizationIDs(res, "managingOrganization"), func(u string) bool { return slices.Contains(p.Units, u) }) {
			return refused
		}
	}
	if before == nil && after != nil {
		if a, _ := AppointmentFromFHIR(after); a.AppointedBy != kernel.Ref("Practitioner", p.PractitionerID) {
			return refused
		}
	}
	return nil
}

// appointsFromRegister: a new appointment, or one whose coordinator, kind or citizen changes,
// passes Appoint against the register.
func appointsFromRegister(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	a, err := AppointmentFromFHIR(after)
	if err != nil {
		return err
	}
	changed := before == nil
	if before != nil {
		old, err := AppointmentFromFHIR(before)
		if err != nil {
			return err
		}
		changed = old.Coordinator != a.Coordinator || old.Kind != a.Kind || old.Patient != a.Patient
	}
	if !changed {
		return nil
	}
	register, err := RegisterIn(ctx, rd)
	if err != nil {
		return err
	}
	return Appoint(a, register)
}

// appointTask (the open task to appoint a coordinator, owned by the unit): the unit's lead and
// case officers only.
func (r rule) appointTask(ctx context.Context, before, after *fhir.Resource) error {
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	for _, res := range []*fhir.Resource{before, after} {
		if res == nil {
			continue
		}
		owner := kernel.IDOfType(kernel.PathString(res.Object(), "owner", "reference"), "Organization")
		if !(p.Has(access.UnitLead) || p.Has(access.CaseOfficer)) || owner == "" || !slices.Contains(p.Units, owner) {
			return kernel.Text{NB: "Bare koordinerende enhet håndterer oppnevningsoppgaven.",
				EN: "Only the coordinating unit handles the appointment task."}.Err(apperr.Forbidden)
		}
	}
	return nil
}
