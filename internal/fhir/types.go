package fhir

import (
	"slices"

	"veiviser/internal/search"
)

// heldTypes are the resource types Veiviser stores, in a stable order.
var heldTypes = []string{
	"Patient", "RelatedPerson", "Practitioner", "PractitionerRole", "Organization", "CareTeam",
	"CarePlan", "Goal", "Consent", "ServiceRequest", "Task", "EpisodeOfCare", "Encounter",
	"Appointment", "Communication", "DocumentReference", "AuditEvent",
}

// KnownType reports whether t is a resource type Veiviser holds.
func KnownType(t string) bool { return slices.Contains(heldTypes, t) }

// ResourceTypes returns the resource types Veiviser holds. The caller may change the slice.
func ResourceTypes() []string { return slices.Clone(heldTypes) }

// ValidID reports whether id is a valid FHIR logical id: [A-Za-z0-9\-\.]{1,64}.
func ValidID(id string) bool {
	if len(id) == 0 || len(id) > 64 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// SearchParam is one search parameter Veiviser supports for a resource type.
type SearchParam struct {
	Code          string
	Kind          search.Kind
	Expression    string   // the R4 FHIRPath expression, restricted to this type
	Targets       []string // reference parameters: the target types
	Documentation string
}
