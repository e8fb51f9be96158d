package store

import (
	"context"
	"testing"
)

// TestSQLiteSettings checks the settings durability and concurrency rest on: WAL, synchronous FULL
// (an acknowledged commit is on disk), foreign keys, one writer connection, query_only readers.
func TestSQLiteSettings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := openInternal(t, Config{DataDir: t.TempDir()}).p
	for _, tc := range []struct {
		pragma string
		want   string
	}{
		{"journal_mode", "wal"},
		{"synchronous", "2"},
		{"foreign_keys", "1"},
		{"busy_timeout", "10000"},
		{"query_only", "0"},
	} {
		var got string
		if err := p.write.QueryRowContext(ctx, "PRAGMA "+tc.pragma).Scan(&got); err != nil {
			t.Fatalf("writer PRAGMA %s: %v", tc.pragma, err)
		}
		if got != tc.want {
			t.Errorf("writer PRAGMA %s = %s, want %s", tc.pragma, got, tc.want)
		}
	}
	var qo, sync string
	if err := p.read.QueryRowContext(ctx, "PRAGMA query_only").Scan(&qo); err != nil || qo != "1" {
		t.Errorf("reader query_only = %q, %v; want 1", qo, err)
	}
	if err := p.read.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil || sync != "2" {
		t.Errorf("reader synchronous = %q, %v; want 2", sync, err)
	}
	if _, err := p.read.ExecContext(ctx, "DELETE FROM resources"); err == nil {
		t.Error("a reader connection could write")
	}
	if got := p.write.Stats().MaxOpenConnections; got != 1 {
		t.Errorf("writer MaxOpenConnections = %d, want 1", got)
	}
}
