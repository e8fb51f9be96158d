package records

import (
	"context"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// WriteAudit builds the AuditEvent of one write from the version written and the current version
// before it (zero for a create); nil means the write is not logged.
type WriteAudit func(written, before store.Record) *fhir.Resource

type writeAuditKey struct{}

// PreparedWriteAudit is WriteAudit for a builder that encodes and indexes the entry itself
// (access.Event.Prepared) given its id and time: nothing is parsed or indexed while the write's
// transaction holds the writer. ok false means the write is not logged.
type PreparedWriteAudit func(written, before store.Record, id string, now time.Time) (n store.New, ok bool)

type preparedWriteAuditKey struct{}

// WithPreparedWriteAudit is WithWriteAudit for a PreparedWriteAudit.
func WithPreparedWriteAudit(ctx context.Context, fn PreparedWriteAudit) context.Context {
	return context.WithValue(ctx, preparedWriteAuditKey{}, fn)
}

// WithWriteAudit returns a context whose Create, Update and Delete also store the AuditEvent fn
// builds, in the same store transaction as the write: the write and its log entry commit together
// or not at all.
func WithWriteAudit(ctx context.Context, fn WriteAudit) context.Context {
	return context.WithValue(ctx, writeAuditKey{}, fn)
}

// auditWrite stores the write's AuditEvent inside tx, when the context asks for one. It is built
// by the server (access.Event.Resource, proven valid by its tests), so it is prepared, not
// validated, and no rules run for it: the write's transaction holds the writer meanwhile.
func (s *Service) auditWrite(ctx context.Context, tx store.Tx, written, before store.Record) error {
	if written.Type == "AuditEvent" || written.VersionID == 0 {
		return nil
	}
	if pfn, _ := ctx.Value(preparedWriteAuditKey{}).(PreparedWriteAudit); pfn != nil {
		id, now := s.Stamp()
		n, ok := pfn(written, before, id, now)
		if !ok {
			return nil
		}
		return tx.Put(ctx, n.Record, n.Index)
	}
	fn, _ := ctx.Value(writeAuditKey{}).(WriteAudit)
	if fn == nil {
		return nil
	}
	ae := fn(written, before)
	if ae == nil {
		return nil
	}
	n, err := s.PrepareAuditEvent(ae)
	if err != nil {
		return err
	}
	return tx.Put(ctx, n.Record, n.Index)
}

// PrepareAuditEvent gives a server-built AuditEvent its id and meta and returns it as the store
// takes it, body encoded and indexed: the work a log entry needs, done by the caller's goroutine
// so the access log's writer only inserts and commits. It does not validate: r must come from a
// builder whose output is proven valid by tests (access.Event.Resource); RecordAuditEvents is the
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
// that encodes and indexes the entry itself (access.Event.Prepared).
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
