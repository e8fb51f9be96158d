package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// maxArgsPerStatement bounds the values one multi-row INSERT binds: far under SQLite's and
// PostgreSQL's limits (32,766 and 65,535), because SQLite looks each $n name up in a list, so a
// statement's cost grows with the square of its values (a profile of 2,000 rows in statements of
// 30,000 values spent 95 % in prepare and bind).
const maxArgsPerStatement = 600

// New is one new resource (version 1) and its index entries, for Tx.Append.
type New struct {
	Record Record
	Index  []search.Entry
}

// Append writes new resources, each as its version 1, with a handful of multi-row INSERTs for
// the whole batch instead of a few statements per resource: the access log's group commit stores
// hundreds of AuditEvents per transaction this way. Any id that already exists fails the batch
// with Conflict. AuditEvents go to the access log's own tables (audit.go).
func (t *sqlTx) Append(ctx context.Context, recs []New) (err error) {
	defer wrap(&err, "store.Tx.Append(%d)", len(recs))
	if len(recs) == 0 {
		return nil
	}
	rows := make([]newRow, len(recs))
	audit := true
	for i, n := range recs {
		rec := n.Record
		if err := checkRecord(rec); err != nil {
			return err
		}
		if rec.VersionID != 1 || rec.Deleted {
			return apperr.New(apperr.Invalid, "Append takes new resources only, not version %d of %s/%s", rec.VersionID, rec.Type, rec.ID)
		}
		idx, err := rowsOf(n.Index)
		if err != nil {
			return err
		}
		rows[i] = newRow{rec: rec, index: idx}
		audit = audit && isAudit(rec.Type)
	}
	if audit {
		return t.appendAudit(ctx, rows)
	}
	for _, n := range rows {
		if isAudit(n.rec.Type) {
			return apperr.New(apperr.Invalid, "a batch of AuditEvents holds nothing else")
		}
	}
	return t.appendDirect(ctx, rows)
}

// appendAudit writes a batch of AuditEvents.
func (t *sqlTx) appendAudit(ctx context.Context, recs []newRow) error {
	events := make([]auditEvent, len(recs))
	for i, n := range recs {
		a, err := auditEventOf(n.rec, n.index)
		if err != nil {
			return err
		}
		events[i] = a
	}
	return t.insertAudit(ctx, events)
}

// newRow is a new resource with its index rows.
type newRow struct {
	rec   Record
	index []indexRow
}

// appendDirect writes rows into resources, resource_versions and the index tables.
func (t *sqlTx) appendDirect(ctx context.Context, recs []newRow) error {
	rows := make([][]any, len(recs))
	current := make([][]any, len(recs))
	for i, n := range recs {
		rows[i] = []any{n.rec.Type, n.rec.ID, int64(1), toMicros(n.rec.LastUpdated), 0, n.rec.Body, patientsValue(n.rec)}
		current[i] = append(rows[i][:len(rows[i]):len(rows[i])], indexDigest(n.index))
	}
	cols := []string{"type", "id", "version", "last_updated", "deleted", "body", "patients"}
	n, err := t.insertMany(ctx, "resources", append(cols[:len(cols):len(cols)], "index_digest"),
		" ON CONFLICT (type, id) DO NOTHING", current)
	if err != nil {
		return fmt.Errorf("insert resources: %w", err)
	}
	if n != int64(len(recs)) {
		return apperr.New(apperr.Conflict, "%d of %d new resources already exist", int64(len(recs))-n, len(recs))
	}
	if _, err := t.insertMany(ctx, "resource_versions", cols, "", rows); err != nil {
		if isUniqueViolation(err) {
			return apperr.New(apperr.Conflict, "a new resource already has a version 1")
		}
		return fmt.Errorf("insert versions: %w", err)
	}
	return t.appendIndex(ctx, recs)
}

// appendIndex writes the index rows of all recs with one multi-row INSERT per kind; a row given
// twice for one resource is written once (the tables' primary keys hold every column).
func (t *sqlTx) appendIndex(ctx context.Context, recs []newRow) error {
	byKind := make(map[search.Kind][][]any, len(indexKinds))
	for _, n := range recs {
		for _, e := range distinctRows(n.index) {
			row := append([]any{n.rec.Type, n.rec.ID, e.param}, e.vals...)
			byKind[e.kind] = append(byKind[e.kind], row)
		}
	}
	for _, kind := range indexKinds {
		if len(byKind[kind]) == 0 {
			continue
		}
		table, cols, _ := indexInsert(kind)
		cols = append([]string{"type", "id", "param"}, cols...)
		if _, err := t.insertMany(ctx, table, cols, "", byKind[kind]); err != nil {
			return fmt.Errorf("insert %s rows: %w", table, err)
		}
	}
	return nil
}

// chunkRows is how many of n rows the next INSERT takes, at most per: all of them up to 16, past
// that a power of two, so the statement texts repeat and the writer keeps them prepared
// (writerstmts.go) instead of parsing a new text for every row count.
func chunkRows(n, per int) int {
	if n <= 16 {
		return min(n, per)
	}
	c := 16
	for c*2 <= min(n, per) {
		c *= 2
	}
	return min(c, per)
}

// insertMany inserts rows (each with one value per column) in as few statements as the limit
// on bound values allows, and returns how many rows were inserted.
// placeholder is the n-th bound value's placeholder: "$n", or "?" on SQLite's shared
// transaction. The SQLite driver asks for every parameter's name before binding it, and SQLite
// finds a name by a linear search of the statement's named parameters, so binding a multi-row
// INSERT of $1..$n costs O(n²) (sqlite3VListNumToName showed in the ingest's profile).
// Anonymous parameters have no names to search. At 600 values a statement the gain is small
// (BenchmarkIngest could not tell it from noise); it grows with the statement.
func (t *sqlTx) placeholder(n int) string {
	if t.anonymous {
		return "?"
	}
	return "$" + strconv.Itoa(n)
}

func (t *sqlTx) insertMany(ctx context.Context, table string, cols []string, suffix string, rows [][]any) (int64, error) {
	per := max(1, maxArgsPerStatement/len(cols))
	var total int64
	for len(rows) > 0 {
		chunk := rows[:chunkRows(len(rows), per)]
		rows = rows[len(chunk):]
		var b strings.Builder
		b.WriteString("INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES ")
		args := make([]any, 0, len(chunk)*len(cols))
		for i, row := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteByte('(')
			for j, v := range row {
				if j > 0 {
					b.WriteString(", ")
				}
				args = append(args, v)
				b.WriteString(t.placeholder(len(args)))
			}
			b.WriteByte(')')
		}
		b.WriteString(suffix)
		res, err := t.tx.ExecContext(ctx, b.String(), args...)
		if err != nil {
			return total, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, fmt.Errorf("rows affected: %w", err)
		}
		total += n
	}
	return total, nil
}
