package care

import "veiviser/internal/fhir"

// TaskAppointCoordinator is the CSTaskKind code of the open Task that keeps an assessed case
// on the unit's desk until a coordinator is appointed.
const TaskAppointCoordinator = "appoint-coordinator"

// OrOrdinary is k, or an ordinary coordinator when the assessment named no kind.
func (k CoordinatorKind) OrOrdinary() CoordinatorKind {
	if k == "" {
		return KindOrdinary
	}
	return k
}

// AppointTaskToFHIR is the unit's Task (status "requested" while open) to appoint a
// coordinator for the citizen of the assessed inquiry q; unit is the owner's reference. The
// inputs carry the kind of coordinator and the citizen's proposal ("-" when none).
func AppointTaskToFHIR(id, status, unit string, q Inquiry, a Assessment) *fhir.Resource {
	proposal := q.ProposedCoordinator
	if proposal == "" {
		proposal = "-"
	}
	return resource("Task", id, "status", status, "intent", "order",
		"code", obj("coding", list(coding(CSTaskKind, TaskAppointCoordinator)), "text", "Oppnevne koordinator"),
		"focus", reference("ServiceRequest/"+q.ID),
		"for", reference(q.Subject),
		"authoredOn", dateTime(a.AssessedAt.UTC()),
		"owner", reference(unit),
		"input", []any{
			obj("type", textConcept("coordinator-kind"), "valueString", string(a.CoordinatorKind.OrOrdinary())),
			obj("type", textConcept("proposal"), "valueString", proposal),
		})
}

// SequenceTaskToFHIR is the counter of the named yearly sequence: a draft Task about nobody
// whose version number is the sequence (see coordination's nextSequence).
func SequenceTaskToFHIR(id, name string) *fhir.Resource {
	return resource("Task", id, "status", "draft", "intent", "proposal",
		"code", obj("coding", list(coding(CSTaskKind, "sequence")), "text", "sequence "+name))
}
