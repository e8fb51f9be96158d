package workflow

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

// Options configures the areas' services.
type Options struct {
	Records *records.Service // required; its store is where need-to-know is read from
	Law     *lawdata.Table   // nil: lawdata.New()
	Clock   func() time.Time // nil: the record layer's clock
	NewID   func() string    // ids of new records; nil: records.RandomID (the demo passes a seeded one)
	// Unit is the coordinating unit's Organization id: inquiries are addressed to it and
	// appointments are managed by it, so its unit lead reaches those citizens.
	Unit string
	// Office is the allocation office's Organization id: applications are addressed to it, so
	// its case officers reach those citizens.
	Office string
	Log    ReadLog // where reads are logged (the server's one journaled accesslog.Log); nil: accesslog.NewLog over Records
	Logger *slog.Logger
}

// ReadLog stores the access log entries of reads (accesslog.Log implements it).
type ReadLog interface {
	Record(ctx context.Context, e accesslog.Event) error
}

// Base is what every area's service is built on: the record layer, the law table, the clock,
// the coordinating unit, need-to-know and the access log of reads.
type Base struct {
	svc     *records.Service
	st      store.Store
	law     *lawdata.Table
	clock   func() time.Time
	newID   func() string
	unit    string
	office  string
	decider *access.Decider
	readLog ReadLog
	log     *slog.Logger
}

// New returns the Base of opts.
func New(opts Options) (*Base, error) {
	if opts.Records == nil {
		return nil, errors.New("workflow: Records is required")
	}
	b := &Base{svc: opts.Records, st: opts.Records.Store(), law: opts.Law, clock: opts.Clock, newID: opts.NewID,
		unit: opts.Unit, office: opts.Office, readLog: opts.Log, log: opts.Logger}
	if b.law == nil {
		law, err := lawdata.New()
		if err != nil {
			return nil, err
		}
		b.law = law
	}
	if b.clock == nil {
		b.clock = opts.Records.Now
	}
	if b.newID == nil {
		b.newID = records.RandomID
	}
	if b.unit == "" {
		b.unit = DefaultUnit
	}
	if b.office == "" {
		b.office = DefaultOffice
	}
	if b.readLog == nil {
		b.readLog = accesslog.NewLog(opts.Records)
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	b.decider = access.NewDecider(b.st, b.Now)
	return b, nil
}

// DefaultUnit is the coordinating unit's Organization id when Options names none.
const DefaultUnit = "koordinerende-enhet"

// DefaultOffice is the allocation office's Organization id when Options names none.
const DefaultOffice = "tildelingskontoret"

// Unit is the coordinating unit's Organization id.
func (b *Base) Unit() string { return b.unit }

// Office is the allocation office's Organization id.
func (b *Base) Office() string { return b.office }

// Law is the law table the deadlines come from.
func (b *Base) Law() *lawdata.Table { return b.law }

// Records is the record layer every write goes through.
func (b *Base) Records() *records.Service { return b.svc }

// Store is the record layer's store, for reads of history.
func (b *Base) Store() store.Store { return b.st }

// Decider is need-to-know over the store.
func (b *Base) Decider() *access.Decider { return b.decider }

// Logger is where the services log.
func (b *Base) Logger() *slog.Logger { return b.log }

// Now is the services' time, to the second.
func (b *Base) Now() time.Time { return b.clock().UTC().Truncate(time.Second) }

// NewID is the id of a new record.
func (b *Base) NewID() string { return b.newID() }

// ShortID is a short id for parts inside a plan (goals, measures), unique within it.
func (b *Base) ShortID() string {
	id := b.newID()
	if len(id) > 10 {
		id = id[:10]
	}
	return id
}

// Principal is who asks; a context without one is refused.
func Principal(ctx context.Context) (*access.Principal, error) {
	p, ok := access.FromContext(ctx)
	if !ok {
		return nil, kernel.Text{NB: "Logg inn først.", EN: "Sign in first."}.Err(apperr.Unauthorized)
	}
	return p, nil
}

// Reach checks need-to-know for patient ("Patient/x" or "x"): NotFound outside reach.
func (b *Base) Reach(ctx context.Context, patient string) (*access.Principal, error) {
	p, err := Principal(ctx)
	if err != nil {
		return nil, err
	}
	rc, err := b.decider.Reach(ctx, p)
	if err != nil {
		return nil, err
	}
	if !rc.All && !rc.Citizens[kernel.IDOf(patient)] {
		return nil, apperr.New(apperr.NotFound, "%s is not known", kernel.Ref("Patient", kernel.IDOf(patient)))
	}
	return p, nil
}

// IsUnitStaff reports whether p is a unit lead or case officer of the coordinating unit.
func (b *Base) IsUnitStaff(p *access.Principal) bool { return p.IsUnitStaff(b.unit) }

// IsStaff reports whether p reads what is about nobody (the coordinator register, the
// directory of services and staff): a member of staff or a system.
func IsStaff(p *access.Principal) bool {
	for _, r := range p.Roles {
		if r != access.Citizen && r != access.Relative {
			return true
		}
	}
	return p.IsSystem()
}

// WriteCtx is ctx with every write in it logged in the write's own transaction.
func (b *Base) WriteCtx(ctx context.Context) context.Context {
	p, _ := access.FromContext(ctx)
	return records.WithWriteAudit(ctx, accesslog.WriteAudit(accesslog.Event{Principal: p}, b.svc.Now))
}

// LogRead logs that the principal read what about patient; the read answers only once it is
// durable.
func (b *Base) LogRead(ctx context.Context, patient string, what ...string) error {
	p, _ := access.FromContext(ctx)
	return b.LogEvent(ctx, accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess, Principal: p,
		When: b.svc.Now(), What: what, Patients: []string{kernel.IDOf(patient)}})
}

// LogEvent logs one access; it answers only once the entry is durable.
func (b *Base) LogEvent(ctx context.Context, e accesslog.Event) error {
	if err := b.readLog.Record(ctx, e); err != nil {
		return accesslog.Unwritten(err)
	}
	return nil
}
