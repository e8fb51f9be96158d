package records

import (
	"context"
	"strconv"
	"strings"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Create stores r as a new resource with a server-assigned id (an id in the body is ignored, as
// R4 says). With ifNoneExist (a search query string) it stores nothing when exactly one resource
// matches and returns that one with created false; two or more matches are a PreconditionFailed.
func (s *Service) Create(ctx context.Context, r *fhir.Resource, ifNoneExist string) (rec store.Record, created bool, err error) {
	defer apperr.Wrap(&err, "records.Create(%s)", r.Type())
	if err := writableType(r.Type()); err != nil {
		return store.Record{}, false, err
	}
	id := s.newID()
	r.SetID(id)
	pre := s.precheck(r)
	err = s.inTx(ctx, func(ctx context.Context, tx store.Tx) error {
		rec, created, err = s.createChecked(ctx, tx, r, ifNoneExist, id, true, pre)
		if err != nil || !created {
			return err
		}
		return s.auditWrite(ctx, tx, rec, store.Record{})
	})
	return rec, created, err
}

// RecordAuditEvent stores an AuditEvent written by the server itself (the access log). The API
// refuses AuditEvent writes; this is the one door for them. Its references are not checked: a log
// entry must be kept even when what it names has since been deleted.
func (s *Service) RecordAuditEvent(ctx context.Context, r *fhir.Resource) (rec store.Record, err error) {
	defer apperr.Wrap(&err, "records.RecordAuditEvent")
	if r.Type() != "AuditEvent" {
		return store.Record{}, apperr.New(apperr.Invalid, "expected an AuditEvent, got %q", r.Type())
	}
	id := s.newID()
	err = s.st.Write(ctx, func(tx store.Tx) error {
		r.SetID(id)
		rec, err = s.write(ctx, tx, r, 1, s.Now(), false, store.Record{})
		return err
	})
	return rec, err
}

// create is Create inside a transaction. checkRefs false leaves the reference check to the caller
// (a transaction checks them once every entry is written, so entries may point at each other).
func (s *Service) create(ctx context.Context, tx store.Tx, r *fhir.Resource, ifNoneExist, id string, checkRefs bool) (store.Record, bool, error) {
	return s.createChecked(ctx, tx, r, ifNoneExist, id, checkRefs, nil)
}

// createChecked is create with r already validated and indexed by precheck (pre nil: not yet).
func (s *Service) createChecked(ctx context.Context, tx store.Tx, r *fhir.Resource, ifNoneExist, id string, checkRefs bool,
	pre *checked) (store.Record, bool, error) {
	if ifNoneExist != "" {
		existing, found, err := s.matchOne(ctx, tx, r.Type(), ifNoneExist)
		if err != nil || found {
			return existing, false, err
		}
	}
	r.SetID(id)
	// a new server-assigned id: there is no current version to read
	rec, err := s.writeChecked(ctx, tx, r, 1, s.Now(), checkRefs, pre, store.Record{})
	return rec, err == nil, err
}

// matchOne runs a conditional create's query: found is true for exactly one match.
func (s *Service) matchOne(ctx context.Context, rd store.Reader, typ, query string) (store.Record, bool, error) {
	query = strings.TrimPrefix(strings.TrimPrefix(query, typ), "?")
	params, err := fhir.ParseQuery("If-None-Exist", query)
	if err != nil {
		return store.Record{}, false, err
	}
	q, err := fhir.ParseSearch(typ, params)
	if err != nil {
		return store.Record{}, false, err
	}
	q.Count, q.Offset, q.Include = 2, 0, nil
	narrowed(ctx, &q)
	page, err := rd.Search(ctx, q)
	if err != nil {
		return store.Record{}, false, err
	}
	switch len(page.Records) {
	case 0:
		return store.Record{}, false, nil
	case 1:
		return page.Records[0], true, nil
	default:
		return store.Record{}, false, apperr.New(apperr.PreconditionFailed,
			"If-None-Exist matches more than one %s", typ)
	}
}

// Update stores r as the next version of typ/id, or creates typ/id when it does not exist (client-
// assigned ids) or was deleted; created reports that case. ifMatch, when set, must name the
// current version as W/"n".
func (s *Service) Update(ctx context.Context, typ, id string, r *fhir.Resource, ifMatch string) (rec store.Record, created bool, err error) {
	defer apperr.Wrap(&err, "records.Update(%s/%s)", typ, id)
	if err := checkUpdateTarget(typ, id, r); err != nil {
		return store.Record{}, false, err
	}
	want, err := ParseETag(ifMatch)
	if err != nil {
		return store.Record{}, false, err
	}
	pre := s.precheck(r)
	err = s.inTx(ctx, func(ctx context.Context, tx store.Tx) error {
		var before store.Record
		rec, created, before, err = s.updateChecked(ctx, tx, r, want, true, pre)
		if err != nil {
			return err
		}
		return s.auditWrite(ctx, tx, rec, before)
	})
	return rec, created, err
}

func checkUpdateTarget(typ, id string, r *fhir.Resource) error {
	if err := writableType(typ); err != nil {
		return err
	}
	if r.Type() != typ {
		return apperr.New(apperr.Invalid, "the resourceType %q does not match the URL's type %q", r.Type(), typ)
	}
	if !fhir.ValidID(id) {
		return apperr.New(apperr.Invalid, "%q is not a valid resource id", id)
	}
	if r.ID() == "" {
		return apperr.New(apperr.Invalid, "the resource has no id; an update must carry the id of the URL")
	}
	if r.ID() != id {
		return apperr.New(apperr.Invalid, "the resource id %q does not match the URL's id %q", r.ID(), id)
	}
	return nil
}

// update is Update inside a transaction; want 0 means no If-Match. before is the version it
// replaced (the zero Record when there was none), for the audit.
func (s *Service) update(ctx context.Context, tx store.Tx, r *fhir.Resource, want int64, checkRefs bool) (
	rec store.Record, created bool, before store.Record, err error) {
	return s.updateChecked(ctx, tx, r, want, checkRefs, nil)
}

// updateChecked is update with r already validated and indexed by precheck (pre nil: not yet).
// It reads the current version once, inside the transaction, for the version check, the rules
// and the audit (each read is a statement on SQLite's one writer).
func (s *Service) updateChecked(ctx context.Context, tx store.Tx, r *fhir.Resource, want int64, checkRefs bool,
	pre *checked) (rec store.Record, created bool, before store.Record, err error) {
	cur, err := currentOf(ctx, tx, r.Type(), r.ID())
	if err != nil {
		return store.Record{}, false, store.Record{}, err
	}
	exists := cur.VersionID > 0
	if want != 0 && (!exists || cur.VersionID != want) {
		return store.Record{}, false, store.Record{}, apperr.New(apperr.PreconditionFailed,
			"If-Match names version %d, but that is not the current version of %s/%s", want, r.Type(), r.ID())
	}
	version := cur.VersionID + 1 // 1 when the resource is new
	rec, err = s.writeChecked(ctx, tx, r, version, s.Now(), checkRefs, pre, cur)
	return rec, !exists || cur.Deleted, cur, err
}

// currentOf is typ/id's current version, the zero Record when it never existed.
func currentOf(ctx context.Context, tx store.Tx, typ, id string) (store.Record, error) {
	cur, err := tx.Get(ctx, typ, id)
	if apperr.Is(err, apperr.NotFound) {
		return store.Record{}, nil
	}
	return cur, err
}

// Delete marks typ/id deleted, keeping its history. Following R4 (http.html, delete: "Upon
// successful deletion, or if the resource does not exist at all, the server should return ...
// 204 No Content"), deleting a missing or already deleted resource succeeds and writes nothing;
// deleted reports whether a deletion version was written.
func (s *Service) Delete(ctx context.Context, typ, id string) (rec store.Record, deleted bool, err error) {
	defer apperr.Wrap(&err, "records.Delete(%s/%s)", typ, id)
	if err := writableType(typ); err != nil {
		return store.Record{}, false, err
	}
	if !fhir.ValidID(id) {
		return store.Record{}, false, apperr.New(apperr.Invalid, "%q is not a valid resource id", id)
	}
	err = s.inTx(ctx, func(ctx context.Context, tx store.Tx) error {
		var before store.Record
		rec, deleted, before, err = s.delete(ctx, tx, typ, id)
		if err != nil || !deleted {
			return err
		}
		return s.auditWrite(ctx, tx, rec, before)
	})
	return rec, deleted, err
}

// delete is Delete inside a transaction; before is the version it replaced, for the audit.
func (s *Service) delete(ctx context.Context, tx store.Tx, typ, id string) (rec store.Record, deleted bool, before store.Record, err error) {
	cur, err := currentOf(ctx, tx, typ, id)
	if err != nil || cur.VersionID == 0 || cur.Deleted {
		return cur, false, cur, err
	}
	more, err := s.checkRules(ctx, tx, typ, cur, nil)
	if err != nil {
		return store.Record{}, false, cur, err
	}
	// a deletion is about nobody: it has no body, and the version before it names the citizens
	rec = store.Record{Type: typ, ID: id, VersionID: cur.VersionID + 1, LastUpdated: s.Now(), Deleted: true, PatientsKnown: true}
	if err := tx.Put(ctx, rec, nil); err != nil {
		return store.Record{}, false, cur, err
	}
	forget(ctx, typ)
	return rec, true, cur, s.writeConsequences(ctx, tx, more)
}

// write sets meta, validates, checks references (unless the caller does so later), indexes and
// puts one version. before is the current version the caller read (the zero Record when none).
func (s *Service) write(ctx context.Context, tx store.Tx, r *fhir.Resource, version int64, now time.Time, checkRefs bool,
	before store.Record) (store.Record, error) {
	return s.writeChecked(ctx, tx, r, version, now, checkRefs, nil, before)
}

// writeChecked is write taking the validation's outcome and the index from precheck when pre is
// not nil, at the point write would have validated, so the errors come in the same order.
func (s *Service) writeChecked(ctx context.Context, tx store.Tx, r *fhir.Resource, version int64, now time.Time, checkRefs bool,
	pre *checked, before store.Record) (store.Record, error) {
	r.SetMeta(version, now)
	if pre == nil {
		pre = &checked{err: fhir.Validate(r)}
		if pre.err == nil {
			pre.index = fhir.Index(r)
		}
	}
	if pre.err != nil {
		return store.Record{}, pre.err
	}
	if checkRefs {
		if err := s.checkReferences(ctx, tx, r); err != nil {
			return store.Record{}, err
		}
	}
	more, err := s.checkRules(ctx, tx, r.Type(), before, r)
	if err != nil {
		return store.Record{}, err
	}
	index := pre.index
	rec := withCitizens(store.Record{Type: r.Type(), ID: r.ID(), VersionID: version, LastUpdated: now, Body: r.Bytes()}, index)
	if err := tx.Put(ctx, rec, index); err != nil {
		return store.Record{}, err
	}
	forget(ctx, rec.Type)
	return rec, s.writeConsequences(ctx, tx, more)
}

// checked is what precheck found.
type checked struct {
	err   error          // fhir.Validate's
	index []search.Entry // fhir.Index's, when err is nil
}

// precheck validates and indexes r before the write's transaction: on SQLite every write waits
// for the one writer, so work that needs no data (6 % of the server's CPU in the create+update
// profile) is done while it is busy with others. r gets a provisional meta; neither the
// validation nor the index depends on its version or time (fhir.Index leaves _lastUpdated to the
// store), and the transaction sets the real ones.
func (s *Service) precheck(r *fhir.Resource) *checked {
	r.SetMeta(1, s.Now())
	if err := fhir.Validate(r); err != nil {
		return &checked{err: err}
	}
	return &checked{index: fhir.Index(r)}
}

// writableType refuses types we do not hold and AuditEvent, which only the server writes.
func writableType(typ string) error {
	if !fhir.KnownType(typ) {
		return apperr.New(apperr.Invalid, "%q is not a resource type this server holds", typ)
	}
	if typ == "AuditEvent" {
		return apperr.New(apperr.MethodNotAllowed, "AuditEvent is written by the server only; it is read-only here")
	}
	return nil
}

// ParseETag reads an If-Match value, W/"n" (or "n" or n); "" gives 0.
func ParseETag(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	t := strings.TrimPrefix(strings.TrimSpace(v), "W/")
	t = strings.TrimSuffix(strings.TrimPrefix(t, `"`), `"`)
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 1 {
		return 0, apperr.New(apperr.Invalid, "If-Match must be a version as W/\"n\", not %q", v)
	}
	return n, nil
}

// ETag is the weak ETag of a version.
func ETag(version int64) string { return `W/"` + strconv.FormatInt(version, 10) + `"` }
