package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// maxWriteAttempts bounds how often Write runs fn when PostgreSQL reports a serialization failure
// or a deadlock.
const maxWriteAttempts = 5

// sqlStore is the Store over database/sql for both dialects.
type sqlStore struct {
	p     *pools
	stmts *stmtCache // prepared statements on the read pool
	now   func() time.Time
	g     *group // group commit of writes (group.go); nil on PostgreSQL
}

func newSQLStore(p *pools, now func() time.Time) *sqlStore {
	return &sqlStore{p: p, stmts: newStmtCache(p.read, p.dialect == dialectSQLite), now: now}
}

// groupCommits turns on group commit when the dialect wants it.
func (s *sqlStore) groupCommits() {
	if groupWrites(s.p) {
		s.g = &group{stmts: newWriterStmts(s.p.write)}
	}
}

// pool is the reader for statements outside a transaction: the read pool, with prepared statements.
func (s *sqlStore) pool() reader {
	return reader{q: s.p.read, stmts: s.stmts, now: s.now, dialect: s.p.dialect}
}

func (s *sqlStore) Get(ctx context.Context, typ, id string) (_ Record, err error) {
	defer wrap(&err, "store.Get(%s/%s)", typ, id)
	return s.pool().get(ctx, typ, id)
}

func (s *sqlStore) Search(ctx context.Context, q search.Query) (_ Page, err error) {
	defer wrap(&err, "store.Search(%s)", q.Type)
	return s.pool().search(ctx, q)
}

func (s *sqlStore) GetVersion(ctx context.Context, typ, id string, version int64) (_ Record, err error) {
	defer wrap(&err, "store.GetVersion(%s/%s/_history/%d)", typ, id, version)
	if isAudit(typ) {
		if version != 1 {
			return Record{}, apperr.New(apperr.NotFound, "%s/%s has no version %d", typ, id, version)
		}
		return s.pool().getAudit(ctx, id)
	}
	const text = `SELECT version, last_updated, deleted, body, patients FROM resource_versions
		WHERE type = $1 AND id = $2 AND version = $3`
	rows, err := s.pool().query(ctx, true, text, typ, id, version)
	return theRecord(rows, err, typ, id, func() error {
		return apperr.New(apperr.NotFound, "%s/%s has no version %d", typ, id, version)
	})
}

// Write runs fn in one transaction on the writer, again when PostgreSQL asks for a retry; on
// SQLite concurrent calls share a transaction and its commit, each fn in a savepoint (group.go).
func (s *sqlStore) Write(ctx context.Context, fn func(tx Tx) error) (err error) {
	defer wrap(&err, "store.Write")
	if s.g != nil {
		return s.writeGrouped(ctx, fn)
	}
	for attempt := 1; ; attempt++ {
		err = s.writeOnce(ctx, fn)
		if err == nil || !isRetryable(err) || attempt >= maxWriteAttempts {
			return err
		}
		select {
		case <-ctx.Done():
			return errors.Join(err, ctx.Err())
		case <-time.After(time.Duration(attempt) * 3 * time.Millisecond):
		}
	}
}

func (s *sqlStore) writeOnce(ctx context.Context, fn func(tx Tx) error) error {
	tx, err := s.p.write.BeginTx(ctx, s.p.txOpts)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	done := false
	defer func() {
		if !done {
			_ = tx.Rollback() // also on panic in fn
		}
	}()
	t := &sqlTx{tx: tx, r: reader{q: tx, now: s.now, dialect: s.p.dialect}}
	if err := fn(t); err != nil {
		return err
	}
	done = true
	if err := tx.Commit(); err != nil {
		// a context that ended makes database/sql roll back; say so rather than ErrTxDone alone
		return fmt.Errorf("commit: %w", errors.Join(err, ctx.Err()))
	}
	return nil
}

func (s *sqlStore) Ping(ctx context.Context) (err error) {
	defer wrap(&err, "store.Ping")
	if err := s.p.read.PingContext(ctx); err != nil {
		return err
	}
	if s.p.write != s.p.read {
		return s.p.write.PingContext(ctx)
	}
	return nil
}

func (s *sqlStore) Stats() Stats { return s.p.stats() }

// Close closes the prepared statements and the pools; database/sql waits for running queries.
func (s *sqlStore) Close() error {
	s.stmts.close()
	if s.g != nil {
		s.g.stmts.close()
	}
	return s.p.close()
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// reader runs the read queries shared by the store and its transactions.
type reader struct {
	q       querier
	stmts   *stmtCache // nil inside a transaction: preparing on the writer pool would wait for the connection the transaction holds
	now     func() time.Time
	dialect string // for the little SQL that differs (valueSet)
}

// query runs text, through a prepared statement when cacheable and a cache is at hand. Only SQL
// whose text depends on the query's shape, never on the number of values, should be cacheable.
func (r reader) query(ctx context.Context, cacheable bool, text string, args ...any) (*sql.Rows, error) {
	if cacheable && r.stmts != nil {
		st, err := r.stmts.get(ctx, text)
		if err != nil {
			return nil, err
		}
		if st != nil {
			return st.QueryContext(ctx, args...)
		}
	}
	return r.q.QueryContext(ctx, text, args...)
}

// queryRow runs a fixed single-row query on the read pool through a prepared statement: the
// bearer token and its client are looked up on every API request (in the read profile the two
// unprepared lookups were a fifth of the server's CPU, most of it parsing the SQL).
func (s *sqlStore) queryRow(ctx context.Context, text string, args ...any) *sql.Row {
	ctx = s.stmts.pointCtx(ctx)
	if st, err := s.stmts.get(ctx, text); err == nil && st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return s.p.read.QueryRowContext(ctx, text, args...)
}

func (r reader) get(ctx context.Context, typ, id string) (Record, error) {
	if isAudit(typ) {
		return r.getAudit(ctx, id)
	}
	const text = `SELECT version, last_updated, deleted, body, patients FROM resources WHERE type = $1 AND id = $2`
	rows, err := r.query(r.stmts.pointCtx(ctx), true, text, typ, id)
	return theRecord(rows, err, typ, id, func() error { return apperr.New(apperr.NotFound, "%s/%s is not known", typ, id) })
}

// scanOne reads at most one (version, last_updated, deleted, body, patients) row, and into extra
// the columns after those, and closes rows.
func scanOne(rows *sql.Rows, typ, id string, extra ...any) (Record, bool, error) {
	defer rows.Close()
	if !rows.Next() {
		return Record{}, false, rows.Err()
	}
	rec := Record{Type: typ, ID: id}
	var updated, deleted int64
	var patients sql.NullString
	if err := rows.Scan(append([]any{&rec.VersionID, &updated, &deleted, &rec.Body, &patients}, extra...)...); err != nil {
		return Record{}, false, fmt.Errorf("scan: %w", err)
	}
	setPatients(&rec, patients)
	rec.LastUpdated = fromMicros(updated)
	rec.Deleted = deleted != 0
	return rec, true, rows.Err()
}

// sqlTx is one write transaction; its reads see its own writes.
type sqlTx struct {
	tx txConn // the *sql.Tx, or the shared one: detached from the caller's cancellation, statements prepared (group.go, writerstmts.go)
	r  reader
	// anonymous: bind values by "?" rather than "$n" (SQLite's shared transaction, append.go)
	anonymous bool
	digests   knownDigests // index digests this transaction read or wrote (put.go)
}

func (t *sqlTx) Get(ctx context.Context, typ, id string) (_ Record, err error) {
	defer wrap(&err, "store.Tx.Get(%s/%s)", typ, id)
	if isAudit(typ) {
		return t.r.get(ctx, typ, id)
	}
	return t.getCurrent(ctx, typ, id)
}

func (t *sqlTx) Search(ctx context.Context, q search.Query) (_ Page, err error) {
	defer wrap(&err, "store.Tx.Search(%s)", q.Type)
	return t.r.search(ctx, q)
}

// theRecord is the one record rows of typ/id hold, after a query that failed with err or not;
// missing is the error when they hold none.
func theRecord(rows *sql.Rows, err error, typ, id string, missing func() error) (Record, error) {
	if err != nil {
		return Record{}, fmt.Errorf("query: %w", err)
	}
	rec, found, err := scanOne(rows, typ, id)
	if err != nil {
		return Record{}, err
	}
	if !found {
		return Record{}, missing()
	}
	return rec, nil
}
