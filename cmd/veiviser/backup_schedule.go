package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"veiviser/internal/config"
)

// scheduledBackups takes a backup of the data folder into dir at every tick (as `veiviser
// backup` does), named by the tick's time, and keeps the keep newest, until ctx ends or tick is
// closed. A failed backup is logged and the next tick tries again; the server goes on serving.
func scheduledBackups(ctx context.Context, data, dir string, keep int, tick <-chan time.Time, log *slog.Logger) {
	for {
		var at time.Time
		select {
		case <-ctx.Done():
			return
		case t, ok := <-tick:
			if !ok {
				return
			}
			at = t
		}
		to, err := scheduledBackup(ctx, data, dir, at)
		if err != nil {
			log.ErrorContext(ctx, "scheduled backup failed", "dir", dir, "err", err)
			continue
		}
		removed, err := pruneBackups(dir, keep)
		if err != nil {
			log.ErrorContext(ctx, "removing old backups failed", "dir", dir, "err", err)
		}
		log.InfoContext(ctx, "scheduled backup written", "to", to, "removed", removed)
	}
}

// startBackups starts the scheduled backups the configuration asks for (none when its backup
// folder is empty) and returns the function that stops them, waiting for a backup under way.
func startBackups(ctx context.Context, cfg config.Config, log *slog.Logger) (stop func()) {
	if cfg.Backups.Dir == "" {
		return func() {}
	}
	ctx, cancel := context.WithCancel(ctx)
	ticker := time.NewTicker(cfg.Backups.Every)
	done := make(chan struct{})
	go func() {
		defer close(done)
		scheduledBackups(ctx, cfg.DataDir, cfg.Backups.Dir, cfg.Backups.Keep, ticker.C, log)
	}()
	log.Info("scheduled backups", "dir", cfg.Backups.Dir, "every", cfg.Backups.Every, "keep", cfg.Backups.Keep)
	return func() { ticker.Stop(); cancel(); <-done }
}

// scheduledBackupPrefix names the scheduled backups, so pruning removes only those.
const scheduledBackupPrefix = "veiviser-scheduled-"

func scheduledBackup(ctx context.Context, data, dir string, at time.Time) (string, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("creating the backup folder: %w", err)
	}
	to := filepath.Join(dir, scheduledBackupPrefix+at.UTC().Format("20060102T150405.000Z")+".tar")
	return to, backup(ctx, data, to)
}

// pruneBackups removes the scheduled backups in dir but the keep newest (their names sort by
// time) and returns how many it removed; other files are left alone.
func pruneBackups(dir string, keep int) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, err
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, scheduledBackupPrefix) && strings.HasSuffix(n, ".tar") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	removed := 0
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return removed, err
		}
		names, removed = names[1:], removed+1
	}
	return removed, nil
}
