package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCheckpointerMovesWAL: the writer never checkpoints (wal_autocheckpoint=0), so committed
// pages reach the database file only through the background checkpointer; it does so within a
// few ticks, and writes and reads go on after it.
func TestCheckpointerMovesWAL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := Open(ctx, Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	dbFile := filepath.Join(dir, "veiviser.db")
	size := func() int64 {
		fi, err := os.Stat(dbFile)
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	before := size()
	body := []byte(`{"text":"` + strings.Repeat("x", 2000) + `"}`)
	if err := st.Write(ctx, func(tx Tx) error {
		for i := range 500 {
			rec := Record{Type: "Goal", ID: fmt.Sprintf("g%d", i), VersionID: 1, LastUpdated: jt0, Body: body}
			if err := tx.Put(ctx, rec, nil); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for size() < before+500*2000 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if got := size(); got < before+500*2000 {
		t.Fatalf("the database file grew from %d to %d bytes after 1 MB was committed: no checkpoint", before, got)
	}
	// the next write may start the WAL over: everything is still there
	if err := st.Write(ctx, func(tx Tx) error {
		return tx.Put(ctx, Record{Type: "Goal", ID: "last", VersionID: 1, LastUpdated: jt0, Body: body}, nil)
	}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"g0", "g499", "last"} {
		if _, err := st.Get(ctx, "Goal", id); err != nil {
			t.Errorf("Goal/%s: %v", id, err)
		}
	}
}

// TestCloseTwice: a store may be closed twice (the server's shutdown and a deferred close both
// do), as *sql.DB may; the checkpointer stops once.
func TestCloseTwice(t *testing.T) {
	st, err := Open(context.Background(), Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}
