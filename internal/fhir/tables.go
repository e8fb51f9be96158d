package fhir

//go:generate go run ./gen -defs ../../../shared/fhir-r4

// element is one JSON member of a type or backbone element, from the R4 snapshot.
type element struct {
	Name     string   // JSON member name; for a choice, the expanded name (valueString)
	Choice   string   // the choice's base name ("value") when the element is one type of a choice
	Min, Max int      // cardinality; Max -1 means unbounded
	Type     string   // FHIR type code
	Children string   // key in elementTables of the element's members ("" for primitives)
	Targets  []string // Reference and canonical: the permitted target types (empty: any)
	Codes    string   // required binding: key in valueSetCodes
}

// searchParamDef is one R4 search parameter of one type, as generated.
type searchParamDef struct {
	Code, Kind, Expression, Doc string
	Targets                     []string // empty when any type
}

// lookupElement finds the element named name among the members of key.
func lookupElement(key, name string) (*element, bool) {
	if key == "Element" { // the members of a primitive's _name object: id and extension
		if name != "id" && name != "extension" {
			return nil, false
		}
		key = "Extension"
	}
	els := elementTables[key]
	for i := range els {
		if els[i].Name == name {
			return &els[i], true
		}
	}
	return nil, false
}
