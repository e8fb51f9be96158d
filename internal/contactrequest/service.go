package contactrequest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/accesslog"
	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/workflow"
)

// Service receives the public form's requests and keeps the handlers' list of them.
type Service struct {
	wf *workflow.Base
}

// NewService returns the contact requests' service on wf.
func NewService(wf *workflow.Base) *Service { return &Service{wf: wf} }

// formPrincipal is who writes a request: the public form, as a system, since the person is not
// signed in (and a signed-in person's own roles are not what the form speaks for).
func formPrincipal() *access.Principal {
	return &access.Principal{ClientID: "veiviser-public-contact-form", Name: "Kreftkoordinatorskjemaet"}
}

// ContactAnswerBy is the date by which a request received at from is answered.
func (s *Service) ContactAnswerBy(from time.Time) (time.Time, error) {
	due, err := s.wf.Law().Due(lawdata.CancerContactAnswer, from)
	if err != nil {
		return time.Time{}, fmt.Errorf("the cancer coordinator's answer time: %w", err)
	}
	return due, nil
}

// NewContactReference is a reference of the request shape for a request that is not stored (a
// honeypot's), so its receipt looks like any other.
func (s *Service) NewContactReference() string { return reference(s.wf.NewID()) }

func reference(id string) string {
	id = strings.ToUpper(strings.ReplaceAll(id, "-", ""))
	return "KK-" + id[:min(8, len(id))]
}

// SubmitContact stores a request from the public form, anyone's, and returns it with its
// reference and answer-by date; it returns only once the request is stored.
func (s *Service) SubmitContact(ctx context.Context, in Input) (Request, error) {
	now := s.wf.Now()
	due, err := s.ContactAnswerBy(now)
	if err != nil {
		return Request{}, err
	}
	id := s.wf.NewID()
	r := Request{Input: in, ID: id, Reference: reference(id), Received: now, AnswerBy: due}
	if _, err := s.wf.Commit(access.WithPrincipal(ctx, formPrincipal()), workflow.Put{Res: ToFHIR(r, s.wf.Unit())}); err != nil {
		return Request{}, fmt.Errorf("storing a contact request: %w", err)
	}
	return r, nil
}

// handler is the principal when they may handle requests; Forbidden otherwise.
func (s *Service) handler(ctx context.Context) (*access.Principal, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !MayHandle(p, s.wf.Unit()) && !p.IsSystem() {
		return nil, kernel.Forbidden("Bare koordinerende enhet og kreftkoordinatoren ser kontaktforespørslene.",
			"Only the coordinating unit and the cancer coordinator see the contact requests.")
	}
	return p, nil
}

// OpenContacts lists the open requests, the oldest first, for a handler; the read is logged.
func (s *Service) OpenContacts(ctx context.Context) ([]Request, error) {
	if _, err := s.handler(ctx); err != nil {
		return nil, err
	}
	tasks, err := s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskKind, "status", "requested")
	if err != nil {
		return nil, fmt.Errorf("reading the contact requests: %w", err)
	}
	var out []Request
	var what []string
	for _, t := range tasks {
		r, err := FromFHIR(t)
		if err != nil || r.Answer != nil {
			continue
		}
		out = append(out, r)
		what = append(what, kernel.Ref("Task", r.ID))
	}
	slices.SortFunc(out, func(a, b Request) int { return cmp.Or(a.Received.Compare(b.Received), cmp.Compare(a.ID, b.ID)) })
	return out, s.logRead(ctx, what)
}

// Contact is one request, for a handler; the read is logged.
func (s *Service) Contact(ctx context.Context, id string) (Request, error) {
	if _, err := s.handler(ctx); err != nil {
		return Request{}, err
	}
	t, _, err := s.wf.Get(ctx, "Task", id)
	if err != nil {
		return Request{}, err
	}
	if !IsRequest(t) {
		return Request{}, apperr.New(apperr.NotFound, "Task/%s is not a contact request", id)
	}
	r, err := FromFHIR(t)
	if err != nil {
		return Request{}, err
	}
	return r, s.logRead(ctx, []string{kernel.Ref("Task", id)})
}

// logRead logs a read of requests. They are about nobody registered, so the entry names the
// records (the Tasks) and no citizen: the access log keeps it, though no citizen's own log page
// shows it.
func (s *Service) logRead(ctx context.Context, what []string) error {
	if len(what) == 0 {
		return nil
	}
	p, _ := access.FromContext(ctx)
	return s.wf.LogEvent(ctx, accesslog.Event{Interaction: "read", Action: "R", Outcome: accesslog.OutcomeSuccess,
		Principal: p, When: s.wf.Now(), What: what})
}

// AnswerInput is how a handler answered a request.
type AnswerInput struct {
	ID   string
	At   time.Time
	How  How
	Note string
}

// MarkContactAnswered records the answer; the request leaves the open list.
func (s *Service) MarkContactAnswered(ctx context.Context, in AnswerInput) (Request, error) {
	p, err := s.handler(ctx)
	if err != nil {
		return Request{}, err
	}
	t, rec, err := s.wf.Get(ctx, "Task", in.ID)
	if err != nil {
		return Request{}, err
	}
	if !IsRequest(t) {
		return Request{}, apperr.New(apperr.NotFound, "Task/%s is not a contact request", in.ID)
	}
	r, err := FromFHIR(t)
	if err != nil {
		return Request{}, err
	}
	if r.Answer != nil {
		return r, kernel.Violation("Forespørselen er besvart allerede.", "The request is answered already.")
	}
	r.Answer = &Answer{At: in.At, How: in.How, Note: strings.TrimSpace(in.Note), By: p.Ref()}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: ToFHIR(r, s.wf.Unit()), IfMatch: rec.VersionID}); err != nil {
		return Request{}, err
	}
	return r, nil
}
