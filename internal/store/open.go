package store

import (
	"context"
	"log/slog"
	"time"
)

// Config says which database to open.
type Config struct {
	// DataDir holds the SQLite file veiviser.db; it is created when missing. Used when
	// DatabaseURL is empty.
	DataDir string
	// DatabaseURL, when set, is a postgres:// or postgresql:// URL and selects PostgreSQL.
	DatabaseURL string
	// Logger receives the store's few messages (migrations applied); nil discards them.
	Logger *slog.Logger
	// Clock is "now" for the ap (approximately) date prefix, whose tolerance grows with the
	// distance from now; nil means time.Now.
	Clock func() time.Time
}

func (c Config) logger() *slog.Logger {
	if c.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return c.Logger
}

// Open opens the database cfg names and applies the embedded migrations.
func Open(ctx context.Context, cfg Config) (_ Store, err error) {
	defer wrap(&err, "store.Open")
	p, err := openPools(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, p, cfg.logger()); err != nil {
		_ = p.close()
		return nil, err
	}
	clock := cfg.Clock
	if clock == nil {
		clock = time.Now
	}
	s := newSQLStore(p, clock)
	if err := s.moveLegacyAudit(ctx, cfg.logger()); err != nil {
		_ = s.Close()
		return nil, err
	}
	s.groupCommits()
	return s, nil
}

// Migrate applies the embedded migrations and closes the database (for `veiviser migrate`).
func Migrate(ctx context.Context, cfg Config) (err error) {
	defer wrap(&err, "store.Migrate")
	p, err := openPools(ctx, cfg)
	if err != nil {
		return err
	}
	defer func() { _ = p.close() }()
	return migrate(ctx, p, cfg.logger())
}
