package store

import (
	"context"
	"database/sql"
	"fmt"

	"veiviser/internal/apperr"
)

// History returns versions newest first: of one resource (Type and ID), of a type (Type), or of
// everything; Count+1 rows are fetched so the bool says whether more follow.
func (s *sqlStore) History(ctx context.Context, q HistoryQuery) (_ []Record, _ bool, err error) {
	defer wrap(&err, "store.History(%s/%s)", q.Type, q.ID)
	if q.ID != "" && q.Type == "" {
		return nil, false, apperr.New(apperr.Invalid, "history of an id needs its resource type")
	}
	count := PageSize(q.Count)
	b := &sqlBuilder{}
	// AuditEvents live in their own table (audit.go), each as its version 1.
	versions := "SELECT type, id, version, last_updated, deleted, body, patients FROM resource_versions"
	audits := "SELECT 'AuditEvent' AS type, id, 1 AS version, last_updated, 0 AS deleted, body, NULL AS patients FROM audit_events"
	switch {
	case isAudit(q.Type):
		b.write("SELECT * FROM (", audits, ") h WHERE 1 = 1")
	case q.Type == "":
		b.write("SELECT * FROM (", versions, " UNION ALL ", audits, ") h WHERE 1 = 1")
	default:
		b.write("SELECT * FROM (", versions, ") h WHERE type = ", b.arg(q.Type))
	}
	if q.ID != "" {
		b.write(" AND id = ", b.arg(q.ID))
	}
	if !q.Since.IsZero() {
		b.write(" AND last_updated >= ", b.arg(toMicros(q.Since)))
	}
	if q.ID != "" {
		b.write(" ORDER BY version DESC")
	} else {
		b.write(" ORDER BY last_updated DESC, type, id, version DESC")
	}
	b.write(" LIMIT ", b.arg(count+1), " OFFSET ", b.arg(max(q.Offset, 0)))
	rows, err := s.pool().query(ctx, true, b.b.String(), b.args...)
	if err != nil {
		return nil, false, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		if len(out) == count {
			return out, true, nil
		}
		var rec Record
		var updated, deleted int64
		var patients sql.NullString
		if err := rows.Scan(&rec.Type, &rec.ID, &rec.VersionID, &updated, &deleted, &rec.Body, &patients); err != nil {
			return nil, false, fmt.Errorf("scan: %w", err)
		}
		setPatients(&rec, patients)
		rec.LastUpdated = fromMicros(updated)
		rec.Deleted = deleted != 0
		out = append(out, rec)
	}
	return out, false, rows.Err()
}
