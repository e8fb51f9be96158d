package coordination

import (
	"context"
	"encoding/json"
	"fmt"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Helpers over records.Service: reads that parse, searches that return every match, and
// transactions that write only what changed.

func ref(typ, id string) string { return typ + "/" + id }

// get reads typ/id; NotFound when missing or deleted.
func (s *Service) get(ctx context.Context, typ, id string) (*fhir.Resource, store.Record, error) {
	rec, err := s.svc.Read(ctx, typ, id)
	if apperr.Is(err, apperr.Gone) {
		return nil, rec, apperr.New(apperr.NotFound, "%s/%s is not known", typ, id)
	}
	if err != nil {
		return nil, rec, err
	}
	r := records.Parsed(rec)
	if r == nil {
		return nil, rec, apperr.New(apperr.Internal, "%s/%s does not parse", typ, id)
	}
	return r, rec, nil
}

// put is one write of a transaction: the resource, and the version it must replace (0: none
// required).
type put struct {
	res     *fhir.Resource
	ifMatch int64
}

// commit writes the resources in one FHIR transaction (all or nothing), skipping those whose
// content is unchanged, with every write logged. It returns the written records by Type/id.
func (s *Service) commit(ctx context.Context, puts ...put) (map[string]store.Record, error) {
	var entries []any
	for _, p := range puts {
		changed, err := s.changed(ctx, p.res)
		if err != nil {
			return nil, err
		}
		if !changed {
			continue
		}
		req := map[string]any{"method": "PUT", "url": p.res.Type() + "/" + p.res.ID()}
		if p.ifMatch > 0 {
			req["ifMatch"] = records.ETag(p.ifMatch)
		}
		entries = append(entries, map[string]any{"resource": json.RawMessage(p.res.Bytes()), "request": req})
	}
	out := map[string]store.Record{}
	if len(entries) == 0 {
		return out, nil
	}
	b, err := json.Marshal(map[string]any{"resourceType": "Bundle", "type": "transaction", "entry": entries})
	if err != nil {
		return nil, fmt.Errorf("building a transaction: %w", err)
	}
	bundle, err := fhir.Parse(b)
	if err != nil {
		return nil, fmt.Errorf("building a transaction: %w", err)
	}
	res, err := s.svc.Bundle(s.writeCtx(ctx), bundle)
	if err != nil {
		return nil, err
	}
	for _, e := range res.Entries {
		if e.Err != nil {
			return nil, e.Err
		}
		out[e.Record.Type+"/"+e.Record.ID] = e.Record
	}
	return out, nil
}

// changed reports whether r differs from the stored current version (meta aside).
func (s *Service) changed(ctx context.Context, r *fhir.Resource) (bool, error) {
	rec, err := s.svc.Read(ctx, r.Type(), r.ID())
	if apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Gone) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	cur := records.Parsed(rec)
	if cur == nil {
		return true, nil
	}
	a, b := cur.Clone(), r.Clone()
	a.Object().Delete("meta")
	b.Object().Delete("meta")
	return string(a.Bytes()) != string(b.Bytes()), nil
}

// refObj is a FHIR Reference object.
func refObj(reference, display string) *fhir.Object {
	o := fhir.NewObject()
	o.Set("reference", reference)
	if display != "" {
		o.Set("display", display)
	}
	return o
}
