package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// Group commit of writes on SQLite. SQLite has one writer, and a durable commit costs an fsync
// and the WAL pages it wrote, so concurrent Write calls share one transaction and one commit:
// each caller, in turn, runs its fn inside a SAVEPOINT of the shared transaction on its own
// goroutine (the first one directly in the transaction, see alone); an error (or a version
// conflict) rolls back only that savepoint and that caller gets it at once. The caller whose fn ends while nobody else waits for the transaction commits it,
// and every caller whose fn succeeded is answered only after that commit, with its result. A
// reader outside the transaction never sees a write before its caller is answered, and inside
// fn reads see every write before them in the transaction, its own included.
//
// A statement of a shared transaction must not be interrupted by one caller's context (SQLite
// rolls back the whole transaction when an INSERT, UPDATE or DELETE in it is interrupted), so
// statements run detached from the caller's cancellation; a caller whose context ends while its
// fn runs has its savepoint rolled back and gets the context's error.

// maxGroup bounds how many writes share one commit, so a steady stream of writers still commits
// and answers regularly.
const maxGroup = 128

// group is the shared transaction and the batch of callers waiting for its commit.
type group struct {
	mu      sync.Mutex   // held while a caller's fn runs in the shared transaction
	waiting atomic.Int32 // callers waiting for mu
	tx      *sql.Tx      // nil between commits
	stx     *stmtTx      // tx's statements, prepared on the writer (writerStmts)
	stmts   *writerStmts
	batch   *batch
	commits atomic.Int64 // shared transactions committed, for tests and profiles
}

// batch is the callers of one shared transaction whose fn succeeded.
type batch struct {
	n    int
	done chan struct{} // closed after the commit (or the rollback)
	err  error         // the commit's result, set before done is closed
}

// writeGrouped runs fn in the shared transaction (see above).
func (s *sqlStore) writeGrouped(ctx context.Context, fn func(tx Tx) error) error {
	g := s.g
	g.waiting.Add(1)
	g.mu.Lock()
	g.waiting.Add(-1)
	first := g.tx == nil
	if first {
		// not the caller's context: the transaction outlives this caller
		g.stmts.prepareSeen(context.Background())
		tx, err := s.p.write.BeginTx(context.Background(), s.p.txOpts)
		if err != nil {
			g.mu.Unlock()
			return fmt.Errorf("begin: %w", err)
		}
		g.tx, g.stx, g.batch = tx, newStmtTx(tx, g.stmts), &batch{done: make(chan struct{})}
	}
	b := g.batch
	var err error
	if first {
		if err = s.alone(ctx, fn); err != nil {
			g.mu.Unlock()
			return err
		}
	} else {
		var broken error
		err, broken = s.inSavepoint(ctx, fn)
		if broken != nil {
			g.end(fmt.Errorf("the shared transaction failed: %w", broken))
			g.mu.Unlock()
			return errors.Join(err, broken)
		}
	}
	if err == nil {
		b.n++
	}
	if g.waiting.Load() == 0 || b.n >= maxGroup {
		g.end(nil)
		g.mu.Unlock()
	} else {
		g.mu.Unlock()
		if err == nil {
			<-b.done
		}
	}
	if err != nil {
		return err
	}
	return b.err
}

// end commits the shared transaction (rolls it back when failed is set) and answers its batch;
// the caller holds g.mu.
func (g *group) end(failed error) {
	b := g.batch
	if failed != nil {
		_ = g.tx.Rollback()
		b.err = failed
	} else if err := g.tx.Commit(); err != nil {
		b.err = fmt.Errorf("commit: %w", err)
	} else {
		g.commits.Add(1)
	}
	g.tx, g.stx, g.batch = nil, nil, nil
	close(b.done)
}

// alone runs fn as the first write of a fresh shared transaction, without a savepoint: until
// another caller joins, rolling back the transaction undoes this write alone, so on fn's (or the
// context's) error it ends the transaction rolled back. A savepoint would copy every page the
// write changes into its sub-journal and free them at RELEASE: a third of the CPU of storing the
// access log's journaled entries, which usually write alone, in batches of up to 1,000.
func (s *sqlStore) alone(ctx context.Context, fn func(tx Tx) error) error {
	g := s.g
	panicked := true
	defer func() {
		if panicked {
			g.end(fmt.Errorf("a write in the shared transaction panicked"))
			g.mu.Unlock()
		}
	}()
	err := fn(&sqlTx{tx: g.stx, r: reader{q: g.stx, now: s.now, dialect: s.p.dialect}, anonymous: true})
	panicked = false
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		g.end(err) // nobody else is in it: its batch is empty
	}
	return err
}

// inSavepoint runs fn inside a savepoint of the shared transaction: err is fn's (or the
// context's) error, after which the savepoint was rolled back; broken is set when the
// savepoint itself failed and the shared transaction cannot go on. A panic in fn rolls back
// the whole shared transaction, failing its batch, and goes on in the caller.
func (s *sqlStore) inSavepoint(ctx context.Context, fn func(tx Tx) error) (err, broken error) {
	g := s.g
	conn := g.stx
	bg := context.Background()
	if _, err := conn.ExecContext(bg, "SAVEPOINT w"); err != nil {
		return nil, fmt.Errorf("savepoint: %w", err)
	}
	panicked := true
	defer func() {
		if panicked {
			g.end(fmt.Errorf("a write in the shared transaction panicked"))
			g.mu.Unlock()
		}
	}()
	err = fn(&sqlTx{tx: conn, r: reader{q: conn, now: s.now, dialect: s.p.dialect}, anonymous: true})
	panicked = false
	if err == nil && ctx.Err() != nil {
		err = ctx.Err()
	}
	if err != nil {
		if _, rerr := conn.ExecContext(bg, "ROLLBACK TO w"); rerr != nil {
			return err, fmt.Errorf("rollback to savepoint: %w", rerr)
		}
	}
	if _, rerr := conn.ExecContext(bg, "RELEASE w"); rerr != nil {
		return err, fmt.Errorf("release savepoint: %w", rerr)
	}
	return err, nil
}

// txConn is what a transaction's statements run on.
type txConn interface {
	querier
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// groupWrites reports whether Write uses group commit: on SQLite, whose one writer it serves;
// PostgreSQL has many writers and commits them in parallel.
func groupWrites(p *pools) bool { return p.dialect == dialectSQLite }
