package kernel

import "veiviser/internal/fhir"

// A record is the coordinating unit's when the element that says what kind it is carries one of
// Veiviser's code systems, whatever the code (docs/fhir.md, "Which records are the coordinating
// unit's"); these read that element as a CodeableConcept or a list of them.

// HasCoding reports whether the CodeableConcept (or list of them) at key has a coding in system.
func HasCoding(o *fhir.Object, key, system string) bool {
	for _, c := range conceptsAt(o, key) {
		for _, cd := range Objects(c, "coding") {
			if sys, _ := cd.String("system"); sys == system {
				return true
			}
		}
	}
	return false
}

// CodeAt is the code of the first coding in system of the CodeableConcept (or list of them) at
// key; "" when there is none.
func CodeAt(o *fhir.Object, key, system string) string {
	for _, c := range conceptsAt(o, key) {
		for _, cd := range Objects(c, "coding") {
			if sys, _ := cd.String("system"); sys == system {
				code, _ := cd.String("code")
				return code
			}
		}
	}
	return ""
}

func conceptsAt(o *fhir.Object, key string) []*fhir.Object {
	if o == nil {
		return nil
	}
	var cs []*fhir.Object
	if c, ok := o.Object(key); ok {
		cs = append(cs, c)
	}
	return append(cs, Objects(o, key)...)
}

// TaskKind is the Task's code in the unit's task-kind code system ("" for another workflow's
// Task, whatever its codes in other systems are).
func TaskKind(t *fhir.Resource) string {
	if t == nil {
		return ""
	}
	return CodeAt(t.Object(), "code", CSTaskKind)
}
