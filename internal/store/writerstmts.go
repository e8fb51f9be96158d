package store

import (
	"context"
	"database/sql"
	"sync"
)

// Prepared statements on SQLite's one writer connection. modernc's SQLite parses and plans every
// statement run without a prepared *sql.Stmt anew (the profile of create+update spent 10 % of the
// writer in prepareV2 and 6 % of reads' CPU in the parser), and the shared transaction of group
// commit runs the same few texts over and over. A statement cannot be prepared on the writer pool
// while a transaction holds its one connection (database/sql would wait for it), so a text the
// transaction asks for twice is remembered and prepared just before the next shared transaction
// begins; within a transaction the prepared statement is bound to it once (Tx.StmtContext reuses
// the connection's prepared handle) and kept for the transaction's other callers.

// maxWriterStmts bounds the prepared statements on the writer: the texts repeat (multi-row
// INSERTs use fixed row counts, chunkRows), so a running server needs a few dozen.
const maxWriterStmts = 512

// writerStmts are the writer pool's prepared statements by SQL text.
type writerStmts struct {
	db   *sql.DB
	mu   sync.Mutex
	m    map[string]*sql.Stmt
	seen map[string]int // texts run unprepared in a transaction, and how often
}

func newWriterStmts(db *sql.DB) *writerStmts {
	return &writerStmts{db: db, m: make(map[string]*sql.Stmt), seen: make(map[string]int)}
}

// lookup returns the prepared statement for text, or nil; a miss counts towards preparing it.
func (w *writerStmts) lookup(text string) *sql.Stmt {
	w.mu.Lock()
	defer w.mu.Unlock()
	if st, ok := w.m[text]; ok {
		return st
	}
	if len(w.seen) >= maxWriterStmts {
		clear(w.seen) // texts seen once and never again (searches by lists of ids): start over
	}
	w.seen[text]++
	return nil
}

// prepareSeen prepares the texts asked for more than once; the caller makes sure no transaction
// holds the writer. A text that fails to prepare is dropped: it keeps running unprepared, and its
// error shows there.
func (w *writerStmts) prepareSeen(ctx context.Context) {
	w.mu.Lock()
	var texts []string
	for text, n := range w.seen {
		if n > 1 && len(w.m)+len(texts) < maxWriterStmts {
			texts = append(texts, text)
			delete(w.seen, text)
		}
	}
	w.mu.Unlock()
	for _, text := range texts {
		st, err := w.db.PrepareContext(ctx, text)
		if err != nil {
			continue
		}
		w.mu.Lock()
		w.m[text] = st
		w.mu.Unlock()
	}
}

func (w *writerStmts) close() {
	w.mu.Lock()
	defer w.mu.Unlock()
	for k, st := range w.m {
		_ = st.Close()
		delete(w.m, k)
	}
}

// stmtTx runs a shared transaction's statements through the writer's prepared statements, and
// without the caller's cancellation (see group.go). Only one caller's fn runs at a time (the
// group's mutex), so its map needs no lock of its own.
type stmtTx struct {
	tx *sql.Tx
	w  *writerStmts
	m  map[string]*sql.Stmt // the writer's statements bound to tx
}

func newStmtTx(tx *sql.Tx, w *writerStmts) *stmtTx {
	return &stmtTx{tx: tx, w: w, m: make(map[string]*sql.Stmt)}
}

// stmt returns text's statement bound to the transaction, or nil to run it unprepared.
func (t *stmtTx) stmt(ctx context.Context, text string) *sql.Stmt {
	if st, ok := t.m[text]; ok {
		return st
	}
	parent := t.w.lookup(text)
	if parent == nil {
		return nil
	}
	st := t.tx.StmtContext(ctx, parent)
	t.m[text] = st
	return st
}

func (t *stmtTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	ctx = context.WithoutCancel(ctx)
	if st := t.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.tx.ExecContext(ctx, q, args...)
}

func (t *stmtTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	ctx = context.WithoutCancel(ctx)
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.tx.QueryContext(ctx, q, args...)
}

func (t *stmtTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	ctx = context.WithoutCancel(ctx)
	if st := t.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}
