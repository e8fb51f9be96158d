package store

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"veiviser/internal/search"
)

// Before migration 0007 an AuditEvent was stored as any resource (resources, resource_versions,
// the index tables) and, on SQLite since 0006, first in audit_journal with its index rows
// encoded (journalcodec.go). moveLegacyAudit moves both into audit_events when the store opens,
// in transactions of legacyChunk entries, each deleting what it moved, so a run stopped half way
// goes on at the next start and no entry is ever in both places or in neither. Bodies are moved
// unchanged; the columns come from the index rows as written.
const legacyChunk = 500

func (s *sqlStore) moveLegacyAudit(ctx context.Context, log *slog.Logger) error {
	moved := 0
	for {
		var n int
		err := s.writeOnce(ctx, func(tx Tx) error {
			var err error
			n, err = tx.(*sqlTx).moveLegacyChunk(ctx)
			return err
		})
		if err != nil {
			return fmt.Errorf("move AuditEvents to audit_events: %w", err)
		}
		moved += n
		if n == 0 {
			break
		}
	}
	if moved > 0 {
		log.Info("moved stored AuditEvents to the access log's table", "count", moved)
		return s.rerunMigration(ctx, auditSubjectMigration)
	}
	return nil
}

// auditSubjectMigration makes an entry's patient its subject alone; the entries moved above
// were indexed the old way, after it ran.
const auditSubjectMigration = 10

// rerunMigration runs the statements of one embedded migration again.
func (s *sqlStore) rerunMigration(ctx context.Context, version int64) error {
	ms, err := loadMigrations(s.p.dialect)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.version == version {
			return s.writeOnce(ctx, func(tx Tx) error {
				if _, err := tx.(*sqlTx).tx.ExecContext(ctx, m.sql); err != nil {
					return fmt.Errorf("migration %s again: %w", m.name, err)
				}
				return nil
			})
		}
	}
	return fmt.Errorf("no migration %d", version)
}

// moveLegacyChunk moves up to legacyChunk entries, journal first, and says how many it moved.
func (t *sqlTx) moveLegacyChunk(ctx context.Context) (int, error) {
	recs, last, err := t.readJournal(ctx, legacyChunk)
	if err != nil {
		return 0, err
	}
	if len(recs) > 0 {
		if err := t.appendAudit(ctx, recs); err != nil {
			return 0, err
		}
		_, err := t.tx.ExecContext(ctx, "DELETE FROM audit_journal WHERE seq <= $1", last)
		return len(recs), err
	}
	recs, err = t.readLegacyResources(ctx)
	if err != nil || len(recs) == 0 {
		return 0, err
	}
	if err := t.appendAudit(ctx, recs); err != nil {
		return 0, err
	}
	ids := make([]any, len(recs))
	for i, r := range recs {
		ids[i] = r.rec.ID
	}
	for _, table := range append([]string{"resources", "resource_versions"}, indexTables[:]...) {
		if err := t.execIDs(ctx, "DELETE FROM "+table+" WHERE type = 'AuditEvent' AND id IN", ids); err != nil {
			return 0, fmt.Errorf("delete moved rows of %s: %w", table, err)
		}
	}
	return len(recs), nil
}

// readJournal reads the oldest n rows of audit_journal and the last one's seq.
func (t *sqlTx) readJournal(ctx context.Context, n int) ([]newRow, int64, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT seq, type, id, last_updated, body, idx FROM audit_journal
		ORDER BY seq LIMIT $1`, n)
	if err != nil {
		return nil, 0, fmt.Errorf("read journal: %w", err)
	}
	defer rows.Close()
	var out []newRow
	var last int64
	for rows.Next() {
		var r newRow
		var updated int64
		var idx []byte
		r.rec.VersionID = 1
		if err := rows.Scan(&last, &r.rec.Type, &r.rec.ID, &updated, &r.rec.Body, &idx); err != nil {
			return nil, 0, fmt.Errorf("read journal: %w", err)
		}
		r.rec.LastUpdated = fromMicros(updated)
		if r.index, err = decodeRows(idx); err != nil {
			return nil, 0, fmt.Errorf("journal row %d: %w", last, err)
		}
		out = append(out, r)
	}
	return out, last, rows.Err()
}

// readLegacyResources reads up to legacyChunk AuditEvents from resources with the index rows
// the access log keeps.
func (t *sqlTx) readLegacyResources(ctx context.Context) ([]newRow, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT id, last_updated, body FROM resources
		WHERE type = 'AuditEvent' AND deleted = 0 ORDER BY id LIMIT $1`, legacyChunk)
	if err != nil {
		return nil, fmt.Errorf("read AuditEvents: %w", err)
	}
	var out []newRow
	byID := map[string]int{}
	for rows.Next() {
		r := newRow{rec: Record{Type: "AuditEvent", VersionID: 1}}
		var updated int64
		if err := rows.Scan(&r.rec.ID, &updated, &r.rec.Body); err != nil {
			rows.Close()
			return nil, fmt.Errorf("read AuditEvents: %w", err)
		}
		r.rec.LastUpdated = fromMicros(updated)
		byID[r.rec.ID] = len(out)
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return nil, err
	}
	for _, kind := range []search.Kind{search.Token, search.Reference, search.Date} {
		if err := t.readLegacyIndex(ctx, kind, out, byID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// readLegacyIndex adds the index rows of one kind to recs.
func (t *sqlTx) readLegacyIndex(ctx context.Context, kind search.Kind, recs []newRow, byID map[string]int) error {
	table, cols, _ := indexInsert(kind)
	b := &sqlBuilder{}
	b.write("SELECT id, param, ", strings.Join(cols, ", "), " FROM ", table, " WHERE type = 'AuditEvent' AND id IN (")
	for i, r := range recs {
		if i > 0 {
			b.write(", ")
		}
		b.write(b.arg(r.rec.ID))
	}
	b.write(")")
	rows, err := t.tx.QueryContext(ctx, b.b.String(), b.args...)
	if err != nil {
		return fmt.Errorf("read %s: %w", table, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, param string
		var v1, v2 any
		if err := rows.Scan(&id, &param, &v1, &v2); err != nil {
			return fmt.Errorf("read %s: %w", table, err)
		}
		row := indexRow{kind: kind, param: param, vals: []any{v1, v2}}
		if kind == search.Date {
			row.vals = []any{asInt64(v1), asInt64(v2)}
		} else {
			row.vals = []any{asString(v1), asString(v2)}
		}
		recs[byID[id]].index = append(recs[byID[id]].index, row)
	}
	return rows.Err()
}

func (t *sqlTx) execIDs(ctx context.Context, prefix string, ids []any) error {
	ph := make([]string, len(ids))
	for i := range ids {
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	_, err := t.tx.ExecContext(ctx, prefix+" ("+strings.Join(ph, ", ")+")", ids...)
	return err
}

func asString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []byte:
		return string(v)
	}
	return fmt.Sprint(v)
}

func asInt64(v any) int64 {
	n, _ := v.(int64)
	return n
}
