package allocation

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// TaskCase is the CSTaskKind code of the Task that keeps an application's case: who in the
// office handles it.
const TaskCase = "allocation-case"

// Assignment is which officer handles an application.
type Assignment struct {
	Reference string // the application's
	Subject   string // Patient/...
	Officer   string // Practitioner/...
	Office    string // Organization id
	Services  []string
	Since     string // when it was assigned, as FHIR dateTime
}

// CaseID is the id of an application's case Task: one per application.
func CaseID(reference string) string { return "case-" + reference }

// AssignmentToFHIR is the case as an in-progress Task: owner the officer, requester the office,
// for the citizen, based on the application's ServiceRequests, the reference number as its
// groupIdentifier.
func AssignmentToFHIR(a Assignment) *fhir.Resource {
	var based []any
	for _, id := range a.Services {
		based = append(based, kernel.Reference("ServiceRequest/"+id))
	}
	var focus any
	if len(a.Services) > 0 {
		focus = kernel.Reference("ServiceRequest/" + a.Services[0])
	}
	return kernel.NewResource("Task", CaseID(a.Reference),
		"groupIdentifier", kernel.ObjectOf("system", kernel.SystemApplicationReference, "value", a.Reference),
		"status", "in-progress",
		"intent", "order",
		"code", kernel.Concept(kernel.CSTaskKind, TaskCase),
		"basedOn", kernel.List(based...),
		"focus", focus,
		"for", kernel.Reference(a.Subject),
		"lastModified", a.Since,
		"requester", kernel.Reference(kernel.Ref("Organization", a.Office)),
		"owner", kernel.Reference(a.Officer),
	)
}

// AssignmentFromFHIR reads the case back.
func AssignmentFromFHIR(r *fhir.Resource) Assignment {
	o := r.Object()
	a := Assignment{
		Reference: kernel.PathString(o, "groupIdentifier", "value"),
		Subject:   kernel.PathString(o, "for", "reference"),
		Officer:   kernel.PathString(o, "owner", "reference"),
		Office:    kernel.IDOf(kernel.PathString(o, "requester", "reference")),
		Since:     kernel.PathString(o, "lastModified"),
	}
	for _, ref := range kernel.RefsOf(o, "basedOn") {
		a.Services = append(a.Services, kernel.IDOf(ref))
	}
	return a
}
