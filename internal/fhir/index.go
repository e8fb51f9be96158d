package fhir

import "veiviser/internal/search"

// Index returns the index entries of r for every supported search parameter of its type.
func Index(r *Resource) []search.Entry { return nil }

// SearchParams returns the supported search parameters of typ.
func SearchParams(typ string) []SearchParam { return nil }
