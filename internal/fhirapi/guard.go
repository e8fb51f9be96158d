package fhirapi

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"time"

	"veiviser/internal/access"
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

// notKnown is the answer for a record that does not exist, word for word as the store gives it.
func notKnown(typ, id string) error {
	return apperr.New(apperr.NotFound, "%s/%s is not known", typ, id)
}

// citizensOf returns the citizens rec is about and whether its type is about citizens; ok is
// false for a deletion or a body that does not parse. A version written by this server keeps
// them beside it (store.Record.Patients), so the hot path parses nothing; an older one is parsed.
func citizensOf(rec store.Record) (ids []string, personal, ok bool) {
	if rec.Deleted || rec.Body == nil {
		return nil, false, false
	}
	if rec.PatientsKnown {
		return rec.Patients, access.Personal(rec.Type), true
	}
	res, err := fhir.Parse(rec.Body)
	if err != nil {
		return nil, false, false
	}
	ids, personal = access.Citizens(res)
	return ids, personal, true
}

// sees reports whether the caller may see rec; a deletion (no body) only a system may see.
func sees(rc access.Reach, rec store.Record) bool {
	if rc.All {
		return true
	}
	ids, personal, ok := citizensOf(rec)
	return ok && rc.SeesCitizens(ids, personal)
}

// event starts the log entry of the request.
func event(r *http.Request, interaction, action, outcome string) access.Event {
	p, _ := access.FromContext(r.Context())
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return access.Event{Interaction: interaction, Action: action, Outcome: outcome, Principal: p,
		Address: host, Reason: r.Header.Get(ReasonHeader)}
}

// logRecords logs an access to recs when any of them is about a citizen.
func (a *api) logRecords(r *http.Request, e access.Event, recs ...store.Record) error {
	seen := map[string]bool{}
	for _, rec := range recs {
		ids, personal, ok := citizensOf(rec)
		if !ok || !personal {
			continue
		}
		if len(e.What) < 100 {
			e.What = append(e.What, rec.Type+"/"+rec.ID)
		}
		for _, id := range ids {
			if !seen[id] {
				seen[id] = true
				e.Patients = append(e.Patients, id)
			}
		}
	}
	if len(e.Patients) == 0 {
		return nil
	}
	e.When = a.svc.Now()
	if err := a.audit.Record(r.Context(), e); err != nil {
		return apperr.New(apperr.Internal, "the access log could not be written: %v", err)
	}
	return nil
}

// guardRead fetches with get, hides what the caller may not see, and logs the access.
func (a *api) guardRead(r *http.Request, interaction, typ, id string, get func() (store.Record, error)) (store.Record, error) {
	rc, err := a.reachFor(r.Context(), typ)
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
		if lerr := a.logRecords(r, event(r, interaction, "R", access.OutcomeRefused), rec); lerr != nil {
			return store.Record{}, lerr
		}
		return store.Record{}, notKnown(typ, id)
	}
	if lerr := a.logRecords(r, event(r, interaction, "R", access.OutcomeSuccess), rec); lerr != nil {
		return store.Record{}, lerr
	}
	return rec, err
}

// guardWrite checks a create, update or delete: the current record (if any) must be visible,
// else the answer is that of a missing one, the new content must be about citizens in reach,
// and a person's role must be one the write policy lets write the type (writepolicy.go). It
// returns the context the write runs in, which logs it in the write's transaction.
func (a *api) guardWrite(r *http.Request, interaction, typ, id string, res *fhir.Resource) (context.Context, error) {
	action := map[string]string{"create": "C", "update": "U", "delete": "D"}[interaction]
	ctx := a.auditWrites(r)
	rc, err := a.reachFor(r.Context(), typ)
	if err != nil || rc.All {
		return ctx, err
	}
	var cur store.Record
	exists := false
	if id != "" {
		cur, err = a.svc.Read(r.Context(), typ, id)
		exists = err == nil
		if exists && !sees(rc, cur) {
			if lerr := a.logRecords(r, event(r, interaction, action, access.OutcomeRefused), cur); lerr != nil {
				return ctx, lerr
			}
			return ctx, notKnown(typ, id)
		}
	}
	if res != nil && !rc.Sees(res) {
		rec := store.Record{Type: res.Type(), ID: res.ID(), Body: res.Bytes()}
		if lerr := a.logRecords(r, event(r, interaction, action, access.OutcomeRefused), rec); lerr != nil {
			return ctx, lerr
		}
		return ctx, apperr.New(apperr.Forbidden, "you may not write records about this citizen")
	}
	return ctx, a.checkWritePolicy(r, interaction, typ, cur, exists, res)
}

// auditWrites returns the request's context with every write in it logged in its own
// transaction (records.WithPreparedWriteAudit): single interactions and bundle entries alike.
func (a *api) auditWrites(r *http.Request) context.Context {
	return records.WithPreparedWriteAudit(r.Context(), func(written, before store.Record, id string, now time.Time) (store.New, bool) {
		return a.writeEvent(r, written, before, id, now)
	})
}

// writeEvent is the AuditEvent of a write, built inside its transaction from the citizens kept
// with the written and the previous version (no parse) and appended directly
// (access.Event.Prepared); not ok when the record is about no citizen.
func (a *api) writeEvent(r *http.Request, written, before store.Record, id string, now time.Time) (store.New, bool) {
	interaction, action := "update", "U"
	switch {
	case written.Deleted:
		interaction, action = "delete", "D"
	case before.VersionID == 0 || before.Deleted:
		interaction, action = "create", "C"
	}
	e := event(r, interaction, action, access.OutcomeSuccess)
	e.When = a.svc.Now()
	e.What = []string{written.Type + "/" + written.ID}
	for _, rec := range []store.Record{written, before} {
		ids, _, _ := citizensOf(rec)
		for _, id := range ids {
			e.Patients = appendNew(e.Patients, id)
		}
	}
	if len(e.Patients) == 0 {
		return store.New{}, false
	}
	return e.Prepared(id, now)
}

func appendNew(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// guardSearch runs a search narrowed to the caller's reach, drops included records outside it,
// and logs which citizens' records the answer holds.
func (a *api) guardSearch(r *http.Request, typ string, params url.Values) (records.SearchResult, error) {
	rc, err := a.reachFor(r.Context(), typ)
	if err != nil {
		return records.SearchResult{}, err
	}
	res, err := a.svc.SearchNarrowed(r.Context(), typ, params, func(q *search.Query) { rc.Narrow(q) })
	if err != nil {
		return res, err
	}
	if !rc.All {
		kept := res.Page.Included[:0:0]
		for _, rec := range res.Page.Included {
			if sees(rc, rec) {
				kept = append(kept, rec)
			}
		}
		res.Page.Included = kept
	}
	all := append(append([]store.Record(nil), res.Page.Records...), res.Page.Included...)
	if err := a.logRecords(r, event(r, "search-type", "E", access.OutcomeSuccess), all...); err != nil {
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
	return a.logRecords(r, event(r, "batch", "R", access.OutcomeSuccess), recs...)
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
