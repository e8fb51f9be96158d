package main

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"veiviser/internal/store"
)

// TestBackupUnderWriteLoad (issue 17, point 1): a backup taken while writes go on restores into
// a fresh folder holding every write acknowledged before the backup began, with the access log's
// journal beside it; restore refuses a folder that is not empty and a backup with a file that is
// not a Veiviser backup's.
func TestBackupUnderWriteLoad(t *testing.T) {
	ctx := context.Background()
	data := t.TempDir()
	st, err := store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	segment := bytes.Repeat([]byte("journal-bytes "), 100)
	if err := os.MkdirAll(filepath.Join(data, AccessLogDir), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(data, AccessLogDir, "000000000001.seg"), segment, 0o600); err != nil {
		t.Fatal(err)
	}

	var acked atomic.Int64 // writes acknowledged so far: ids 1..acked
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for n := int64(1); ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			rec := store.Record{Type: "Basic", ID: fmt.Sprintf("w%d", n), VersionID: 1, LastUpdated: time.Now().UTC(),
				Body: []byte(fmt.Sprintf(`{"resourceType":"Basic","id":"w%d","meta":{"versionId":"1"}}`, n))}
			if err := st.Write(ctx, func(tx store.Tx) error { return tx.Put(ctx, rec, nil) }); err != nil {
				t.Errorf("write %d: %v", n, err)
				return
			}
			acked.Store(n)
		}
	}()
	for acked.Load() < 50 {
		time.Sleep(time.Millisecond)
	}
	before := acked.Load()
	file := filepath.Join(t.TempDir(), "veiviser.backup")
	if err := backup(ctx, data, file); err != nil {
		t.Fatal(err)
	}
	for acked.Load() < before+20 { // the writes went on during the backup
		time.Sleep(time.Millisecond)
	}
	close(stop)
	wg.Wait()
	_ = st.Close()

	restored := filepath.Join(t.TempDir(), "restored")
	if err := restore(file, restored); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(restored, AccessLogDir, "000000000001.seg"))
	if err != nil || !bytes.Equal(got, segment) {
		t.Errorf("the journal's segment after the restore: %d bytes, %v", len(got), err)
	}
	rs, err := store.Open(ctx, store.Config{DataDir: restored})
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	for n := int64(1); n <= before; n++ {
		if _, err := rs.Get(ctx, "Basic", fmt.Sprintf("w%d", n)); err != nil {
			t.Fatalf("write %d, acknowledged before the backup began, is not in the restored store: %v", n, err)
		}
	}

	if err := restore(file, restored); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("restoring into a folder in use: %v", err)
	}
	bad := filepath.Join(t.TempDir(), "bad.backup")
	writeTar(t, bad, "../escape", "x")
	if err := restore(bad, filepath.Join(t.TempDir(), "new")); err == nil || !strings.Contains(err.Error(), "not a Veiviser backup") {
		t.Errorf("a backup with a path outside the folder: %v", err)
	}
}

func writeTar(t *testing.T, to, name, body string) {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}
