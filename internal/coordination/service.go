package coordination

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// Options configures a Service.
type Options struct {
	Records *records.Service // required; its store is where need-to-know is read from
	Law     *lawdata.Table   // nil: lawdata.New()
	Clock   func() time.Time // nil: the record layer's clock
	NewID   func() string    // ids of new records; nil: records.RandomID (the demo passes a seeded one)
	// Unit is the coordinating unit's Organization id: inquiries are addressed to it and
	// appointments are managed by it, so its unit lead reaches those citizens.
	Unit   string
	Log    ReadLog // where reads are logged (the server's one journaled accesslog.Log); nil: accesslog.NewLog over Records
	Logger *slog.Logger
}

// ReadLog stores the access log entries of reads (accesslog.Log implements it).
type ReadLog interface {
	Record(ctx context.Context, e accesslog.Event) error
}

// Service runs the workflows.
type Service struct {
	svc     *records.Service
	st      store.Store
	law     *lawdata.Table
	clock   func() time.Time
	newID   func() string
	unit    string
	decider *access.Decider
	readLog ReadLog
	log     *slog.Logger
}

// New returns a Service.
func New(opts Options) (*Service, error) {
	if opts.Records == nil {
		return nil, errors.New("coordination: Records is required")
	}
	s := &Service{svc: opts.Records, st: opts.Records.Store(), law: opts.Law, clock: opts.Clock, newID: opts.NewID,
		unit: opts.Unit, readLog: opts.Log, log: opts.Logger}
	if s.law == nil {
		law, err := lawdata.New()
		if err != nil {
			return nil, err
		}
		s.law = law
	}
	if s.clock == nil {
		s.clock = opts.Records.Now
	}
	if s.newID == nil {
		s.newID = records.RandomID
	}
	if s.unit == "" {
		s.unit = DefaultUnit
	}
	if s.readLog == nil {
		s.readLog = accesslog.NewLog(opts.Records)
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	s.decider = access.NewDecider(s.st, s.now)
	return s, nil
}

// DefaultUnit is the coordinating unit's Organization id when Options names none.
const DefaultUnit = "koordinerende-enhet"

// Unit is the coordinating unit's Organization id.
func (s *Service) Unit() string { return s.unit }

// Law is the law table the deadlines come from.
func (s *Service) Law() *lawdata.Table { return s.law }

func (s *Service) now() time.Time { return s.clock().UTC().Truncate(time.Second) }

// principal is who asks; a context without one is refused.
func principal(ctx context.Context) (*access.Principal, error) {
	p, ok := access.FromContext(ctx)
	if !ok {
		return nil, kernel.Text{NB: "Logg inn først.", EN: "Sign in first."}.Err(apperr.Unauthorized)
	}
	return p, nil
}

// reach checks need-to-know for patient ("Patient/x" or "x"): NotFound outside reach.
func (s *Service) reach(ctx context.Context, patient string) (*access.Principal, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	rc, err := s.decider.Reach(ctx, p)
	if err != nil {
		return nil, err
	}
	if !rc.All && !rc.Citizens[kernel.IDOf(patient)] {
		return nil, apperr.New(apperr.NotFound, "%s is not known", ref("Patient", kernel.IDOf(patient)))
	}
	return p, nil
}

// writeCtx is ctx with every write in it logged in the write's own transaction.
func (s *Service) writeCtx(ctx context.Context) context.Context {
	p, _ := access.FromContext(ctx)
	return records.WithWriteAudit(ctx, accesslog.WriteAudit(accesslog.Event{Principal: p}, s.svc.Now))
}

// logRead logs that the principal read what about patient; the read answers only once it is
// durable.
func (s *Service) logRead(ctx context.Context, patient string, what ...string) error {
	p, _ := access.FromContext(ctx)
	e := accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess, Principal: p,
		When: s.svc.Now(), What: what, Patients: []string{kernel.IDOf(patient)}}
	if err := s.readLog.Record(ctx, e); err != nil {
		return apperr.New(apperr.Internal, "the access log could not be written: %v", err)
	}
	return nil
}

func appendNew(xs []string, v string) []string {
	for _, x := range xs {
		if x == v {
			return xs
		}
	}
	return append(xs, v)
}

// shortID is a short id for parts inside a plan (goals, measures), unique within it.
func (s *Service) shortID() string {
	id := s.newID()
	if len(id) > 10 {
		id = id[:10]
	}
	return id
}
