package fhirapi

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Need-to-know and the access log on the API: every handler asks access.Reach (computed from the
// records on each request, so a withdrawn consent counts at once). A record outside it answers
// exactly as a missing one; searches are narrowed before they run. Each access to a citizen's
// data is logged before the answer goes out: reads through the group-committing log, writes in
// their own transaction.

// ReasonHeader carries the caller's purpose of use, logged with the access.
const ReasonHeader = "X-Purpose-Of-Use"

func (a *api) reach(ctx context.Context) (access.Reach, error) {
	p, ok := access.FromContext(ctx)
	if !ok {
		return access.Reach{}, apperr.New(apperr.Unauthorized, "a bearer token or a session is required")
	}
	return a.decider.Reach(ctx, p)
}

// principalOf is the request's principal: signedIn let no request in without one.
func principalOf(r *http.Request) *access.Principal {
	p, _ := access.FromContext(r.Context())
	return p
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
	ids, personal, ok := access.RecordCitizens(rec)
	return ok && rc.SeesCitizens(ids, personal)
}

// event starts the log entry of the request.
func event(r *http.Request, interaction, action, outcome string) accesslog.Event {
	p, _ := access.FromContext(r.Context())
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return accesslog.Event{Interaction: interaction, Action: action, Outcome: outcome, Principal: p,
		Address: host, Reason: r.Header.Get(ReasonHeader)}
}

// logRecords logs an access to recs: one entry per citizen they are about (accesslog.PerCitizen).
func (a *api) logRecords(r *http.Request, e accesslog.Event, recs ...store.Record) error {
	return a.record(r, accesslog.PerCitizen(e, accesslog.TouchedOf(recs...)))
}

// logRefused logs a refused access to recs: those inside the caller's reach as access.Refused,
// the others as access.RefusedHidden, so no refusal tells the caller whose a hidden record is.
func (a *api) logRefused(r *http.Request, rc access.Reach, e accesslog.Event, recs ...store.Record) error {
	var inside, hidden []store.Record
	for _, rec := range recs {
		if sees(rc, rec) {
			inside = append(inside, rec)
		} else {
			hidden = append(hidden, rec)
		}
	}
	entries := accesslog.Refused(e, accesslog.TouchedOf(inside...))
	return a.record(r, append(entries, accesslog.RefusedHidden(e, accesslog.TouchedOf(hidden...))...))
}

func (a *api) record(r *http.Request, entries []accesslog.Event) error {
	if len(entries) == 0 {
		return nil
	}
	now := a.svc.Now()
	for i := range entries {
		entries[i].When = now
	}
	if err := a.audit.RecordAll(r.Context(), entries); err != nil {
		return accesslog.Unwritten(err)
	}
	return nil
}

// guardRead fetches with get, hides what the caller may not see, and logs the access. A hidden
// record answers notFound, the error the store gives when there is no such record.
func (a *api) guardRead(r *http.Request, interaction, typ, id string, notFound error, get func() (store.Record, error)) (store.Record, error) {
	rc, err := a.reachFor(r.Context(), typ)
	if err != nil {
		return store.Record{}, err
	}
	if !rc.All && !access.Personal(typ) && !rc.Staff {
		return store.Record{}, notFound // decided before the record is fetched
	}
	rec, err := get()
	if err != nil && !apperr.Is(err, apperr.Gone) {
		return rec, err
	}
	if !sees(rc, rec) {
		if lerr := a.logRefused(r, rc, event(r, interaction, "R", ""), rec); lerr != nil {
			return store.Record{}, lerr
		}
		return store.Record{}, notFound
	}
	if lerr := a.logRecords(r, event(r, interaction, "R", accesslog.OutcomeSuccess), rec); lerr != nil {
		return store.Record{}, lerr
	}
	if rec.Body != nil {
		var verr error
		if rec, _, verr = a.viewer(r)(rec); verr != nil {
			return store.Record{}, verr
		}
	}
	return rec, err
}

// guardSearch runs a search narrowed to the caller's reach, drops the included records a read
// of each would refuse (outgoing), and logs which citizens' records the answer holds.
func (a *api) guardSearch(r *http.Request, typ string, params url.Values) (records.SearchResult, error) {
	rc, err := a.reachFor(r.Context(), typ)
	if err != nil {
		return records.SearchResult{}, err
	}
	res, err := a.svc.SearchNarrowed(r.Context(), typ, params, func(q *search.Query) { rc.Narrow(q) })
	if err != nil {
		return res, err
	}
	if res.Page.Included, err = a.outgoing(r).filter(res.Page.Included); err != nil {
		return records.SearchResult{}, err
	}
	all := append(append([]store.Record(nil), res.Page.Records...), res.Page.Included...)
	if err := a.logRecords(r, event(r, "search-type", "E", accesslog.OutcomeSuccess), all...); err != nil {
		return records.SearchResult{}, err
	}
	view := a.viewer(r)
	if err := viewAll(view, res.Page.Records); err != nil {
		return records.SearchResult{}, err
	}
	if err := viewAll(view, res.Page.Included); err != nil {
		return records.SearchResult{}, err
	}
	return res, nil
}

// logBundleReads logs what the GET entries of a batch or transaction returned (its writes
// logged themselves).
func (a *api) logBundleReads(r *http.Request, b *fhir.Resource, res records.BundleResult) error {
	raw, _ := b.Object().Array("entry")
	var recs []store.Record
	for i, er := range res.Entries {
		if i >= len(raw) || er.Err != nil || bundleMethod(raw[i]) != http.MethodGet {
			continue
		}
		if er.Search != nil {
			recs = append(append(recs, er.Search.Page.Records...), er.Search.Page.Included...)
		}
		if er.History != nil {
			recs = append(recs, er.History.Records...)
		}
		if er.Record.Body != nil {
			recs = append(recs, er.Record)
		}
	}
	return a.logRecords(r, event(r, "batch", "R", accesslog.OutcomeSuccess), recs...)
}

func bundleMethod(v any) string {
	e, _ := v.(*fhir.Object)
	if e == nil {
		return ""
	}
	req, _ := e.Object("request")
	if req == nil {
		return ""
	}
	m, _ := req.String("method")
	return m
}

// personsOnly refuses to people what is not yet narrowed per citizen (type and system history,
// batch and transaction bundles); systems are limited by their scope alone.
func personsOnly(r *http.Request, what string) error {
	if p, ok := access.FromContext(r.Context()); ok && !p.IsSystem() {
		return apperr.New(apperr.Forbidden, "%s is open to API clients only", what)
	}
	return nil
}

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
