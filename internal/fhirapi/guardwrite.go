package fhirapi

import (
	"context"
	"net/http"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// guardWrite checks a create, update or delete and returns the context the write runs in, which
// logs it in the write's transaction and narrows a conditional create's search to the caller's
// reach. For a person, every answer about a record they may not see is the answer about one
// that does not exist, and so tells nothing:
//   - an update needs a current record the person sees: a hidden one answers NotFound, as a
//     missing one does, for a person's update creates only a part of a record they see
//     (partOfSeen); update-as-create of any other id is for system clients, which choose their
//     ids and see every record;
//   - a delete of a hidden or a missing record deletes nothing and answers 204 (delete);
//   - the new content must be about citizens in reach;
//   - only then is the person's role asked (the write policy, writepolicy.go), so its answer
//     too is given only about records the person sees.
func (a *api) guardWrite(r *http.Request, interaction, typ, id string, res *fhir.Resource) (context.Context, error) {
	action := map[string]string{"create": "C", "update": "U", "delete": "D"}[interaction]
	ctx := a.auditWrites(r)
	rc, err := a.reachFor(r.Context(), typ)
	if err != nil || rc.All {
		return ctx, err
	}
	ctx = records.WithNarrowing(ctx, func(q *search.Query) { rc.Narrow(q) })
	var cur store.Record
	if id != "" {
		cur, err = a.svc.Read(r.Context(), typ, id)
		exists := err == nil
		switch {
		case !exists && !apperr.Is(err, apperr.NotFound) && !apperr.Is(err, apperr.Gone) && !apperr.Is(err, apperr.Invalid):
			return ctx, err // the store failed; a malformed id is the write's to refuse
		case exists && !sees(rc, cur):
			if lerr := a.logRefused(r, rc, event(r, interaction, action, ""), cur); lerr != nil {
				return ctx, lerr
			}
			return ctx, notKnown(typ, id)
		case !exists && interaction == "delete":
			return ctx, notKnown(typ, id)
		case !exists && interaction == "update" && fhir.ValidID(id):
			ok, err := a.partOfSeen(r.Context(), rc, id)
			if err != nil {
				return ctx, err
			}
			if !ok {
				return ctx, notKnown(typ, id)
			}
		}
	}
	if res != nil && !rc.Sees(res) {
		rec := store.Record{Type: res.Type(), ID: res.ID(), Body: res.Bytes()}
		if lerr := a.logRefused(r, rc, event(r, interaction, action, ""), rec); lerr != nil {
			return ctx, lerr
		}
		return ctx, apperr.New(apperr.Forbidden, "you may not write records about this citizen")
	}
	return ctx, a.checkWritePolicy(r, rc, interaction, typ, res, cur)
}

// auditWrites returns the request's context with every write in it logged in its own
// transaction (accesslog.WriteAudit): single interactions and bundle entries alike.
func (a *api) auditWrites(r *http.Request) context.Context {
	return records.WithWriteAudit(r.Context(), accesslog.WriteAudit(event(r, "", "", ""), a.svc.Now))
}

// partOfSeen reports whether id names a part of a plan the caller sees: the CarePlan's id,
// a dash and more (a plan's goal is <plan id>-<goal>, its team <plan id>-team). That is the one
// kind of record a person creates by PUT, with the id its whole names. A part of a record is
// about the record's citizen (the plan's rules keep it so), so a hidden record never has such an
// id, and a person's PUT to an unknown id answers exactly as one to a hidden id: NotFound.
func (a *api) partOfSeen(ctx context.Context, rc access.Reach, id string) (bool, error) {
	for i := strings.LastIndex(id, "-"); i > 0; i = strings.LastIndex(id[:i], "-") {
		rec, err := a.svc.Read(ctx, "CarePlan", id[:i])
		switch {
		case err == nil:
			return sees(rc, rec), nil
		case !apperr.Is(err, apperr.NotFound) && !apperr.Is(err, apperr.Gone) && !apperr.Is(err, apperr.Invalid):
			return false, err
		}
	}
	return false, nil
}
