// Package store is the only place with SQL. One implementation over database/sql serves SQLite
// (modernc.org/sqlite, WAL, one writer connection and a read pool) and PostgreSQL (pgx); the
// dialect differences live in dialect.go and the migrations per dialect are embedded .sql files.
package store

import (
	"context"
	"time"

	"veiviser/internal/search"
)

// Record is one version of one resource as stored.
type Record struct {
	Type        string
	ID          string
	VersionID   int64 // 1, 2, 3, ... per resource
	LastUpdated time.Time
	Deleted     bool   // this version is a deletion; Body is nil
	Body        []byte // the resource's JSON, with id and meta already set
	// Patients are the citizens (Patient ids) this version is about, computed by the record
	// layer from its index entries when it was written (patients.go); PatientsKnown is false
	// when they were not kept (a version written before they were, an AuditEvent), and a reader
	// then works them out from Body.
	Patients      []string
	PatientsKnown bool
}

// Page is one page of search results.
type Page struct {
	Records  []Record // the matches, in the query's order
	Included []Record // resources pulled in by the query's Include, each once
	HasMore  bool     // there is at least one match after this page
}

// HistoryQuery selects versions for a history interaction.
type HistoryQuery struct {
	Type   string    // "" for all types (system history)
	ID     string    // "" for the whole type
	Since  time.Time // zero for no lower bound (_since)
	Count  int       // page size; 0 means the default
	Offset int
}

// Reader reads the current state. Store and Tx both implement it; inside a transaction a Tx reads
// its own writes.
type Reader interface {
	// Get returns the current version of a resource: a Record with Deleted set when the last
	// version is a deletion, an apperr.NotFound error when the resource never existed.
	Get(ctx context.Context, typ, id string) (Record, error)
	// Search runs a query over current, not deleted, resources.
	Search(ctx context.Context, q search.Query) (Page, error)
}

// Tx is one transaction: every Put in it commits together or not at all.
type Tx interface {
	Reader
	// Put writes rec as the resource's next version and, unless rec.Deleted, replaces the
	// resource's index entries with index. rec.VersionID must be one more than the current
	// version (1 for a new resource); otherwise Put returns an apperr.Conflict error, so two
	// writers racing on one resource cannot both win.
	Put(ctx context.Context, rec Record, index []search.Entry) error
	// Append writes new resources (each its version 1, as Put would) with a few multi-row
	// statements for the whole batch (append.go); an id that exists fails it with Conflict.
	Append(ctx context.Context, recs []New) error
	// States reports for each key that exists whether its current version is a deletion (a
	// key that never existed is missing from the map), with one query for the lot (current.go).
	States(ctx context.Context, keys []Key) (map[Key]bool, error)
}

// Store is the database. The store Open returns also keeps the sign-in accounts (users, units,
// failed sign-ins, sessions): store.AccountsOf(st) gives them as a store.Accounts (accounts.go).
type Store interface {
	Reader
	// GetVersion returns one version (vread); apperr.NotFound when there is no such version.
	GetVersion(ctx context.Context, typ, id string, version int64) (Record, error)
	// History returns versions newest first.
	History(ctx context.Context, q HistoryQuery) ([]Record, bool, error)
	// Write runs fn in one transaction and commits it durably when fn returns nil; when fn
	// returns an error nothing fn wrote is kept. fn may be called again if the database reports
	// a serialization failure, so it must not have effects outside the transaction.
	Write(ctx context.Context, fn func(tx Tx) error) error
	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	// Stats reports connection pool figures for /metrics.
	Stats() Stats
	// Close closes the database, waiting for running transactions.
	Close() error
}

// Stats are pool figures.
type Stats struct {
	Dialect         string
	OpenConnections int
	InUse           int
	Idle            int
	WaitCount       int64
	WaitDuration    time.Duration
}
