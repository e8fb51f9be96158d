package fhirapi

import (
	"context"
	"net/http"
	"net/url"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Need-to-know on the API: every handler asks access.Reach (computed from the records on each
// request, so a withdrawn consent counts at once). A record outside it answers exactly as a
// missing one; searches are narrowed before they run.

func (a *api) reach(ctx context.Context) (access.Reach, error) {
	p, ok := access.FromContext(ctx)
	if !ok {
		return access.Reach{}, apperr.New(apperr.Unauthorized, "a bearer token or a session is required")
	}
	return a.decider.Reach(ctx, p)
}

// notKnown is the answer for a record that does not exist, word for word as the store gives it.
func notKnown(typ, id string) error {
	return apperr.New(apperr.NotFound, "%s/%s is not known", typ, id)
}

// sees reports whether the caller may see rec; a deletion (no body) only a system may see.
func sees(rc access.Reach, rec store.Record) bool {
	if rc.All {
		return true
	}
	if rec.Deleted || rec.Body == nil {
		return false
	}
	res, err := fhir.Parse(rec.Body)
	return err == nil && rc.Sees(res)
}

// guardRead fetches with get and hides what the caller may not see.
func (a *api) guardRead(ctx context.Context, typ, id string, get func() (store.Record, error)) (store.Record, error) {
	rc, err := a.reach(ctx)
	if err != nil {
		return store.Record{}, err
	}
	if !rc.All && !access.Personal(typ) && !rc.Staff {
		return store.Record{}, notKnown(typ, id) // decided before the record is fetched
	}
	rec, err := get()
	if err != nil && !apperr.Is(err, apperr.Gone) {
		return rec, err
	}
	if !sees(rc, rec) {
		return store.Record{}, notKnown(typ, id)
	}
	return rec, err
}

// guardWrite checks a create or update: the current record (if any) must be visible, else the
// answer is that of a missing one, and the new content must be about citizens in reach.
func (a *api) guardWrite(ctx context.Context, typ, id string, res *fhir.Resource) error {
	rc, err := a.reach(ctx)
	if err != nil || rc.All {
		return err
	}
	if id != "" {
		if rec, err := a.svc.Read(ctx, typ, id); err == nil && !sees(rc, rec) {
			return notKnown(typ, id)
		}
	}
	if res != nil && !rc.Sees(res) {
		return apperr.New(apperr.Forbidden, "you may not write records about this citizen")
	}
	return nil
}

// guardSearch runs a search narrowed to the caller's reach, and drops included records outside it.
func (a *api) guardSearch(ctx context.Context, typ string, params url.Values) (records.SearchResult, error) {
	rc, err := a.reach(ctx)
	if err != nil {
		return records.SearchResult{}, err
	}
	res, err := a.svc.SearchNarrowed(ctx, typ, params, func(q *search.Query) { rc.Narrow(q) })
	if err != nil || rc.All {
		return res, err
	}
	kept := res.Page.Included[:0:0]
	for _, rec := range res.Page.Included {
		if sees(rc, rec) {
			kept = append(kept, rec)
		}
	}
	res.Page.Included = kept
	return res, nil
}

// personsOnly refuses to people what is not yet narrowed per citizen (type and system history,
// batch and transaction bundles); systems are limited by their scope alone.
func personsOnly(r *http.Request, what string) error {
	if p, ok := access.FromContext(r.Context()); ok && !p.IsSystem() {
		return apperr.New(apperr.Forbidden, "%s is open to API clients only", what)
	}
	return nil
}
