package kernel

import (
	"slices"

	"veiviser/internal/fhir"
)

// Ref is the reference "typ/id".
func Ref(typ, id string) string { return typ + "/" + id }

// IDOfType is the id of a "Type/id" reference of the given type; "" for any other.
func IDOfType(reference, typ string) string {
	if len(reference) > len(typ)+1 && reference[:len(typ)+1] == typ+"/" {
		return reference[len(typ)+1:]
	}
	return ""
}

// TypeOfRef is the type of a "Type/id" reference; "" when it has no type (unlike TypeOf, which
// gives a bare id back).
func TypeOfRef(reference string) string {
	for i := range len(reference) {
		if reference[i] == '/' {
			return reference[:i]
		}
	}
	return ""
}

// RefObject is a FHIR Reference object, with display when it is not "".
func RefObject(reference, display string) *fhir.Object {
	o := fhir.NewObject()
	o.Set("reference", reference)
	if display != "" {
		o.Set("display", display)
	}
	return o
}

// OrganizationIDs are the Organization ids of a reference element of res (or list of them).
func OrganizationIDs(res *fhir.Resource, key string) []string {
	o := res.Object()
	var out []string
	if one, ok := o.Object(key); ok {
		out = append(out, IDOfType(PathString(one, "reference"), "Organization"))
	}
	for _, x := range Objects(o, key) {
		out = append(out, IDOfType(PathString(x, "reference"), "Organization"))
	}
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// AppendNew is refs with ref added when it is not there yet: a list of the citizens (or records)
// a page names, each once.
func AppendNew(refs []string, ref string) []string {
	if slices.Contains(refs, ref) {
		return refs
	}
	return append(refs, ref)
}
