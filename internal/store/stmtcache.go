package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// maxCachedStmts bounds the prepared statements kept per store. Search SQL depends only on the
// query's shape, so a running server needs few; past the bound, statements run unprepared.
const maxCachedStmts = 256

// stmtCache keeps prepared statements by SQL text. Get and the common searches run without
// re-parsing their SQL (modernc's SQLite otherwise prepares every statement on every call).
type stmtCache struct {
	db     *sql.DB
	mu     sync.RWMutex
	m      map[string]*sql.Stmt
	detach bool // point look-ups run without the caller's cancellation (pointCtx)
}

// newStmtCache returns a cache over db; detach is for SQLite (see pointCtx).
func newStmtCache(db *sql.DB, detach bool) *stmtCache {
	return &stmtCache{db: db, m: make(map[string]*sql.Stmt), detach: detach}
}

// pointCtx is the context a point look-up (one row by its key: Get, a token, a session) runs
// in. On SQLite it is ctx without its cancellation: with a cancellable context (every request's)
// database/sql and the driver each start a goroutine per query to watch it, which cost a read
// more CPU than its two look-ups themselves (BenchmarkAPI/sqlite-unlogged/read: 40 against 26
// µs), while a look-up in the local file takes microseconds and is not worth interrupting.
// PostgreSQL keeps it: there a query waits on the network. Searches keep it everywhere.
func (c *stmtCache) pointCtx(ctx context.Context) context.Context {
	if c == nil || !c.detach {
		return ctx
	}
	return context.WithoutCancel(ctx)
}

// get returns the prepared statement for text, or nil when the cache is full.
func (c *stmtCache) get(ctx context.Context, text string) (*sql.Stmt, error) {
	c.mu.RLock()
	st, ok := c.m[text]
	n := len(c.m)
	c.mu.RUnlock()
	if ok {
		return st, nil
	}
	if n >= maxCachedStmts {
		return nil, nil
	}
	st, err := c.db.PrepareContext(ctx, text)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.m[text]; ok {
		_ = st.Close() // another goroutine prepared it first
		return old, nil
	}
	c.m[text] = st
	return st, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, st := range c.m {
		_ = st.Close()
		delete(c.m, k)
	}
}
