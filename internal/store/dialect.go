package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Everything that differs between SQLite and PostgreSQL lives in this file: how the pools are
// opened, how a write transaction begins, which errors mean "a key already exists" or "try again",
// how a migration run is made exclusive, and how a set of values is bound as one argument. The
// SQL text itself is shared: both drivers bind $1, $2, ... by number.

const (
	dialectSQLite   = "sqlite"
	dialectPostgres = "postgres"

	// sqliteBusyTimeoutMS is how long a SQLite connection waits for a lock held by another
	// process (a second instance, `veiviser migrate`) before failing.
	sqliteBusyTimeoutMS = 10000

	// migrationLockKey is the pg_advisory_xact_lock key that serialises migration runs of
	// several processes starting at once against one PostgreSQL database.
	migrationLockKey = 7_305_011_903

	// minPostgresConns is the least size of the PostgreSQL pool (postgresPoolSize).
	minPostgresConns = 16
)

// pools are the database handles of one store. On SQLite, write is a separate pool of exactly one
// connection (SQLite has one writer at a time; queueing in Go is cheaper than busy-waiting in
// SQLite) and read is a query_only pool, so readers never wait for the writer under WAL. On
// PostgreSQL both are the same pool.
type pools struct {
	dialect string
	read    *sql.DB
	write   *sql.DB
	txOpts  *sql.TxOptions
	ckpt    *checkpointer // SQLite's WAL checkpoints (checkpoint.go); nil on PostgreSQL
	dataDir string        // SQLite's data folder, where a backup before a migration goes; "" on PostgreSQL
}

// openPools opens the database cfg names. The returned pools answer before migrations run.
func openPools(ctx context.Context, cfg Config) (*pools, error) {
	switch {
	case cfg.DatabaseURL == "":
		return openSQLite(ctx, cfg.DataDir)
	case isPostgresURL(cfg.DatabaseURL):
		return openPostgres(ctx, cfg.DatabaseURL)
	default:
		return nil, fmt.Errorf("database URL must start with postgres:// or postgresql://")
	}
}

func isPostgresURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql")
}

func openSQLite(ctx context.Context, dataDir string) (*pools, error) {
	if dataDir == "" {
		return nil, fmt.Errorf("data directory is required for SQLite")
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(dataDir, "veiviser.db")
	// synchronous=FULL with WAL fsyncs the log on every commit, so an acknowledged write survives
	// kill -9 and power loss. _txlock=immediate makes BeginTx take the write lock at once, so the
	// version check in Put and the write that follows cannot interleave with another process.
	common := url.Values{}
	common.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", sqliteBusyTimeoutMS))
	common.Add("_pragma", "foreign_keys(1)")
	common.Add("_pragma", "synchronous(FULL)")
	// The writer's page cache is 16 MB (with the default 2 MB a fifth of its system calls were preads
	// of the index b-trees' pages it updates); readers keep 8 MB each. Temporary b-trees (sorting)
	// stay in memory. The checkpoint runs off the commit path (checkpoint.go). A memory map for
	// readers was tried: its file pages count in the server's RSS (113 MB after the workload's
	// seed, over the 100 MB target) for no read rate the shared machine could tell apart.
	common.Add("_pragma", "temp_store(MEMORY)")
	writeParams := cloneValues(common)
	writeParams.Add("_pragma", "journal_mode(WAL)")
	writeParams.Add("_pragma", "cache_size(-16384)")
	writeParams.Add("_pragma", "wal_autocheckpoint(0)")
	writeParams.Set("_txlock", "immediate")
	readParams := cloneValues(common)
	readParams.Add("_pragma", "query_only(1)")
	readParams.Add("_pragma", "cache_size(-8000)")

	write, err := sql.Open("sqlite", "file:"+path+"?"+writeParams.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite writer: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	write.SetConnMaxIdleTime(0)
	// The writer connection must exist (and switch the file to WAL) before any reader opens it.
	if err := pingWhileBusy(ctx, write); err != nil {
		_ = write.Close()
		return nil, fmt.Errorf("open sqlite writer: %w", err)
	}
	read, err := sql.Open("sqlite", "file:"+path+"?"+readParams.Encode())
	if err != nil {
		_ = write.Close()
		return nil, fmt.Errorf("open sqlite readers: %w", err)
	}
	n := 2 * runtime.GOMAXPROCS(0)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	read.SetConnMaxLifetime(0)
	read.SetConnMaxIdleTime(0)
	ckpt, err := startCheckpointer(ctx, "file:"+path+"?"+common.Encode())
	if err != nil {
		_ = write.Close()
		_ = read.Close()
		return nil, err
	}
	return &pools{dialect: dialectSQLite, read: read, write: write, ckpt: ckpt, dataDir: dataDir}, nil
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func openPostgres(ctx context.Context, dsn string) (*pools, error) {
	cfg, err := postgresConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	// A write holds its connection for all its round trips and the commit's WAL flush, and
	// PostgreSQL flushes the commits waiting at once together: with 16 writers (the workload's)
	// on 8 connections half of them queued in database/sql (./scripts/bench on 2 cores,
	// create+update 337 and 308 -> 474 and 434 pairs/s).
	n := postgresPoolSize(runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	// READ COMMITTED is enough: Put's conditional UPDATE (WHERE version = current) and
	// INSERT ... ON CONFLICT DO NOTHING re-check the row after waiting for its lock, so of two
	// writers of one resource exactly one sees its row change; writers of different resources
	// never wait for each other.
	return &pools{dialect: dialectPostgres, read: db, write: db,
		txOpts: &sql.TxOptions{Isolation: sql.LevelReadCommitted}}, nil
}

// postgresPoolSize is the PostgreSQL pool's size on procs processors: four per processor, at
// least 16.
func postgresPoolSize(procs int) int { return max(minPostgresConns, 4*procs) }

// postgresConfig is dsn's connection configuration with the store's session defaults. Every
// statement runs prepared (pgx's statement cache, the read pool's stmtCache), and the SQL is built
// to be planned without its values, as SQLite plans it. With the default plan_cache_mode (auto)
// PostgreSQL kept re-planning the subject search on every execution, because LIMIT and OFFSET as
// parameters make the generic plan look dearer than a custom one; planning cost more than running
// it (go test -bench Postgres/search: 188-269 to 81-102 µs/op). A plan_cache_mode in the URL wins.
func postgresConfig(dsn string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	if _, set := cfg.RuntimeParams["plan_cache_mode"]; !set {
		cfg.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	}
	return cfg, nil
}

func (p *pools) close() error {
	var err error
	if p.ckpt != nil {
		err = p.ckpt.close()
	}
	err = errors.Join(err, p.read.Close())
	if p.write != p.read {
		err = errors.Join(err, p.write.Close())
	}
	return err
}

// lockMigrations makes the rest of tx exclusive among migration runs.
func (p *pools) lockMigrations(ctx context.Context, tx *sql.Tx) error {
	if p.dialect != dialectPostgres {
		return nil // the SQLite transaction already holds the write lock (BEGIN IMMEDIATE)
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrationLockKey)); err != nil {
		return fmt.Errorf("lock migrations: %w", err)
	}
	return nil
}

// isUniqueViolation reports whether err says a primary or unique key already exists.
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var lite *sqlite.Error
	if errors.As(err, &lite) {
		return lite.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY || lite.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE
	}
	return false
}

// isRetryable reports whether the whole transaction may succeed when run again: a PostgreSQL
// serialization failure or deadlock. SQLite has one writer, so it has neither.
func isRetryable(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "40001" || pg.Code == "40P01"
	}
	return false
}

// valueSet is a subquery over the strings of the JSON array bound at arg: a set of any size in
// one argument, where a list of one placeholder per value stops at SQLite's 32766 arguments and
// PostgreSQL's 65535.
func valueSet(dialect, arg string) string {
	if dialect == dialectPostgres {
		return "SELECT jsonb_array_elements_text(" + arg + "::jsonb)"
	}
	return "SELECT value FROM json_each(" + arg + ")"
}

// poolStats sums the pools' figures.
func (p *pools) stats() Stats {
	s := Stats{Dialect: p.dialect}
	add := func(db *sql.DB) {
		st := db.Stats()
		s.OpenConnections += st.OpenConnections
		s.InUse += st.InUse
		s.Idle += st.Idle
		s.WaitCount += st.WaitCount
		s.WaitDuration += st.WaitDuration
	}
	add(p.read)
	if p.write != p.read {
		add(p.write)
	}
	return s
}

// pingWhileBusy opens db's first connection, trying again while the file is busy: switching a
// new file to WAL takes a lock that SQLite's busy timeout does not wait for, so processes
// starting at once (several instances, or migrate beside serve) would otherwise fail at random.
// It waits as long as the busy timeout would.
func pingWhileBusy(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(sqliteBusyTimeoutMS * time.Millisecond)
	for wait := 5 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		err := db.PingContext(ctx)
		var lite *sqlite.Error
		if err == nil || !errors.As(err, &lite) || lite.Code()&0xff != sqlite3.SQLITE_BUSY || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
	}
}
