package workflow

import (
	"context"
	"encoding/json"
	"fmt"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Helpers over records.Service: reads that parse, searches that return every match, and
// transactions that write only what changed.

// Find returns every current resource of typ matching the search parameters (name, value
// pairs), every page of it (records.Find).
func (b *Base) Find(ctx context.Context, typ string, kv ...string) ([]*fhir.Resource, error) {
	return records.Find(ctx, b.st, typ, kv...)
}

// Get reads typ/id; NotFound when missing or deleted.
func (b *Base) Get(ctx context.Context, typ, id string) (*fhir.Resource, store.Record, error) {
	rec, err := b.svc.Read(ctx, typ, id)
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

// Put is one write of a transaction: the resource, and the version it must replace (0: none
// required).
type Put struct {
	Res     *fhir.Resource
	IfMatch int64
}

// Commit writes the resources in one FHIR transaction (all or nothing), skipping those whose
// content is unchanged, with every write logged. It returns the written records by Type/id.
func (b *Base) Commit(ctx context.Context, puts ...Put) (map[string]store.Record, error) {
	var entries []any
	for _, p := range puts {
		changed, err := b.changed(ctx, p.Res)
		if err != nil {
			return nil, err
		}
		if !changed {
			continue
		}
		req := map[string]any{"method": "PUT", "url": p.Res.Type() + "/" + p.Res.ID()}
		if p.IfMatch > 0 {
			req["ifMatch"] = records.ETag(p.IfMatch)
		}
		entries = append(entries, map[string]any{"resource": json.RawMessage(p.Res.Bytes()), "request": req})
	}
	out := map[string]store.Record{}
	if len(entries) == 0 {
		return out, nil
	}
	body, err := json.Marshal(map[string]any{"resourceType": "Bundle", "type": "transaction", "entry": entries})
	if err != nil {
		return nil, fmt.Errorf("building a transaction: %w", err)
	}
	bundle, err := fhir.Parse(body)
	if err != nil {
		return nil, fmt.Errorf("building a transaction: %w", err)
	}
	res, err := b.svc.Bundle(b.WriteCtx(ctx), bundle)
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
func (b *Base) changed(ctx context.Context, r *fhir.Resource) (bool, error) {
	rec, err := b.svc.Read(ctx, r.Type(), r.ID())
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
	was, now := cur.Clone(), r.Clone()
	was.Object().Delete("meta")
	now.Object().Delete("meta")
	return string(was.Bytes()) != string(now.Bytes()), nil
}

// NextSequence hands out the next number of a named yearly sequence. The counter is a Task
// (code sequence, status draft, about nobody, so only systems see it over the API) whose version number is the sequence: each number is one update, and the store lets
// only one of two concurrent writers of the same version win (the other gets a conflict and
// tries again), on SQLite and PostgreSQL alike.
func (b *Base) NextSequence(ctx context.Context, name string, year int) (int, error) {
	id := fmt.Sprintf("seq-%s-%d", name, year)
	var err error
	for attempt := 0; attempt < 50; attempt++ {
		r := SequenceTask(id, name)
		rec, _, uerr := b.svc.Update(ctx, "Task", id, r, "")
		if uerr == nil {
			return int(rec.VersionID), nil
		}
		if err = uerr; !apperr.Is(err, apperr.Conflict) && !apperr.Is(err, apperr.PreconditionFailed) {
			return 0, fmt.Errorf("sequence %s: %w", id, err)
		}
	}
	return 0, fmt.Errorf("sequence %s is too busy: %w", id, err)
}

// SequenceTask is the counter of the named yearly sequence: a draft Task about nobody
// whose version number is the sequence (Base.NextSequence hands out its numbers).
func SequenceTask(id, name string) *fhir.Resource {
	return kernel.NewResource("Task", id, "status", "draft", "intent", "proposal",
		"code", kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSTaskKind, "sequence")), "text", "sequence "+name))
}
