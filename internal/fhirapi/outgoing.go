package fhirapi

import (
	"net/http"

	"veiviser/internal/access"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// outgoing decides, for one answer, what may leave the server beside what was asked for by
// name (the records an _include follows, the entries of a batch): the same checks as a direct
// read of each, so no door returns what a read would refuse. Need-to-know per record, with the
// access log's narrower audience for AuditEvents (reachFor), and for a system client its
// scope's read permission for the record's type.
type outgoing struct {
	a     *api
	r     *http.Request
	p     *access.Principal
	reach map[bool]access.Reach // by "is an AuditEvent", computed when first needed
}

func (a *api) outgoing(r *http.Request) *outgoing {
	p, _ := access.FromContext(r.Context())
	return &outgoing{a: a, r: r, p: p, reach: map[bool]access.Reach{}}
}

// allows reports whether rec may be in the answer.
func (o *outgoing) allows(rec store.Record) (bool, error) {
	if o.p == nil {
		return false, nil
	}
	if o.p.IsSystem() {
		return access.ScopesAllow(o.p.Scopes, access.Read, rec.Type), nil
	}
	log := rec.Type == "AuditEvent"
	rc, ok := o.reach[log]
	if !ok {
		var err error
		if rc, err = o.a.reachFor(o.r.Context(), rec.Type); err != nil {
			return false, err
		}
		o.reach[log] = rc
	}
	return sees(rc, rec), nil
}

// filter keeps the records of recs that may be in the answer.
func (o *outgoing) filter(recs []store.Record) ([]store.Record, error) {
	kept := recs[:0:0]
	for _, rec := range recs {
		ok, err := o.allows(rec)
		if err != nil {
			return nil, err
		}
		if ok {
			kept = append(kept, rec)
		}
	}
	return kept, nil
}

// filterBundle applies outgoing to what a batch or transaction answers beside the records its
// entries name (their types passed checkBundleScopes): the records a search entry included, and
// the existing record a conditional create matched.
func (a *api) filterBundle(r *http.Request, res *records.BundleResult) error {
	o := a.outgoing(r)
	for i := range res.Entries {
		e := &res.Entries[i]
		if e.Search != nil {
			inc, err := o.filter(e.Search.Page.Included)
			if err != nil {
				return err
			}
			e.Search.Page.Included = inc
		}
		if e.Record.Body != nil {
			ok, err := o.allows(e.Record)
			if err != nil {
				return err
			}
			if !ok {
				e.Record.Body = nil
			}
		}
	}
	return nil
}

// viewer returns the function that gives each record as the caller may see it (Options.View);
// a system client, and every caller without a View, gets records whole.
func (a *api) viewer(r *http.Request) func(store.Record) (store.Record, bool, error) {
	p := principalOf(r)
	if a.view == nil || p == nil || p.IsSystem() {
		return func(rec store.Record) (store.Record, bool, error) { return rec, false, nil }
	}
	return a.view(r.Context(), p)
}

// viewAll replaces each of recs by the caller's view of it.
func viewAll(view func(store.Record) (store.Record, bool, error), recs []store.Record) error {
	for i := range recs {
		v, _, err := view(recs[i])
		if err != nil {
			return err
		}
		recs[i] = v
	}
	return nil
}
