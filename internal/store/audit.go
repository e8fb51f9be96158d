package store

import (
	"context"
	"fmt"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// The access log's storage. Every read is logged and answered only once its AuditEvent is
// durable, so the log's inserts are the hot path of every read. Stored as a generic resource an
// AuditEvent touched about 17 b-trees (resources, resource_versions, four index tables with two
// indexes each); here it is one row of audit_events (the table, its id, recorded, last_updated and
// agent indexes) and one row of audit_event_refs per patient and entity reference: about a third
// of the b-tree work, and no row is ever updated or deleted.
//
// The mapping from the index entries fhir.Index gives an AuditEvent to the columns:
//
//	agent    (reference) agent_type, agent_id          at most one: the server's events have one requestor
//	type     (token)     type_system, type_code         at most one coding
//	subtype  (token)     subtype_system, subtype_code   at most one coding
//	action   (token)     action_system, action_code     at most one
//	outcome  (token)     outcome_system, outcome_code   at most one
//	date     (date)      recorded_low, recorded_high    AuditEvent.recorded
//	patient  (reference) audit_event_refs rows          any number
//	entity   (reference) audit_event_refs rows          any number
//
// An entry of another parameter is not stored (the CapabilityStatement lists only these for
// AuditEvent, and fhir.Index extracts only these); a second value of a single-valued parameter
// fails the write with Invalid rather than being lost. The body is stored and returned as given,
// so an AuditEvent read back is byte for byte the one built. AuditEvents are version 1 only.

// auditEvent is one row of audit_events with its reference rows.
type auditEvent struct {
	id      string
	updated int64
	body    []byte
	cols    [auditColumns]any // in the order of auditCols; nil for an absent parameter
	refs    []auditRef
}

type auditRef struct{ param, refType, refID string }

// auditCols are the parameter columns of audit_events, in the order of auditEvent.cols.
var auditCols = [...]string{"recorded_low", "recorded_high", "agent_type", "agent_id",
	"type_system", "type_code", "subtype_system", "subtype_code",
	"action_system", "action_code", "outcome_system", "outcome_code"}

const auditColumns = len(auditCols)

// auditColumn is where a single-valued parameter's values go: the index in cols of its first
// column, and its kind.
var auditColumn = map[string]struct {
	at   int
	kind search.Kind
}{
	"date": {0, search.Date}, "agent": {2, search.Reference}, "type": {4, search.Token},
	"subtype": {6, search.Token}, "action": {8, search.Token}, "outcome": {10, search.Token},
}

// auditRefParams are the multi-valued reference parameters kept in audit_event_refs.
var auditRefParams = map[string]bool{"patient": true, "entity": true}

// auditEventOf maps a new AuditEvent and its index rows to its storage.
func auditEventOf(rec Record, index []indexRow) (auditEvent, error) {
	if rec.VersionID != 1 || rec.Deleted {
		return auditEvent{}, apperr.New(apperr.Forbidden, "an AuditEvent is never changed or deleted")
	}
	a := auditEvent{id: rec.ID, updated: toMicros(rec.LastUpdated), body: rec.Body}
	for _, r := range index {
		if auditRefParams[r.param] && r.kind == search.Reference {
			a.refs = append(a.refs, auditRef{param: r.param, refType: r.vals[0].(string), refID: r.vals[1].(string)})
			continue
		}
		c, ok := auditColumn[r.param]
		if !ok || c.kind != r.kind {
			continue // not a parameter AuditEvent is searchable by
		}
		if a.cols[c.at] != nil {
			return auditEvent{}, apperr.New(apperr.Invalid, "AuditEvent/%s has more than one %s; the access log stores one", rec.ID, r.param)
		}
		a.cols[c.at], a.cols[c.at+1] = r.vals[0], r.vals[1]
	}
	return a, nil
}

// insertAudit writes new AuditEvents with one multi-row INSERT per table (as few as the limit on
// bound values allows); an id that exists fails the whole call with Conflict.
func (t *sqlTx) insertAudit(ctx context.Context, events []auditEvent) error {
	n, err := t.insertAuditRows(ctx, events)
	if err != nil {
		return err
	}
	if n != int64(len(events)) {
		return apperr.New(apperr.Conflict, "%d of %d new AuditEvents already exist", int64(len(events))-n, len(events))
	}
	return nil
}

// IngestAudit stores AuditEvents moved from the access log's journal (accesslog.Log) in tx. It is
// Tx.Append for AuditEvents with one difference: an id already stored is skipped, not a Conflict,
// because after a crash between the store's commit and the journal's removal the same entries
// are ingested again. It returns how many were new. Ids are 128 random bits, so an existing id
// is that entry, never another one.
func IngestAudit(ctx context.Context, tx Tx, recs []New) (n int, err error) {
	defer wrap(&err, "store.IngestAudit(%d)", len(recs))
	t, ok := tx.(*sqlTx)
	if !ok {
		return 0, fmt.Errorf("a transaction of another store (%T)", tx)
	}
	events := make([]auditEvent, len(recs))
	for i, r := range recs {
		if r.Record.Type != "AuditEvent" {
			return 0, apperr.New(apperr.Invalid, "the access log's journal holds AuditEvents, not %s", r.Record.Type)
		}
		if err := checkRecord(r.Record); err != nil {
			return 0, err
		}
		rows, err := rowsOf(r.Index)
		if err != nil {
			return 0, err
		}
		if events[i], err = auditEventOf(r.Record, rows); err != nil {
			return 0, err
		}
	}
	inserted, err := t.insertAuditRows(ctx, events)
	return int(inserted), err
}

// insertAuditRows inserts events, skipping an id that exists, and returns how many were new.
// References of a skipped event are inserted again as no-ops: a reference row is its own key.
func (t *sqlTx) insertAuditRows(ctx context.Context, events []auditEvent) (int64, error) {
	cols := append([]string{"id", "last_updated", "body"}, auditCols[:]...)
	rows := make([][]any, len(events))
	var refs [][]any
	for i, a := range events {
		row := make([]any, 0, len(cols))
		row = append(append(row, a.id, a.updated, a.body), a.cols[:]...)
		rows[i] = row
		for _, r := range a.refs {
			refs = append(refs, []any{r.param, r.refID, r.refType, a.id})
		}
	}
	n, err := t.insertMany(ctx, "audit_events", cols, " ON CONFLICT (id) DO NOTHING", rows)
	if err != nil {
		return 0, fmt.Errorf("insert audit events: %w", err)
	}
	// the same reference twice in one event (an entity that is also the patient's) is one row
	if _, err := t.insertMany(ctx, "audit_event_refs", []string{"param", "ref_id", "ref_type", "id"},
		" ON CONFLICT DO NOTHING", refs); err != nil {
		return 0, fmt.Errorf("insert audit event references: %w", err)
	}
	return n, nil
}

// getAudit reads one AuditEvent.
func (r reader) getAudit(ctx context.Context, id string) (Record, error) {
	rows, err := r.query(ctx, true, `SELECT 1, last_updated, 0, body, NULL FROM audit_events WHERE id = $1`, id)
	if err != nil {
		return Record{}, fmt.Errorf("query: %w", err)
	}
	rec, found, err := scanOne(rows, "AuditEvent", id)
	if err != nil {
		return Record{}, err
	}
	if !found {
		return Record{}, apperr.New(apperr.NotFound, "AuditEvent/%s is not known", id)
	}
	return rec, nil
}

// isAudit reports whether typ is stored in the access log's tables.
func isAudit(typ string) bool { return typ == "AuditEvent" }
