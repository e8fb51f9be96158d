package accesslog

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// The access log: every read, search, create, update and delete of a citizen's data is an
// AuditEvent (law.md §5). Writes store theirs in the write's own transaction
// (records.WithWriteAudit); reads go through Log, which commits the entries of concurrent
// requests together and answers each request only once its entry is durable.

// Outcomes (AuditEvent.outcome).
const (
	OutcomeSuccess = "0"
	OutcomeRefused = "4" // minor failure: the caller had no need-to-know
)

// Event is one access to log.
type Event struct {
	Interaction string // restful-interaction code: read, vread, history-instance, search-type, create, update, delete
	Action      string // C, R, U, D or E (a search)
	Outcome     string
	Principal   *access.Principal
	Address     string   // the caller's network address
	Reason      string   // purpose of use, when the caller gave one
	What        []string // Type/id of the records touched
	Patients    []string // the citizens they are about
	When        time.Time
	Until       time.Time // an emergency access grant: the end of the period it holds
}

// Resource is the event as an R4 AuditEvent.
func (e Event) Resource() (*fhir.Resource, error) {
	agent := map[string]any{"who": who(e.Principal), "requestor": true}
	if e.Principal != nil && e.Principal.Name != "" {
		agent["name"] = e.Principal.Name
	}
	if e.Principal != nil && e.Principal.UserID != "" {
		agent["altId"] = e.Principal.UserID
	}
	if e.Address != "" {
		agent["network"] = map[string]any{"address": e.Address, "type": "2"}
	}
	if e.Reason != "" {
		agent["purposeOfUse"] = []any{map[string]any{"text": e.Reason}}
	}
	var entities []any
	for _, w := range e.What {
		entities = append(entities, map[string]any{"what": map[string]any{"reference": w}})
	}
	for _, p := range e.Patients {
		entities = append(entities, map[string]any{"what": map[string]any{"reference": "Patient/" + p},
			"type": map[string]any{"system": "http://terminology.hl7.org/CodeSystem/audit-entity-type", "code": "1"}})
	}
	ae := map[string]any{
		"resourceType": "AuditEvent",
		"type":         map[string]any{"system": "http://terminology.hl7.org/CodeSystem/audit-event-type", "code": "rest"},
		"subtype":      []any{map[string]any{"system": subtypeSystem(e.Interaction), "code": e.Interaction}},
		"action":       e.Action,
		"recorded":     e.When.UTC().Format("2006-01-02T15:04:05.000Z07:00"),
		"outcome":      e.Outcome,
		"agent":        []any{agent},
		"source":       map[string]any{"observer": map[string]any{"display": "Veiviser"}},
	}
	if len(entities) > 0 {
		ae["entity"] = entities
	}
	if !e.Until.IsZero() {
		ae["period"] = map[string]any{"start": ae["recorded"], "end": e.Until.UTC().Format("2006-01-02T15:04:05.000Z07:00")}
		ae["purposeOfEvent"] = []any{map[string]any{"coding": []any{map[string]any{
			"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "BTG", "display": "break the glass"}}}}
	}
	b, err := json.Marshal(ae)
	if err != nil {
		return nil, fmt.Errorf("audit event: %w", err)
	}
	return fhir.Parse(b)
}

func subtypeSystem(interaction string) string {
	if interaction == access.EmergencyAccess {
		return "urn:veiviser:audit-subtype"
	}
	return "http://hl7.org/fhir/restful-interaction"
}

// who names the agent: the person's own record, or the API client as a device.
func who(p *access.Principal) map[string]any {
	switch {
	case p == nil:
		return map[string]any{"display": "unknown"}
	case p.IsSystem():
		return withDisplay(map[string]any{"type": "Device",
			"identifier": map[string]any{"system": "urn:veiviser:api-client", "value": p.ClientID}}, p.Name)
	case p.PractitionerID != "":
		return map[string]any{"reference": "Practitioner/" + p.PractitionerID}
	case p.PatientID != "":
		return map[string]any{"reference": "Patient/" + p.PatientID}
	case len(p.RelatedPersonIDs) > 0:
		return map[string]any{"reference": "RelatedPerson/" + p.RelatedPersonIDs[0]}
	}
	return withDisplay(map[string]any{"identifier": map[string]any{"system": "urn:veiviser:user", "value": p.UserID}}, p.Name)
}

// withDisplay adds a display when there is one: FHIR allows no empty strings.
func withDisplay(ref map[string]any, name string) map[string]any {
	if name != "" {
		ref["display"] = name
	}
	return ref
}

// MaxQueued bounds the entries waiting for their commit (with a journal: not yet in the store):
// past it Record waits for room, so a burst of reads slows down instead of growing memory
// without bound.
const MaxQueued = 4096

// Log writes read entries with group commit. NewLog's commits a batch into the store (one
// transaction, one fsync) as soon as the writer is free, with whatever arrived while the
// previous batch committed; there is no fixed delay. OpenJournal's appends a batch to a journal
// file instead (one write, one fdatasync) and stores the entries in the background
// (journallog.go).
type Log struct {
	svc      *records.Service
	slots    chan struct{} // one per queued entry: the bound
	mu       sync.Mutex
	pending  []pendingEntry
	flushing bool

	j         *journal // nil: entries go straight into the store
	lock      *os.File // the journal folder's lock
	closeOnce sync.Once
	closeErr  error
}

type pendingEntry struct {
	n    store.New
	done chan error
}

// NewLog returns a Log writing through svc.
func NewLog(svc *records.Service) *Log {
	return &Log{svc: svc, slots: make(chan struct{}, MaxQueued)}
}

// Record stores e (or journals it) and returns once it is durable (or failed): the caller must
// not answer a read before that. RecordAll is Record for the several entries of one access.
func (l *Log) Record(ctx context.Context, e Event) error { return l.RecordAll(ctx, []Event{e}) }

// RecordAll stores (or journals) the entries of one access together and returns once all are
// durable, or one failed. Each is built, encoded and indexed here, on the caller's goroutine (so
// on every core); the writer only inserts a batch and commits. They are not validated again:
// Resource's output is proven valid by TestEventResource.
func (l *Log) RecordAll(ctx context.Context, events []Event) error {
	var journaled, direct []store.New
	for _, e := range events {
		n, err := l.prepare(e)
		if err != nil {
			return err
		}
		// an emergency grant is rare and read on every request of its holder (Decider.emergency,
		// straight from the store): it is stored before the answer, never only journaled
		if l.j != nil && e.Until.IsZero() {
			journaled = append(journaled, n)
		} else {
			direct = append(direct, n)
		}
	}
	if len(direct) > 0 {
		if err := l.recordDirect(ctx, direct); err != nil {
			return err
		}
	}
	if len(journaled) > 0 {
		return l.recordJournaled(ctx, journaled)
	}
	return nil
}

// recordDirect queues ns for the next group commit and waits for it.
func (l *Log) recordDirect(ctx context.Context, ns []store.New) error {
	ps := make([]pendingEntry, len(ns))
	for i, n := range ns {
		select {
		case l.slots <- struct{}{}:
		case <-ctx.Done():
			for range i {
				<-l.slots
			}
			return ctx.Err()
		}
		ps[i] = pendingEntry{n: n, done: make(chan error, 1)}
	}
	l.mu.Lock()
	l.pending = append(l.pending, ps...)
	lead := !l.flushing
	l.flushing = true
	l.mu.Unlock()
	if lead {
		go l.flush()
	}
	for _, p := range ps {
		select {
		case err := <-p.done:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err() // the entries may still commit; the read is not answered either way
		}
	}
	return nil
}

// prepare builds e's entry: appended directly (Event.Prepared), or through Resource for the
// rare kinds Prepared leaves to it.
func (l *Log) prepare(e Event) (store.New, error) {
	id, now := l.svc.Stamp()
	if n, ok := e.Prepared(id, now); ok {
		return n, nil
	}
	r, err := e.Resource()
	if err != nil {
		return store.New{}, err
	}
	return l.svc.PrepareAuditEvent(r)
}

// flush commits what is pending, batch after batch, until nothing is: requests arriving while one
// batch commits go together in the next.
func (l *Log) flush() {
	for {
		l.mu.Lock()
		batch := l.pending
		l.pending = nil
		if len(batch) == 0 {
			l.flushing = false
			l.mu.Unlock()
			return
		}
		l.mu.Unlock()
		events := make([]store.New, len(batch))
		for i, p := range batch {
			events[i] = p.n
		}
		// not the request's context: one caller leaving must not lose the others' entries
		err := l.svc.StoreAuditEvents(context.Background(), events)
		for _, p := range batch {
			p.done <- err
			<-l.slots
		}
	}
}
