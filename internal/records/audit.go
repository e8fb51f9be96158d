package records

import (
	"context"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// WriteAudit builds the AuditEvent of one write from the version written and the current version
// before it (zero for a create); nil means the write is not logged.
type WriteAudit func(written, before store.Record) *fhir.Resource

type writeAuditKey struct{}

// WithWriteAudit returns a context whose Create, Update and Delete also store the AuditEvent fn
// builds, in the same store transaction as the write: the write and its log entry commit together
// or not at all.
func WithWriteAudit(ctx context.Context, fn WriteAudit) context.Context {
	return context.WithValue(ctx, writeAuditKey{}, fn)
}

// auditWrite stores the write's AuditEvent inside tx, when the context asks for one.
func (s *Service) auditWrite(ctx context.Context, tx store.Tx, written, before store.Record) error {
	fn, _ := ctx.Value(writeAuditKey{}).(WriteAudit)
	if fn == nil || written.Type == "AuditEvent" || written.VersionID == 0 {
		return nil
	}
	ae := fn(written, before)
	if ae == nil {
		return nil
	}
	ae.SetID(s.newID())
	_, err := s.write(ctx, tx, ae, 1, s.Now(), false)
	return err
}

// current returns the current version of typ/id in tx, or a zero Record.
func current(ctx context.Context, tx store.Tx, typ, id string) store.Record {
	rec, err := tx.Get(ctx, typ, id)
	if err != nil {
		return store.Record{}
	}
	return rec
}

// RecordAuditEvents stores several server-written AuditEvents in one transaction (the group
// commit of the read log): all are durable when it returns nil. Each is validated and indexed as
// any write is; the batch goes to the store as a few multi-row statements (store.Tx.Append), not
// a few statements per event. Their references are not checked: a log entry is kept even when
// what it names has since been deleted.
func (s *Service) RecordAuditEvents(ctx context.Context, events []*fhir.Resource) (err error) {
	defer apperr.Wrap(&err, "records.RecordAuditEvents")
	now := s.Now()
	recs := make([]store.New, len(events))
	for i, r := range events {
		if r.Type() != "AuditEvent" {
			return apperr.New(apperr.Invalid, "expected an AuditEvent, got %q", r.Type())
		}
		r.SetID(s.newID())
		r.SetMeta(1, now)
		if err := fhir.Validate(r); err != nil {
			return err
		}
		recs[i] = store.New{
			Record: store.Record{Type: "AuditEvent", ID: r.ID(), VersionID: 1, LastUpdated: now, Body: r.Bytes()},
			Index:  fhir.Index(r),
		}
	}
	return s.st.Write(ctx, func(tx store.Tx) error { return tx.Append(ctx, recs) })
}
