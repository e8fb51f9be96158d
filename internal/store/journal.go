package store

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"veiviser/internal/apperr"
)

// The access log's journal, on SQLite. Every read is logged and must not be answered before its
// AuditEvent is durable, so the log's commits are the hot path of every read. Written as any
// resource, an AuditEvent touches about 17 b-trees (resources, resource_versions, the index
// tables and their indexes), and each commit writes every touched page to the WAL and waits for
// the one writer connection: measured, 2-5 ms per batch on the machine of docs/performance.md.
// Appended to audit_journal instead, an entry is one row at the end of one b-tree: the commit
// writes a few pages and fsyncs once, and the entry is as durable as before.
//
// The journal is then moved (drain) into resources, resource_versions and the index tables in
// large batches, where a page touched once serves hundreds of entries: by a background step when
// drainAt entries wait or every drainEvery, and, before it, by every read of an AuditEvent (Get,
// Search, GetVersion, History of AuditEvent or of everything), inside the reading transaction
// when there is one. So a reader always sees every entry committed before its read began, with
// all search parameters, and an entry is never changed: the move copies its body and index rows
// as they were written and deletes the journal row in the same transaction.
//
// PostgreSQL has many writers and its own WAL writer, so an AuditEvent is written directly there.

// Journal tuning: how many entries one move transaction takes, when the background step moves.
const (
	drainChunk = 64
	drainAt    = 256
	drainEvery = 200 * time.Millisecond
)

// journaled reports whether resources of typ go through the journal.
func journaled(typ string) bool { return typ == "AuditEvent" }

// journal is the state of the store's journal: how many rows it holds, and the background mover.
type journal struct {
	pending atomic.Int64 // rows in audit_journal as of the last commit
	mu      sync.Mutex   // one catch-up at a time; the others then find nothing left
	kick    chan struct{}
	stop    chan struct{}
	done    chan struct{}
	once    sync.Once
	log     *slog.Logger
}

// startJournal counts what an earlier run left in the journal and starts the background mover.
func (s *sqlStore) startJournal(ctx context.Context, log *slog.Logger) error {
	j := &journal{kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{}), log: log}
	var n int64
	if err := s.p.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_journal").Scan(&n); err != nil {
		return fmt.Errorf("count journal: %w", err)
	}
	j.pending.Store(n)
	s.j = j
	go s.moveInBackground()
	if n > 0 {
		j.nudge()
	}
	return nil
}

func (j *journal) nudge() {
	select {
	case j.kick <- struct{}{}:
	default:
	}
}

// committed updates the count after a transaction that appended and moved rows committed.
func (j *journal) committed(appended, moved int64) {
	if j == nil || appended == moved {
		return
	}
	if j.pending.Add(appended-moved) >= drainAt {
		j.nudge()
	}
}

// moveInBackground moves the journal in chunks until Close.
func (s *sqlStore) moveInBackground() {
	j := s.j
	defer close(j.done)
	tick := time.NewTicker(drainEvery)
	defer tick.Stop()
	for {
		select {
		case <-j.stop:
			return
		case <-j.kick:
		case <-tick.C:
		}
		for j.pending.Load() > 0 {
			select {
			case <-j.stop:
				return
			default:
			}
			if err := s.catchUp(context.Background(), drainChunk); err != nil {
				j.log.Error("moving the access log journal", "err", err)
				break
			}
		}
	}
}

// stopJournal ends the background mover; rows left are moved on the next start.
func (s *sqlStore) stopJournal() {
	if s.j == nil {
		return
	}
	s.j.once.Do(func() { close(s.j.stop) })
	<-s.j.done
}

// catchUp moves up to limit journal rows (all when limit <= 0) in one transaction of its own.
func (s *sqlStore) catchUp(ctx context.Context, limit int) error {
	if s.j == nil || s.j.pending.Load() == 0 {
		return nil
	}
	s.j.mu.Lock()
	defer s.j.mu.Unlock()
	if s.j.pending.Load() == 0 {
		return nil
	}
	return s.Write(ctx, func(tx Tx) error { return tx.(*sqlTx).drain(ctx, limit) })
}

// readsJournaled moves the journal before a read of typ ("" for every type) outside a transaction.
func (s *sqlStore) readsJournaled(ctx context.Context, typ string) error {
	if typ != "" && !journaled(typ) {
		return nil
	}
	if err := s.catchUp(ctx, 0); err != nil {
		return fmt.Errorf("move the access log journal: %w", err)
	}
	return nil
}

// readsJournaled moves the journal inside the transaction before it reads typ.
func (t *sqlTx) readsJournaled(ctx context.Context, typ string) error {
	if t.j == nil || !journaled(typ) || (t.j.pending.Load() == 0 && t.appended == t.moved) {
		return nil
	}
	return t.drain(ctx, 0)
}

// appendJournal appends new resources to the journal; an id that exists, in the journal or
// already moved, fails the batch with Conflict.
func (t *sqlTx) appendJournal(ctx context.Context, recs []newRow) error {
	if err := t.noneStored(ctx, recs); err != nil {
		return err
	}
	rows := make([][]any, len(recs))
	for i, n := range recs {
		rows[i] = []any{n.rec.Type, n.rec.ID, toMicros(n.rec.LastUpdated), n.rec.Body, encodeRows(n.index)}
	}
	cols := []string{"type", "id", "last_updated", "body", "idx"}
	n, err := t.insertMany(ctx, "audit_journal", cols, " ON CONFLICT (type, id) DO NOTHING", rows)
	if err != nil {
		return fmt.Errorf("insert journal: %w", err)
	}
	if n != int64(len(recs)) {
		return apperr.New(apperr.Conflict, "%d of %d new resources already exist", int64(len(recs))-n, len(recs))
	}
	t.appended += n
	return nil
}

// noneStored fails with Conflict when any of recs is already in resources.
func (t *sqlTx) noneStored(ctx context.Context, recs []newRow) error {
	per := maxArgsPerStatement - 1
	for start := 0; start < len(recs); start += per {
		chunk := recs[start:min(start+per, len(recs))]
		b := &sqlBuilder{}
		b.write("SELECT COUNT(*) FROM resources WHERE type = ", b.arg(chunk[0].rec.Type), " AND id IN (")
		for i, n := range chunk {
			if n.rec.Type != chunk[0].rec.Type {
				return apperr.New(apperr.Invalid, "a journal batch holds one resource type")
			}
			if i > 0 {
				b.write(", ")
			}
			b.write(b.arg(n.rec.ID))
		}
		b.write(")")
		var found int64
		if err := t.tx.QueryRowContext(ctx, b.b.String(), b.args...).Scan(&found); err != nil {
			return fmt.Errorf("look up new ids: %w", err)
		}
		if found > 0 {
			return apperr.New(apperr.Conflict, "%d of %d new resources already exist", found, len(recs))
		}
	}
	return nil
}

// drain moves up to limit journal rows (all when limit <= 0), oldest first, into the resource
// and index tables, and deletes them from the journal.
func (t *sqlTx) drain(ctx context.Context, limit int) error {
	for {
		chunk := drainChunk
		if limit > 0 {
			chunk = min(chunk, limit-int(t.moved))
		}
		if chunk <= 0 {
			return nil
		}
		recs, last, err := t.readJournal(ctx, chunk)
		if err != nil || len(recs) == 0 {
			return err
		}
		if err := t.appendDirect(ctx, recs); err != nil {
			return fmt.Errorf("move journal: %w", err)
		}
		if _, err := t.tx.ExecContext(ctx, "DELETE FROM audit_journal WHERE seq <= $1", last); err != nil {
			return fmt.Errorf("delete moved journal rows: %w", err)
		}
		t.moved += int64(len(recs))
		if len(recs) < chunk {
			return nil
		}
	}
}

// readJournal reads the oldest n journal rows and the last one's seq.
func (t *sqlTx) readJournal(ctx context.Context, n int) ([]newRow, int64, error) {
	rows, err := t.tx.QueryContext(ctx, `SELECT seq, type, id, last_updated, body, idx FROM audit_journal
		ORDER BY seq LIMIT $1`, n)
	if err != nil {
		return nil, 0, fmt.Errorf("read journal: %w", err)
	}
	defer rows.Close()
	var out []newRow
	var last int64
	for rows.Next() {
		var r newRow
		var updated int64
		var idx []byte
		r.rec.VersionID = 1
		if err := rows.Scan(&last, &r.rec.Type, &r.rec.ID, &updated, &r.rec.Body, &idx); err != nil {
			return nil, 0, fmt.Errorf("read journal: %w", err)
		}
		r.rec.LastUpdated = fromMicros(updated)
		if r.index, err = decodeRows(idx); err != nil {
			return nil, 0, fmt.Errorf("journal row %d: %w", last, err)
		}
		out = append(out, r)
	}
	return out, last, rows.Err()
}

// journalIDs is for tests: the ids waiting in the journal.
func journalIDs(ctx context.Context, q querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT id FROM audit_journal ORDER BY seq")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
