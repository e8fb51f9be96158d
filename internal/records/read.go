package records

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Read returns the current version of typ/id: NotFound when it never existed, Gone when its last
// version is a deletion.
func (s *Service) Read(ctx context.Context, typ, id string) (rec store.Record, err error) {
	if err := checkTypeAndID(typ, id); err != nil {
		return store.Record{}, err
	}
	if err := s.auditBarrier(ctx, typ); err != nil {
		return store.Record{}, err
	}
	return read(ctx, s.st, typ, id)
}

func read(ctx context.Context, rd store.Reader, typ, id string) (store.Record, error) {
	rec, err := rd.Get(ctx, typ, id)
	if err != nil {
		return store.Record{}, err
	}
	if rec.Deleted {
		return rec, apperr.New(apperr.Gone, "%s/%s was deleted", typ, id)
	}
	return rec, nil
}

// VRead returns one version of typ/id; Gone when that version is a deletion.
func (s *Service) VRead(ctx context.Context, typ, id string, version int64) (store.Record, error) {
	if err := checkTypeAndID(typ, id); err != nil {
		return store.Record{}, err
	}
	if err := s.auditBarrier(ctx, typ); err != nil {
		return store.Record{}, err
	}
	return vread(ctx, s.st, typ, id, version)
}

func vread(ctx context.Context, st store.Store, typ, id string, version int64) (store.Record, error) {
	rec, err := st.GetVersion(ctx, typ, id, version)
	if err != nil {
		return store.Record{}, err
	}
	if rec.Deleted {
		return rec, apperr.New(apperr.Gone, "version %d of %s/%s is a deletion", version, typ, id)
	}
	return rec, nil
}

// checkTypeAndID answers an unknown type with NotFound (there is no such endpoint) and a
// malformed id with Invalid.
func checkTypeAndID(typ, id string) error {
	if !fhir.KnownType(typ) {
		return apperr.New(apperr.NotFound, "%q is not a resource type this server holds", typ)
	}
	if !fhir.ValidID(id) {
		return apperr.New(apperr.Invalid, "%q is not a valid resource id", id)
	}
	return nil
}

// SearchResult is one page of a search with the query it ran, which the caller needs for links.
type SearchResult struct {
	Query  search.Query
	Page   store.Page
	Params url.Values // the client's parameters as given, for self/next/previous links
}

// Search runs a type-level search. params are the client's parameters; _offset (from our own
// next/previous links) is read here, everything else by fhir.ParseSearch, which refuses unknown
// parameters.
func (s *Service) Search(ctx context.Context, typ string, params url.Values) (SearchResult, error) {
	if err := s.auditBarrier(ctx, typ); err != nil {
		return SearchResult{}, err
	}
	return searchIn(ctx, s.st, typ, params, nil)
}

// SearchNarrowed is Search with narrow applied to the parsed query before it runs: the access
// rules add their restriction there, so paging never counts what the caller may not see.
func (s *Service) SearchNarrowed(ctx context.Context, typ string, params url.Values, narrow func(*search.Query)) (SearchResult, error) {
	if err := s.auditBarrier(ctx, typ); err != nil {
		return SearchResult{}, err
	}
	return searchIn(ctx, s.st, typ, params, narrow)
}

func searchIn(ctx context.Context, rd store.Reader, typ string, params url.Values, narrow func(*search.Query)) (res SearchResult, err error) {
	defer apperr.Wrap(&err, "records.Search(%s)", typ)
	if !fhir.KnownType(typ) {
		return res, apperr.New(apperr.NotFound, "%q is not a resource type this server holds", typ)
	}
	offset, rest, err := takeOffset(params)
	if err != nil {
		return res, err
	}
	q, err := fhir.ParseSearch(typ, rest)
	if err != nil {
		return res, err
	}
	q.Offset = offset
	q.Count = store.PageSize(q.Count)
	if narrow != nil {
		narrow(&q)
	}
	page, err := rd.Search(ctx, q)
	if err != nil {
		return res, err
	}
	return SearchResult{Query: q, Page: page, Params: params}, nil
}

// takeOffset removes _offset from a copy of params and parses it.
func takeOffset(params url.Values) (int, url.Values, error) {
	vs, ok := params["_offset"]
	if !ok {
		return 0, params, nil
	}
	rest := make(url.Values, len(params))
	for k, v := range params {
		if k != "_offset" {
			rest[k] = v
		}
	}
	if len(vs) != 1 {
		return 0, nil, apperr.New(apperr.Invalid, "_offset may appear once")
	}
	n, err := strconv.Atoi(vs[0])
	if err != nil || n < 0 {
		return 0, nil, apperr.New(apperr.Invalid, "_offset must be a whole number ≥ 0")
	}
	return n, rest, nil
}

// HistoryResult is one page of a history.
type HistoryResult struct {
	Query   store.HistoryQuery
	Records []store.Record // newest first; a deletion has Deleted set and no Body
	HasMore bool
}

// History returns versions, newest first: of one resource (typ and id), of a type (id ""), or of
// everything (both ""). It takes _count, _offset and _since; anything else is refused.
func (s *Service) History(ctx context.Context, typ, id string, params url.Values) (res HistoryResult, err error) {
	defer apperr.Wrap(&err, "records.History(%s/%s)", typ, id)
	q, err := parseHistory(typ, id, params)
	if err != nil {
		return res, err
	}
	if err := s.auditBarrier(ctx, typ); err != nil {
		return res, err
	}
	if id != "" {
		if _, err := s.st.Get(ctx, typ, id); err != nil {
			return res, err // NotFound when it never existed; a deleted one has a history
		}
	}
	recs, more, err := s.st.History(ctx, q)
	if err != nil {
		return res, err
	}
	return HistoryResult{Query: q, Records: recs, HasMore: more}, nil
}

func parseHistory(typ, id string, params url.Values) (store.HistoryQuery, error) {
	q := store.HistoryQuery{Type: typ, ID: id}
	if typ != "" && !fhir.KnownType(typ) {
		return q, apperr.New(apperr.NotFound, "%q is not a resource type this server holds", typ)
	}
	if id != "" && !fhir.ValidID(id) {
		return q, apperr.New(apperr.Invalid, "%q is not a valid resource id", id)
	}
	for k, vs := range params {
		if len(vs) != 1 {
			return q, apperr.New(apperr.Invalid, "%s may appear once", k)
		}
		if err := setHistoryParam(&q, k, vs[0]); err != nil {
			return q, err
		}
	}
	q.Count = store.PageSize(q.Count)
	return q, nil
}

func setHistoryParam(q *store.HistoryQuery, k, v string) error {
	var err error
	switch k {
	case "_count":
		q.Count, err = strconv.Atoi(v)
	case "_offset":
		q.Offset, err = strconv.Atoi(v)
	case "_since":
		q.Since, err = time.Parse(time.RFC3339Nano, v)
	case "_format", "_pretty":
		return nil
	default:
		return apperr.New(apperr.Invalid, "history does not support the parameter %q", k)
	}
	if err != nil || q.Count < 0 || q.Offset < 0 {
		return apperr.New(apperr.Invalid, "%s has a malformed value %q", k, v)
	}
	return nil
}

// auditBarrier runs Options.BeforeAuditRead before a read of typ that can return AuditEvents
// (AuditEvent itself, or "" for the system history); every other type passes at no cost.
func (s *Service) auditBarrier(ctx context.Context, typ string) error {
	if s.beforeAuditRead == nil || (typ != "AuditEvent" && typ != "") {
		return nil
	}
	if err := s.beforeAuditRead(ctx); err != nil {
		return fmt.Errorf("waiting for the access log's journal: %w", err)
	}
	return nil
}

// auditBarrierForEntries runs the barrier before a transaction Bundle that reads AuditEvents: it
// cannot wait inside its store transaction, which holds the writer the journal's ingester needs.
func (s *Service) auditBarrierForEntries(ctx context.Context, entries []entry) error {
	for _, e := range entries {
		if e.method == "GET" {
			if err := s.auditBarrier(ctx, e.target.typ); err != nil {
				return err
			}
		}
	}
	return nil
}
