// Package care is the coordinating unit's domain as plain Go: inquiries and need reports, the
// assessment, the coordinator register and appointments, consent, the individual plan with the
// nine elements the regulation asks for (law.md §1.2), responsibility-group meetings and their
// follow-up tasks, the plan log and versions. It holds the rules (no active plan without consent,
// a coordinator offered when a plan is declined, the long-term and coordinated test, withdrawal
// stops sharing at once, who may edit which part of a plan, deadlines) as pure functions of their
// inputs and an injected time, and it maps each object to and from the FHIR R4 resources
// design.md names (fhirmap*.go). It knows nothing of SQL, HTTP or templates: the records layer,
// the UI and the API call it.
//
// References to people and records are FHIR references as strings ("Patient/p1",
// "Practitioner/k2", "Organization/hjemmesykepleien").
//
// Local codes are in Veiviser's own code systems, all under CodeSystemBase
// (https://veiviser.no/fhir/CodeSystem/); local extensions are under ExtensionBase
// (https://veiviser.no/fhir/StructureDefinition/). codesystems.go lists every one.
package care
