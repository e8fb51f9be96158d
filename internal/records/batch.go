package records

import (
	"context"
	"net/http"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
)

// Bundle processes a batch or transaction Bundle. A batch answers each entry on its own (an
// entry's failure is in its EntryResult); a transaction is all or nothing, so any failure is the
// returned error, naming the entry, and nothing is written.
func (s *Service) Bundle(ctx context.Context, b *fhir.Resource) (res BundleResult, err error) {
	defer apperr.Wrap(&err, "records.Bundle")
	typ, entries, err := parseBundle(b)
	if err != nil {
		return res, err
	}
	if typ == "transaction" {
		return s.transaction(ctx, entries)
	}
	res = BundleResult{Type: "batch-response", Entries: make([]EntryResult, len(entries))}
	for i, e := range entries {
		res.Entries[i] = s.batchEntry(ctx, e)
	}
	return res, nil
}

// batchEntry runs one batch entry through the public methods, each in its own store transaction.
// Batch entries may not refer to each other, so an urn:uuid reference is left to fail the check.
func (s *Service) batchEntry(ctx context.Context, e entry) EntryResult {
	r, err := s.runBatchEntry(ctx, e)
	if err != nil {
		if ctx.Err() != nil {
			err = ctx.Err()
		}
		return EntryResult{Status: apperr.HTTPStatus(apperr.CodeOf(err)), Err: err}
	}
	return r
}

func (s *Service) runBatchEntry(ctx context.Context, e entry) (EntryResult, error) {
	if e.err != nil {
		return EntryResult{}, e.err
	}
	t := e.target
	switch e.method {
	case "POST":
		rec, created, err := s.Create(ctx, e.resource, e.ifNoneExist)
		return EntryResult{Status: createdStatus(created), Record: rec}, err
	case "PUT":
		rec, created, err := s.Update(ctx, t.typ, t.id, e.resource, e.ifMatch)
		return EntryResult{Status: createdStatus(created), Record: rec}, err
	case "DELETE":
		rec, _, err := s.Delete(ctx, t.typ, t.id)
		return EntryResult{Status: http.StatusNoContent, Record: rec}, err
	}
	switch {
	case t.history:
		h, err := s.History(ctx, t.typ, t.id, t.query)
		return EntryResult{Status: http.StatusOK, History: &h}, err
	case t.version != 0:
		rec, err := s.VRead(ctx, t.typ, t.id, t.version)
		return EntryResult{Status: http.StatusOK, Record: rec}, err
	case t.id != "":
		rec, err := s.Read(ctx, t.typ, t.id)
		return EntryResult{Status: http.StatusOK, Record: rec}, err
	}
	sr, err := s.Search(ctx, t.typ, t.query)
	return EntryResult{Status: http.StatusOK, Search: &sr}, err
}

func createdStatus(created bool) int {
	if created {
		return http.StatusCreated
	}
	return http.StatusOK
}
