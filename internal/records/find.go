package records

import (
	"context"
	"net/url"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// Find returns every current resource of typ matching the search parameters (name, value pairs,
// as a client would send them), read through rd: the store, or a write's transaction as a rule
// sees it. Every page is read (store.SearchAll); a record that does not parse is left out.
func Find(ctx context.Context, rd store.Reader, typ string, kv ...string) ([]*fhir.Resource, error) {
	params := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		params.Add(kv[i], kv[i+1])
	}
	q, err := fhir.ParseSearch(typ, params)
	if err != nil {
		return nil, err
	}
	recs, err := store.SearchAll(ctx, rd, q)
	if err != nil {
		return nil, err
	}
	out := make([]*fhir.Resource, 0, len(recs))
	for _, rec := range recs {
		if r := Parsed(rec); r != nil {
			out = append(out, r)
		}
	}
	return out, nil
}

// Parsed is a stored version as a resource; nil for a deletion or a body that does not parse.
func Parsed(rec store.Record) *fhir.Resource {
	if rec.Deleted || rec.Body == nil {
		return nil
	}
	r, err := fhir.Parse(rec.Body)
	if err != nil {
		return nil
	}
	return r
}
