// Package kernel is what every area of the work shares and what knows no area: the bilingual
// text type (Text, and the Unprocessable and Forbidden errors made from one), dates and
// periods (Period, Deadline), the roles a participant has in the work on a plan (Role), the
// limits on stored texts (Field, CheckTexts), the helpers that build and read FHIR JSON
// (fhirbuild.go, fhirread.go) and Veiviser's own code systems and extensions
// (codesystems.go).
//
// An area (intake, consent, plan, ...) imports the kernel; the kernel imports no area. A
// later issue replaces the bilingual texts by catalogs in three languages: Text is kept small
// and in one place for that.
//
// References to people and records are FHIR references as strings ("Patient/p1",
// "Practitioner/k2", "Organization/hjemmesykepleien"). Local codes are in Veiviser's own code
// systems, all under CodeSystemBase (https://veiviser.no/fhir/CodeSystem/); local extensions
// are under ExtensionBase (https://veiviser.no/fhir/StructureDefinition/).
package kernel
