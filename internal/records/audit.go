package records

import (
	"context"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// WriteAudit builds the access-log entries of one write from the version written and the current
// version before it (zero for a create), encoded and indexed by the builder itself
// (accesslog.Event.Prepared), each with an id and time from stamp: nothing is parsed or indexed
// while the write's transaction holds the writer. None means the write is not logged.
type WriteAudit func(written, before store.Record, stamp func() (id string, now time.Time)) []store.New

type writeAuditKey struct{}

// WithWriteAudit returns a context whose Create, Update and Delete also store the entries fn
// builds, in the same store transaction as the write: the write and its log entries commit
// together or not at all.
func WithWriteAudit(ctx context.Context, fn WriteAudit) context.Context {
	return context.WithValue(ctx, writeAuditKey{}, fn)
}

// auditWrite stores the write's entries inside tx, when the context asks for them. They are built
// by the server (proven valid by access's tests), so no rules run for them and they are not
// validated again: the write's transaction holds the writer meanwhile.
func (s *Service) auditWrite(ctx context.Context, tx store.Tx, written, before store.Record) error {
	if written.Type == "AuditEvent" || written.VersionID == 0 {
		return nil
	}
	fn, _ := ctx.Value(writeAuditKey{}).(WriteAudit)
	if fn == nil {
		return nil
	}
	for _, n := range fn(written, before, s.Stamp) {
		if err := tx.Put(ctx, n.Record, n.Index); err != nil {
			return err
		}
	}
	return nil
}

// PrepareAuditEvent gives a server-built AuditEvent its id and meta and returns it as the store
// takes it, body encoded and indexed: the work a log entry needs, done by the caller's goroutine
// so the access log's writer only inserts and commits. It does not validate: r must come from a
// builder whose output is proven valid by tests (accesslog.Event.Resource); RecordAuditEvents is the
// validating door.
func (s *Service) PrepareAuditEvent(r *fhir.Resource) (store.New, error) {
	if r.Type() != "AuditEvent" {
		return store.New{}, apperr.New(apperr.Invalid, "expected an AuditEvent, got %q", r.Type())
	}
	now := s.Now()
	r.SetID(s.newID())
	r.SetMeta(1, now)
	return store.New{
		Record: store.Record{Type: "AuditEvent", ID: r.ID(), VersionID: 1, LastUpdated: now, Body: r.Bytes()},
		Index:  fhir.Index(r),
	}, nil
}

// Stamp returns a new AuditEvent's id and time as PrepareAuditEvent gives them, for a builder
// that encodes and indexes the entry itself (accesslog.Event.Prepared).
func (s *Service) Stamp() (id string, now time.Time) { return s.newID(), s.Now() }

// StoreAuditEvents stores prepared AuditEvents (PrepareAuditEvent) in one transaction, as a few
// multi-row statements: all are durable when it returns nil.
func (s *Service) StoreAuditEvents(ctx context.Context, events []store.New) (err error) {
	defer apperr.Wrap(&err, "records.StoreAuditEvents")
	return s.st.Write(ctx, func(tx store.Tx) error { return tx.Append(ctx, events) })
}

// IngestAuditEvents stores prepared AuditEvents moved from the access log's journal in one
// transaction; an entry stored already (ingested before a crash) is skipped, not a Conflict. It
// returns how many were new; all are durable when it returns nil.
func (s *Service) IngestAuditEvents(ctx context.Context, events []store.New) (n int, err error) {
	defer apperr.Wrap(&err, "records.IngestAuditEvents")
	err = s.st.Write(ctx, func(tx store.Tx) error {
		var err error
		n, err = store.IngestAudit(ctx, tx, events)
		return err
	})
	return n, err
}

// RecordAuditEvents stores several AuditEvents in one transaction: all are durable when it
// returns nil. Each is validated, then prepared and stored as StoreAuditEvents does. Their
// references are not checked: a log entry is kept even when what it names has since been deleted.
func (s *Service) RecordAuditEvents(ctx context.Context, events []*fhir.Resource) (err error) {
	defer apperr.Wrap(&err, "records.RecordAuditEvents")
	recs := make([]store.New, len(events))
	for i, r := range events {
		n, err := s.PrepareAuditEvent(r)
		if err != nil {
			return err
		}
		if err := fhir.Validate(r); err != nil {
			return err
		}
		recs[i] = n
	}
	return s.StoreAuditEvents(ctx, recs)
}
