// Package records is the FHIR record layer: create, read, update, delete, history, search and
// batch/transaction over the store, with validation, server-assigned ids and versions, reference
// checks and index extraction. The FHIR REST API, the web UI and the domain services all write
// through it, so these rules hold whichever door a write comes in by.
package records

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"time"

	"veiviser/internal/store"
)

// Page sizes for search and history when the client names none, and the most it may ask for.
const (
	DefaultCount = store.DefaultCount
	MaxCount     = store.MaxCount
)

// Options configures a Service. Zero fields get defaults.
type Options struct {
	Clock  func() time.Time // time of writes; time.Now when nil
	NewID  func() string    // server-assigned ids; 128 random bits as lowercase hex when nil
	Logger *slog.Logger
	// Rules run inside the transaction of every write (rules.go).
	Rules []Rule
	// BeforeAuditRead runs before every read, search and history that can return AuditEvents:
	// a journaled access log (accesslog.OpenJournal) waits there until the entries journaled
	// before the call are in the store, so a reader sees every access answered before it asked.
	// nil: nothing to wait for (the direct log stores an entry before its read answers).
	BeforeAuditRead func(context.Context) error
}

// Service is the record layer over one store.
type Service struct {
	st    store.Store
	clock func() time.Time
	newID func() string
	log   *slog.Logger
	rules []Rule
	// beforeAuditRead is Options.BeforeAuditRead (read.go)
	beforeAuditRead func(context.Context) error
}

// New returns a Service over st.
func New(st store.Store, opts Options) *Service {
	s := &Service{st: st, clock: opts.Clock, newID: opts.NewID, log: opts.Logger, rules: opts.Rules,
		beforeAuditRead: opts.BeforeAuditRead}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.newID == nil {
		s.newID = RandomID
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	return s
}

// Now is the service clock's time, truncated to the millisecond precision meta.lastUpdated keeps,
// so the stored record and the JSON body agree.
func (s *Service) Now() time.Time { return s.clock().UTC().Truncate(time.Millisecond) }

// Store is the underlying store, for callers that need its health or statistics.
func (s *Service) Store() store.Store { return s.st }

// RandomID returns 128 random bits as 32 lowercase hex digits: unguessable, so an id reveals
// neither how many records exist nor when one was made.
func RandomID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}
