package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// Put writes rec as the next version. The version check is the write itself: a new resource is an
// INSERT that does nothing when the key exists, a new version an UPDATE guarded by the current
// version, so a writer that lost a race changes no row and gets Conflict. The primary key of
// resource_versions is the second guard.
func (t *sqlTx) Put(ctx context.Context, rec Record, index []search.Entry) (err error) {
	defer wrap(&err, "store.Tx.Put(%s/%s/_history/%d)", rec.Type, rec.ID, rec.VersionID)
	if err := checkRecord(rec); err != nil {
		return err
	}
	// The access log is append-only: no path through the store changes or deletes an entry.
	if isAudit(rec.Type) {
		rows, err := rowsOf(index)
		if err != nil {
			return err
		}
		a, err := auditEventOf(rec, rows)
		if err != nil {
			return err
		}
		return t.insertAudit(ctx, []auditEvent{a})
	}
	w := versionRow{rec: rec, updated: toMicros(rec.LastUpdated)}
	var rows []indexRow
	if rec.Deleted {
		w.deleted = 1
	} else {
		if rows, err = rowsOf(index); err != nil {
			return err
		}
		w.body, w.digest = rec.Body, indexDigest(rows)
	}
	var before []byte // the current rows' digest, read before putCurrent replaces it
	if rec.VersionID > 1 && !rec.Deleted {
		if before, err = t.digestOf(ctx, rec.Type, rec.ID, rec.VersionID-1); err != nil {
			return err
		}
	}
	if err := t.putCurrent(ctx, w); err != nil {
		return err
	}
	t.digests.remember(Key{Type: rec.Type, ID: rec.ID}, rec.VersionID, w.digest)
	if _, err := t.tx.ExecContext(ctx, `INSERT INTO resource_versions
		(type, id, version, last_updated, deleted, body, patients) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		rec.Type, rec.ID, rec.VersionID, w.updated, w.deleted, w.body, patientsValue(rec)); err != nil {
		if isUniqueViolation(err) {
			return conflict(rec)
		}
		return fmt.Errorf("insert version: %w", err)
	}
	return t.putIndex(ctx, rec, rows, bytes.Equal(before, w.digest) && before != nil)
}

// versionRow is what Put writes into resources and resource_versions.
type versionRow struct {
	rec     Record
	updated int64  // rec.LastUpdated in microseconds
	deleted int    // 1 for a deletion
	body    []byte // nil for a deletion
	digest  []byte // the index rows' indexDigest; nil for a deletion, which has none
}

// putIndex makes the resource's index rows those of rec: none for a deletion, all of rows for a
// new resource, and for a new version only the difference from the rows it has (indexdiff.go),
// nothing at all when unchanged says the digests are equal.
func (t *sqlTx) putIndex(ctx context.Context, rec Record, rows []indexRow, unchanged bool) error {
	switch {
	case rec.Deleted && rec.VersionID == 1:
		return nil
	case rec.Deleted:
		return t.deleteIndex(ctx, rec.Type, rec.ID)
	case rec.VersionID == 1:
		return t.appendIndex(ctx, []newRow{{rec: Record{Type: rec.Type, ID: rec.ID}, index: rows}})
	case unchanged:
		return nil
	}
	return t.replaceIndex(ctx, rec.Type, rec.ID, rows)
}

// digestOf is the index_digest of version of typ/id: nil when it has none or is not current (Put
// then fails on the version). The transaction's Get of that version saw it already, so an update
// (which reads the current version first) does not read the row again on SQLite's one writer.
func (t *sqlTx) digestOf(ctx context.Context, typ, id string, version int64) ([]byte, error) {
	if d, ok := t.digests.lookup(Key{Type: typ, ID: id}, version); ok {
		return d, nil
	}
	var d []byte
	err := t.tx.QueryRowContext(ctx, `SELECT index_digest FROM resources WHERE type = $1 AND id = $2`, typ, id).Scan(&d)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read index digest: %w", err)
	}
	return d, nil
}

// getCurrent is Tx.Get of a resource (not an AuditEvent), remembering its index digest for Put.
func (t *sqlTx) getCurrent(ctx context.Context, typ, id string) (Record, error) {
	const text = `SELECT version, last_updated, deleted, body, patients, index_digest FROM resources
		WHERE type = $1 AND id = $2`
	var digest []byte
	rows, err := t.tx.QueryContext(ctx, text, typ, id)
	if err != nil {
		return Record{}, fmt.Errorf("query: %w", err)
	}
	rec, found, err := scanOne(rows, typ, id, &digest)
	if err != nil {
		return Record{}, err
	}
	if !found {
		return Record{}, apperr.New(apperr.NotFound, "%s/%s is not known", typ, id)
	}
	t.digests.remember(Key{Type: typ, ID: id}, rec.VersionID, digest)
	return rec, nil
}

// knownDigests are the index digests of the versions a transaction (one caller's, inside the
// shared one on SQLite) read or wrote, by resource; its Puts keep them current.
type knownDigests map[Key]knownDigest

type knownDigest struct {
	version int64
	digest  []byte
}

func (k *knownDigests) remember(key Key, version int64, digest []byte) {
	if *k == nil {
		*k = make(knownDigests, 2)
	}
	(*k)[key] = knownDigest{version: version, digest: digest}
}

// lookup is the digest of key's version when it is the one remembered.
func (k knownDigests) lookup(key Key, version int64) ([]byte, bool) {
	d, ok := k[key]
	if !ok || d.version != version {
		return nil, false
	}
	return d.digest, true
}

func checkRecord(rec Record) error {
	switch {
	case rec.Type == "" || rec.ID == "":
		return apperr.New(apperr.Invalid, "a stored resource needs a type and an id")
	case rec.VersionID < 1:
		return apperr.New(apperr.Invalid, "version %d of %s/%s is not a valid version", rec.VersionID, rec.Type, rec.ID)
	case rec.LastUpdated.IsZero():
		return apperr.New(apperr.Invalid, "%s/%s has no lastUpdated time", rec.Type, rec.ID)
	case !rec.Deleted && len(rec.Body) == 0:
		return apperr.New(apperr.Invalid, "%s/%s has no body", rec.Type, rec.ID)
	}
	return nil
}

func conflict(rec Record) error {
	return apperr.New(apperr.Conflict, "%s/%s was changed by someone else; version %d is not the next version",
		rec.Type, rec.ID, rec.VersionID)
}

func (t *sqlTx) putCurrent(ctx context.Context, w versionRow) error {
	rec := w.rec
	var (
		n   int64
		err error
	)
	if rec.VersionID == 1 {
		res, e := t.tx.ExecContext(ctx, `INSERT INTO resources (type, id, version, last_updated, deleted, body, patients,
			index_digest) VALUES ($1, $2, 1, $3, $4, $5, $6, $7) ON CONFLICT (type, id) DO NOTHING`,
			rec.Type, rec.ID, w.updated, w.deleted, w.body, patientsValue(rec), w.digest)
		if e != nil {
			return fmt.Errorf("insert resource: %w", e)
		}
		n, err = res.RowsAffected()
	} else {
		res, e := t.tx.ExecContext(ctx, `UPDATE resources SET version = $3, last_updated = $4, deleted = $5, body = $6,
			patients = $8, index_digest = $9 WHERE type = $1 AND id = $2 AND version = $7`,
			rec.Type, rec.ID, rec.VersionID, w.updated, w.deleted, w.body, rec.VersionID-1, patientsValue(rec), w.digest)
		if e != nil {
			return fmt.Errorf("update resource: %w", e)
		}
		n, err = res.RowsAffected()
	}
	if err != nil {
		return fmt.Errorf("rows affected: %w", err)
	}
	if n != 1 {
		return conflict(rec)
	}
	return nil
}

// indexTables are the index tables; their names never come from a request.
var indexTables = [...]string{"search_token", "search_string", "search_reference", "search_date", "search_number"}

func (t *sqlTx) deleteIndex(ctx context.Context, typ, id string) error {
	for _, table := range indexTables {
		if _, err := t.tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE type = $1 AND id = $2", typ, id); err != nil {
			return fmt.Errorf("delete %s rows: %w", table, err)
		}
	}
	return nil
}

// indexKinds is the order in which appendIndex writes the kinds, so every transaction touches the
// tables in the same order.
var indexKinds = [...]search.Kind{search.Token, search.String, search.Reference, search.Date, search.Number}

// indexInsert names the table and value columns of a kind.
func indexInsert(k search.Kind) (table string, cols []string, ok bool) {
	switch k {
	case search.Token:
		return "search_token", []string{"system", "code"}, true
	case search.String:
		return "search_string", []string{"value"}, true
	case search.Reference:
		return "search_reference", []string{"ref_type", "ref_id"}, true
	case search.Date:
		return "search_date", []string{"low", "high"}, true
	case search.Number:
		return "search_number", []string{"value"}, true
	}
	return "", nil, false
}

// entryValues are an entry's values in the order of indexInsert's columns.
func entryValues(e search.Entry) []any {
	switch e.Kind {
	case search.Token:
		return []any{e.System, e.Code}
	case search.String:
		return []any{e.Text}
	case search.Reference:
		return []any{e.RefType, e.RefID}
	case search.Date:
		return []any{lowMicros(e.Low), highMicros(e.High)}
	default:
		return []any{e.Number}
	}
}
