package allocation

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/letterpdf"
	"veiviser/internal/messages"
	"veiviser/internal/workflow"
)

// Signatures is the municipal setting for how many officers a decision needs: 2 for
// two-person approval (an officer drafts, a second signs), 1 when the drafter signs.
const Signatures lawdata.Key = "allocation.decision.signatures"

// DecisionInput is the officer's decision on one service of an application, and the letter's
// language (the citizen's choice and the municipality's default, as the web finds them).
type DecisionInput struct {
	Reference string // the application's
	Service   string // the code of the service decided
	// Decision holds what the officer wrote: Outcome, Scope, Unit, Start, End, Review,
	// Provider, Reasons (the rest is filled in).
	Decision        Decision
	Chosen, Default i18n.Lang
}

// Decide makes the decision on one service of an application. Where one signature is enough
// the officer's decision is signed and sent at once; with two-person approval it is drafted,
// and SignDecision by a second officer sends it. A draft can be rewritten until it is signed.
func (s *Service) Decide(ctx context.Context, in DecisionInput) (Decision, error) {
	p, err := s.officer(ctx)
	if err != nil {
		return Decision{}, err
	}
	a, err := s.ApplicationByReference(ctx, in.Reference)
	if err != nil {
		return Decision{}, err
	}
	i := slices.IndexFunc(a.Services, func(sv Applied) bool { return sv.Code == in.Service })
	if i < 0 || a.Services[i].Status != Waiting {
		return Decision{}, kernel.Text{NB: "Denne tjenesten venter ikke på vedtak i saken.", EN: "This service does not wait for a decision in the case."}.Err(apperr.Conflict)
	}
	d := in.Decision
	draft, err := s.draftOf(ctx, a.Services[i].ID)
	if err != nil {
		return Decision{}, err
	}
	d.ID = s.wf.NewID()
	if draft != nil {
		d.ID = draft.ID
	}
	d.Reference, d.Applied, d.Subject, d.Code = a.Reference, "ServiceRequest/"+a.Services[i].ID, a.Subject, in.Service
	d.Status, d.Drafter, d.Signer, d.Decided, d.Letter = Drafted, kernel.Ref("Practitioner", p.PractitionerID), "", time.Time{}, ""
	if in.Service == "carer-allowance" && d.Carer == "" {
		d.Carer = carerOf(a)
	}
	if err := ValidateDecision(d); err != nil {
		return Decision{}, err
	}
	if n, err := s.signatures(); err != nil || n < 2 {
		if err != nil {
			return Decision{}, err
		}
		return s.sign(ctx, p, d, a, in.Chosen, in.Default)
	}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: DecisionToFHIR(d, s.wf.Office())}); err != nil {
		return Decision{}, fmt.Errorf("storing the draft decision: %w", err)
	}
	return d, nil
}

// SignDecision signs a drafted decision as the second officer and sends it.
func (s *Service) SignDecision(ctx context.Context, id string, chosen, fallback i18n.Lang) (Decision, error) {
	p, err := s.officer(ctx)
	if err != nil {
		return Decision{}, err
	}
	d, err := s.DecisionByID(ctx, id)
	if err != nil {
		return Decision{}, err
	}
	if d.Status != Drafted {
		return Decision{}, kernel.Text{NB: "Vedtaket er allerede signert.", EN: "The decision is signed already."}.Err(apperr.Conflict)
	}
	if d.Drafter == kernel.Ref("Practitioner", p.PractitionerID) {
		return Decision{}, kernel.Text{NB: "En annen saksbehandler enn den som skrev vedtaket, må godkjenne det.",
			EN: "An officer other than the one who drafted the decision must approve it."}.Err(apperr.Forbidden)
	}
	a, err := s.ApplicationByReference(ctx, d.Reference)
	if err != nil {
		return Decision{}, err
	}
	return s.sign(ctx, p, d, a, chosen, fallback)
}

// sign completes d as signed by p today and sends its letter to the citizen (and to the carer,
// a party of their own): the decision (with a carer allowance's pay by today's rate), its
// letter, its citizen's place on the waiting list when it waits for a long-term stay, the
// applied-for service marked decided and, when nothing of the application waits any longer,
// its case closed, in one commit.
func (s *Service) sign(ctx context.Context, p *access.Principal, d Decision, a Application, chosen, fallback i18n.Lang, extra ...workflow.Put) (Decision, error) {
	now := s.wf.Now()
	kind, err := s.kindOf(ctx, d.Code)
	if err != nil {
		return Decision{}, err
	}
	by, err := s.wf.Law().Due(kind.Appeal.DeadlineKey(), now)
	if err != nil {
		return Decision{}, err
	}
	d.Status, d.Signer, d.Decided, d.AppealBy = Signed, kernel.Ref("Practitioner", p.PractitionerID), now, by
	lang := s.wf.LetterLanguage(ctx, a.Subject, chosen, fallback)
	described, err := Describe(kind, s.wf.Law(), now, lang)
	if err != nil {
		return Decision{}, err
	}
	if d.Outcome != Refused {
		if d.Fee, err = s.feeText(ctx, kind, d, lang); err != nil {
			return Decision{}, err
		}
	}
	if d.CarerPay, err = s.carerPayOf(d, now); err != nil {
		return Decision{}, err
	}
	puts, letter, err := s.letters(ctx, d, a, described, lang)
	if err != nil {
		return Decision{}, err
	}
	d.Letter = letter
	if d.Replaces == "" && a.Changes != "" { // a change request's decision takes the running one's place
		old, err := s.decision(ctx, kernel.IDOf(a.Changes))
		if err != nil {
			return Decision{}, err
		}
		old.Status, d.Replaces = Replaced, a.Changes
		puts = append(puts, workflow.Put{Res: DecisionToFHIR(old, s.wf.Office())})
	}
	puts = append(puts, workflow.Put{Res: DecisionToFHIR(d, s.wf.Office())})
	waiting, err := s.waitingPuts(ctx, d) // after the decision: the list's rule reads it
	if err != nil {
		return Decision{}, err
	}
	puts = append(puts, waiting...)
	puts = append(puts, s.markDecided(ctx, a, d.Applied)...)
	if _, err := s.wf.Commit(ctx, append(puts, extra...)...); err != nil {
		return Decision{}, fmt.Errorf("signing the decision: %w", err)
	}
	return d, nil
}

// letters are the decision letter to the citizen and, for carer allowance, to the carer, each
// as text and PDF; letter is the citizen's.
func (s *Service) letters(ctx context.Context, d Decision, a Application, described Described, lang i18n.Lang) (puts []workflow.Put, letter string, err error) {
	law := s.wf.Law()
	f := LetterFacts{Service: described, Received: a.Received, Provider: s.wf.Name(ctx, d.Provider),
		Office: s.wf.Name(ctx, kernel.Ref("Organization", s.wf.Office())), Signer: s.wf.Name(ctx, d.Signer)}
	if d.Drafter != d.Signer {
		f.Drafter = s.wf.Name(ctx, d.Drafter)
	}
	for key, into := range map[lawdata.Key]*string{"decision.documents": &f.Documents, "decision.reasons": &f.Reasons,
		"decision.notice": &f.Notice, "appeal.late": &f.Late} {
		r, err := law.At(key, d.Decided)
		if err != nil {
			return nil, "", err
		}
		*into = r.Value.Text
	}
	l := DecisionLetter(d, f, lang)
	var pdf bytes.Buffer
	stamp := fmt.Sprintf("%s · %s", d.Reference, d.Decided.Format("02.01.2006"))
	if err := letterpdf.Write(&pdf, l.Document(f.Office, string(lang), stamp, d.Decided)); err != nil {
		return nil, "", fmt.Errorf("writing the decision letter: %w", err)
	}
	to := []string{a.Subject}
	if d.Carer != "" {
		to = append(to, d.Carer)
	}
	for _, recipient := range to {
		m := messages.Message{ID: s.wf.NewID(), Patient: a.Subject, From: kernel.Ref("Organization", s.wf.Office()),
			To: []string{recipient}, Sent: d.Decided, Text: l.Text(), PDF: pdf.Bytes()}
		if letter == "" {
			letter = "Communication/" + m.ID
		}
		puts = append(puts, workflow.Put{Res: messages.MessageToFHIR(m)})
	}
	return puts, letter, nil
}

// markDecided marks the applied-for service decided and, when none of the application waits
// any longer, closes its case.
func (s *Service) markDecided(ctx context.Context, a Application, applied string) []workflow.Put {
	open := false
	var puts []workflow.Put
	for i, sv := range a.Services {
		if "ServiceRequest/"+sv.ID == applied {
			a.Services[i].Status = Decided
		}
		open = open || a.Services[i].Status == Waiting
	}
	for _, r := range ApplicationToFHIR(a, s.wf.Office()) {
		if "ServiceRequest/"+r.ID() == applied {
			puts = append(puts, workflow.Put{Res: r})
		}
	}
	if !open {
		if as, err := s.CaseOf(ctx, a.Reference); err == nil && as.Officer != "" {
			as.Closed = true
			puts = append(puts, workflow.Put{Res: AssignmentToFHIR(as)})
		}
	}
	return puts
}

// carerOf is the carer of a carer-allowance application: the relative who sent it.
func carerOf(a Application) string {
	if kernel.TypeOf(a.Sender) == "RelatedPerson" {
		return a.Sender
	}
	return ""
}

func (s *Service) signatures() (int, error) {
	r, err := s.wf.Law().At(Signatures, s.wf.Now())
	if err != nil {
		return 0, err
	}
	return r.Value.N, nil
}

// officer is the principal as a staff member of the office with a Practitioner.
func (s *Service) officer(ctx context.Context) (*access.Principal, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !isOffice(p, []string{s.wf.Office()}) || p.PractitionerID == "" {
		return nil, kernel.Text{NB: "Vedtak gjøres av tildelingskontoret.", EN: "Decisions are made by the allocation office."}.Err(apperr.Forbidden)
	}
	return p, nil
}

// draftOf is the drafted decision on an applied-for service, nil when there is none.
func (s *Service) draftOf(ctx context.Context, appliedID string) (*Decision, error) {
	found, err := s.wf.Find(ctx, "ServiceRequest", "based-on", "ServiceRequest/"+appliedID, "status", "draft")
	if err != nil {
		return nil, err
	}
	for _, r := range found {
		if IsDecision(r) {
			d, err := DecisionFromFHIR(r)
			return &d, err
		}
	}
	return nil, nil
}

// DecisionByID is one decision, for whoever has its citizen in reach, and for the carer who is
// a party to it.
func (s *Service) DecisionByID(ctx context.Context, id string) (Decision, error) {
	d, err := s.decision(ctx, id)
	if err != nil {
		return Decision{}, err
	}
	if p, err := workflow.Principal(ctx); err == nil && d.Carer != "" && slices.Contains(p.RelatedPersonIDs, kernel.IDOfType(d.Carer, "RelatedPerson")) {
		return d, s.wf.LogRead(ctx, d.Subject, "ServiceRequest/"+id)
	}
	if _, err := s.wf.Reach(ctx, d.Subject); err != nil {
		return Decision{}, apperr.New(apperr.NotFound, "ServiceRequest/%s is not known", id)
	}
	return d, s.wf.LogRead(ctx, d.Subject, "ServiceRequest/"+id)
}

// decision reads a decision from the store, unchecked: for DecisionByID to check.
func (s *Service) decision(ctx context.Context, id string) (Decision, error) {
	r, _, err := s.wf.Get(ctx, "ServiceRequest", id)
	if err != nil {
		return Decision{}, err
	}
	if !IsDecision(r) {
		return Decision{}, apperr.New(apperr.NotFound, "ServiceRequest/%s is not a decision", id)
	}
	return DecisionFromFHIR(r)
}

// DecisionsOf are the citizen's decisions, newest first (drafts only for the office), for
// whoever has the citizen in reach.
func (s *Service) DecisionsOf(ctx context.Context, patient string) ([]Decision, error) {
	patient = kernel.Ref("Patient", kernel.IDOf(patient))
	p, err := s.wf.Reach(ctx, patient)
	if err != nil {
		return nil, err
	}
	found, err := s.wf.Find(ctx, "ServiceRequest", "subject", patient, "intent", "order")
	if err != nil {
		return nil, err
	}
	var out []Decision
	for _, r := range found {
		if !IsDecision(r) {
			continue
		}
		d, err := DecisionFromFHIR(r)
		if err != nil {
			return nil, err
		}
		if d.Status == Drafted && !isOffice(p, []string{s.wf.Office()}) {
			continue
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b Decision) int { return b.Decided.Compare(a.Decided) })
	return out, s.wf.LogRead(ctx, patient, "ServiceRequest?intent=order")
}

// DecisionLetterOf is the letter a decision sent the citizen, for whoever may read the
// decision (its citizen, the office, the carer).
func (s *Service) DecisionLetterOf(ctx context.Context, id string) (messages.Message, error) {
	d, err := s.DecisionByID(ctx, id)
	if err != nil {
		return messages.Message{}, err
	}
	if d.Letter == "" {
		return messages.Message{}, apperr.New(apperr.NotFound, "the decision %s has no letter yet", id)
	}
	r, _, err := s.wf.Get(ctx, "Communication", kernel.IDOf(d.Letter))
	if err != nil {
		return messages.Message{}, err
	}
	m, err := messages.MessageFromFHIR(r)
	if err != nil {
		return messages.Message{}, err
	}
	return m, s.wf.LogRead(ctx, d.Subject, d.Letter)
}

// Unit is a unit that can provide a service, as a form offers it.
type Unit struct{ Ref, Name string }

// ProvidingUnits are the organisations in the register other than the office and the
// coordinating unit, by name: those a decision can name as giving the service.
func (s *Service) ProvidingUnits(ctx context.Context) ([]Unit, error) {
	if _, err := s.officer(ctx); err != nil {
		return nil, err
	}
	found, err := s.wf.Find(ctx, "Organization")
	if err != nil {
		return nil, err
	}
	var out []Unit
	for _, r := range found {
		if r.ID() == s.wf.Office() || r.ID() == s.wf.Unit() {
			continue
		}
		out = append(out, Unit{Ref: "Organization/" + r.ID(), Name: kernel.NameOf(r)})
	}
	slices.SortFunc(out, func(a, b Unit) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// ReviewsDue are the office's running decisions past their review date, the longest overdue
// first: the officer's list of decisions to look at again.
func (s *Service) ReviewsDue(ctx context.Context) ([]Decision, error) {
	if _, err := s.officer(ctx); err != nil {
		return nil, err
	}
	found, err := s.wf.Find(ctx, "ServiceRequest", "requester", kernel.Ref("Organization", s.wf.Office()), "intent", "order", "status", "active")
	if err != nil {
		return nil, err
	}
	now := s.wf.Now()
	var out []Decision
	for _, r := range found {
		d, err := DecisionFromFHIR(r)
		if err != nil {
			return nil, err
		}
		if d.ReviewDue(now) {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Decision) int { return a.Review.Compare(b.Review) })
	return out, s.logDecisionReads(ctx, out)
}
