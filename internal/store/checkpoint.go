package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// WAL checkpoints off the commit path. By default SQLite's committing connection copies the WAL
// back into the database file itself once the WAL passes 1,000 pages, inside the commit that
// every waiting writer and read log entry is answered after (14 % of a batch's time in round 1's
// profile). The writer turns that off (wal_autocheckpoint=0) and this goroutine, on a connection
// of its own, checkpoints every checkpointEvery: PASSIVE, which never waits for the writer or
// readers, and RESTART when the WAL has grown past walRestartFrames anyway (readers kept it from
// being reused), which waits briefly for readers so the next writer starts the WAL over and it
// stays bounded. Durability is unchanged: a commit is durable once its WAL frames are fsynced
// (synchronous=FULL); a checkpoint only moves committed pages into the main file.

const (
	checkpointEvery  = 200 * time.Millisecond
	walRestartFrames = 8192 // 32 MB of 4 kB pages
)

// checkpointer is the background checkpoint goroutine of one SQLite database.
type checkpointer struct {
	db       *sql.DB
	stop     chan struct{}
	done     chan struct{}
	stopOnce sync.Once
}

// startCheckpointer opens its connection with dsn and starts checkpointing.
func startCheckpointer(ctx context.Context, dsn string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open sqlite checkpointer: %w", err)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxLifetime(0)
	db.SetConnMaxIdleTime(0)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open sqlite checkpointer: %w", err)
	}
	c := &checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c, nil
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
			// an error (a busy database, a closing one) is tried again at the next tick; the
			// WAL meanwhile only grows, and every commit in it is durable
			_ = c.once(context.Background())
		}
	}
}

// once runs one PASSIVE checkpoint, and a RESTART when the WAL has grown too long.
func (c *checkpointer) once(ctx context.Context) error {
	var busy, frames, copied int64
	if err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &frames, &copied); err != nil {
		return fmt.Errorf("checkpoint: %w", err)
	}
	if frames < walRestartFrames {
		return nil
	}
	if err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(RESTART)").Scan(&busy, &frames, &copied); err != nil {
		return fmt.Errorf("checkpoint restart: %w", err)
	}
	return nil
}

// close stops the goroutine and closes its connection; closing again does nothing (a store may
// be closed twice, as *sql.DB may).
func (c *checkpointer) close() error {
	c.stopOnce.Do(func() { close(c.stop) })
	<-c.done
	return c.db.Close()
}
