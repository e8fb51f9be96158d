package store

import (
	"context"
	"fmt"
	"testing"

	"veiviser/internal/search"
)

// TestWriterStmtsReused: on SQLite the shared transaction's statements are prepared once on the
// writer and reused by the writes after, which still store what they are given.
func TestWriterStmtsReused(t *testing.T) {
	ctx := context.Background()
	s := openInternal(t, Config{DataDir: t.TempDir()})
	index := []search.Entry{{Param: "subject", Kind: search.Reference, RefType: "Patient", RefID: "p1"}}
	for i := range 4 {
		err := s.Write(ctx, func(tx Tx) error {
			id := fmt.Sprintf("g%d", i)
			if err := tx.Put(ctx, Record{Type: "Goal", ID: id, VersionID: 1, LastUpdated: jt0, Body: []byte(`{}`)}, index); err != nil {
				return err
			}
			_, err := tx.Get(ctx, "Goal", id)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	s.g.stmts.mu.Lock()
	prepared := len(s.g.stmts.m)
	s.g.stmts.mu.Unlock()
	// the INSERTs into resources, resource_versions and search_reference, the Get (one write at a
	// time is alone in its transaction: no SAVEPOINT)
	if prepared < 4 {
		t.Errorf("%d statements prepared on the writer after four alike writes, want at least 4", prepared)
	}
	page, err := s.Search(ctx, search.Query{Type: "Goal", Clauses: []search.Clause{{Param: "subject", Kind: search.Reference,
		Values: []search.Value{{RefType: "Patient", RefID: "p1"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Records) != 4 {
		t.Errorf("search by subject found %d Goals, want 4", len(page.Records))
	}
}

func TestChunkRows(t *testing.T) {
	for _, c := range []struct{ n, per, want int }{
		{1, 150, 1}, {7, 150, 7}, {16, 150, 16}, {17, 150, 16}, {40, 150, 32}, {64, 150, 64},
		{1000, 150, 128}, {1000, 40, 32}, {30, 40, 16}, {10, 4, 4}, {3, 1, 1},
	} {
		if got := chunkRows(c.n, c.per); got != c.want {
			t.Errorf("chunkRows(%d, %d) = %d, want %d", c.n, c.per, got, c.want)
		}
	}
}
