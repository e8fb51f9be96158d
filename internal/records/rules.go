package records

import (
	"context"
	"fmt"

	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// Rule is a domain rule over writes (internal/coordination implements the coordinating unit's).
// The Service calls every registered Rule inside the write's transaction, whichever door the
// write came in by (the API, a batch or transaction entry, the UI's services), so no client can
// bypass it. ctx carries who writes (access.Principal), as the caller put it there.
type Rule interface {
	// CheckWrite sees the current version (nil when the resource is new or deleted) and the new
	// one (nil for a delete), and reads the transaction's state through rd. An error refuses the
	// write and the whole transaction. It may return further resources to write in the same
	// transaction as consequences of this one (e.g. a withdrawn consent puts a plan on hold);
	// those are written as the next version of each, logged, and not checked by the rules again.
	CheckWrite(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error)
}

type consequenceKey struct{}

// checkRules runs the rules on a write of a typ in tx; cur is its current version as the caller
// read it (the zero Record for a new resource), after is nil for a delete. cur's body is parsed
// once for all the rules.
func (s *Service) checkRules(ctx context.Context, tx store.Tx, typ string, cur store.Record, after *fhir.Resource) ([]*fhir.Resource, error) {
	if len(s.rules) == 0 || typ == "AuditEvent" || ctx.Value(consequenceKey{}) != nil {
		return nil, nil
	}
	var before *fhir.Resource
	if !cur.Deleted && cur.Body != nil {
		if r, err := fhir.Parse(cur.Body); err == nil {
			before = r
		}
	}
	var out []*fhir.Resource
	for _, rule := range s.rules {
		more, err := rule.CheckWrite(ctx, tx, before, after)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

// writeConsequences writes what the rules returned, each as its next version, logged.
func (s *Service) writeConsequences(ctx context.Context, tx store.Tx, rs []*fhir.Resource) error {
	ctx = context.WithValue(ctx, consequenceKey{}, true)
	for _, r := range rs {
		before, err := currentOf(ctx, tx, r.Type(), r.ID())
		if err != nil {
			return err
		}
		rec, err := s.write(ctx, tx, r, before.VersionID+1, s.Now(), true, before)
		if err != nil {
			return fmt.Errorf("writing %s/%s as a consequence: %w", r.Type(), r.ID(), err)
		}
		if err := s.auditWrite(ctx, tx, rec, before); err != nil {
			return err
		}
	}
	return nil
}
