package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"veiviser/internal/store"
)

// TestScheduledBackupsKeepTheNewest (issue 17, point 1): at each tick the server writes a
// backup, and keeps the configured number of the newest; a file of the operator's in the folder
// is left alone; each kept backup restores.
func TestScheduledBackupsKeepTheNewest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	data, dir := t.TempDir(), t.TempDir()
	st, err := store.Open(ctx, store.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("the operator's"), 0o600); err != nil {
		t.Fatal(err)
	}
	tick := make(chan time.Time)
	done := make(chan struct{})
	go func() { scheduledBackups(ctx, data, dir, 2, tick, slog.New(slog.DiscardHandler)); close(done) }()
	for h := 1; h <= 4; h++ {
		tick <- time.Date(2026, 12, 3, h, 0, 0, 0, time.UTC)
	}
	close(tick) // the loop ends after the fourth backup and its pruning
	<-done
	cancel()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"notes.txt", "veiviser-scheduled-20261203T030000.000Z.tar", "veiviser-scheduled-20261203T040000.000Z.tar"}
	if len(names) != len(want) || names[0] != want[0] || names[1] != want[1] || names[2] != want[2] {
		t.Fatalf("the backup folder holds %v, want %v", names, want)
	}
	if err := restore(filepath.Join(dir, want[2]), filepath.Join(t.TempDir(), "r")); err != nil {
		t.Errorf("the newest scheduled backup does not restore: %v", err)
	}
}
