package coordinators

import (
	"context"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Reads of the register and the appointments that the rules of several areas make inside a
// write's transaction (through rd, so they see what the transaction wrote before).

// IsAppointment reports whether res is a coordinator appointment: an EpisodeOfCare whose type
// is a coordinator kind, not another service's episode.
func IsAppointment(res *fhir.Resource) bool {
	return res != nil && kernel.HasCoding(res.Object(), "type", kernel.CSCoordinatorKind)
}

// RunningAppointments are the citizen's active coordinator appointments (EpisodeOfCare) with
// practitioner as the coordinator; another service's episode managed by them does not count.
func RunningAppointments(ctx context.Context, rd store.Reader, patient, practitioner string) ([]*fhir.Resource, error) {
	eps, err := records.Find(ctx, rd, "EpisodeOfCare", "patient", patient, "care-manager", practitioner, "status", "active")
	if err != nil {
		return nil, err
	}
	var out []*fhir.Resource
	for _, e := range eps {
		if IsAppointment(e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// RegisterIn is the coordinator register as rd sees it (Service.Register's reads).
func RegisterIn(ctx context.Context, rd store.Reader) ([]Coordinator, error) {
	roles, err := records.Find(ctx, rd, "PractitionerRole", "role", kernel.CSParticipantRole+"|"+string(kernel.RoleCoordinator))
	if err != nil {
		return nil, err
	}
	var out []Coordinator
	for _, role := range roles {
		rec, err := rd.Get(ctx, "Practitioner", kernel.IDOf(kernel.PathString(role.Object(), "practitioner", "reference")))
		if err != nil {
			continue
		}
		prac := records.Parsed(rec)
		if prac == nil {
			continue
		}
		c, err := CoordinatorFromFHIR(prac, role)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
