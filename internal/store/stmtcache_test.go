package store

import (
	"context"
	"testing"
)

type ctxKey struct{}

// TestPointCtx: on SQLite a point look-up runs without the request's cancellation (no watcher
// goroutines per query) but with its values; elsewhere the context is the caller's.
func TestPointCtx(t *testing.T) {
	parent, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, "v"))
	defer cancel()
	for _, tc := range []struct {
		name     string
		cache    *stmtCache
		detached bool
	}{
		{"sqlite", &stmtCache{detach: true}, true},
		{"postgres", &stmtCache{}, false},
		{"inside a transaction (no cache)", nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := tc.cache.pointCtx(parent)
			if got := ctx.Done() == nil; got != tc.detached {
				t.Errorf("detached = %v, want %v", got, tc.detached)
			}
			if !tc.detached && ctx != parent {
				t.Error("not the caller's context")
			}
			if ctx.Value(ctxKey{}) != "v" {
				t.Error("the context's values are lost")
			}
		})
	}
}

// TestStoresDetachPointLookups: Open gives SQLite's read cache detach, PostgreSQL's not.
func TestStoresDetachPointLookups(t *testing.T) {
	s, err := Open(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !s.(*sqlStore).stmts.detach {
		t.Error("SQLite's point look-ups keep the caller's cancellation")
	}
	if pg := newSQLStore(&pools{dialect: dialectPostgres}, nil); pg.stmts.detach {
		t.Error("PostgreSQL's point look-ups lose the caller's cancellation")
	}
}
