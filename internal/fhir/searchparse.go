package fhir

import (
	"net/url"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// ParseSearch turns a search request's parameters into a query of typ.
func ParseSearch(typ string, params url.Values) (search.Query, error) {
	if !KnownType(typ) {
		return search.Query{}, apperr.New(apperr.Invalid, "unknown resource type %q", typ)
	}
	q := search.Query{Type: typ}
	for k := range params {
		return q, apperr.New(apperr.Invalid, "the search parameter %q is not supported", k)
	}
	return q, nil
}
