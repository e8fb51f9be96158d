package intake

import (
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// AppointTaskToFHIR is the unit's Task (status "requested" while open) to appoint a
// coordinator for the citizen of the assessed inquiry q; unit is the owner's reference. The
// inputs carry the kind of coordinator and the citizen's proposal ("-" when none).
func AppointTaskToFHIR(id, status, unit string, q Inquiry, a Assessment) *fhir.Resource {
	proposal := q.ProposedCoordinator
	if proposal == "" {
		proposal = "-"
	}
	return kernel.NewResource("Task", id, "status", status, "intent", "order",
		"code", kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSTaskKind, coordinators.TaskAppointCoordinator)), "text", "Oppnevne koordinator"),
		"focus", kernel.Reference("ServiceRequest/"+q.ID),
		"for", kernel.Reference(q.Subject),
		"authoredOn", kernel.DateTime(a.AssessedAt.UTC()),
		"owner", kernel.Reference(unit),
		"input", []any{
			kernel.ObjectOf("type", kernel.TextConcept("coordinator-kind"), "valueString", string(a.CoordinatorKind.OrOrdinary())),
			kernel.ObjectOf("type", kernel.TextConcept("proposal"), "valueString", proposal),
		})
}
