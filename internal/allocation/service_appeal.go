package allocation

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// AppealInput is an appeal as sent: against which decision, in the appellant's words; a paper
// appeal the office registers has the date it came.
type AppealInput struct {
	Decision string // the decision's id or ServiceRequest/id
	Text     string
	Received time.Time // a paper appeal's date (the office only); zero: today
}

// Appeal receives an appeal against a signed decision from a party: the citizen, their
// guardian, or for carer allowance the carer. The office registers a paper appeal with
// RegisterPaperAppeal. One that comes after the deadline is flagged with the days late and
// still taken in (fvl § 31 lets the office take it up).
func (s *Service) Appeal(ctx context.Context, in AppealInput) (Appeal, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Appeal{}, err
	}
	d, err := s.DecisionByID(ctx, kernel.IDOf(in.Decision))
	if err != nil {
		return Appeal{}, err
	}
	appellant, err := s.partyOf(ctx, p, d)
	if err != nil {
		return Appeal{}, err
	}
	return s.receiveAppeal(ctx, d, appellant, "", in.Text, s.wf.Now())
}

// RegisterPaperAppeal registers an appeal that came on paper (or by mail) on the date it came,
// in the citizen's name (or the carer's, with appellant).
func (s *Service) RegisterPaperAppeal(ctx context.Context, in AppealInput, appellant string) (Appeal, error) {
	p, err := s.officer(ctx)
	if err != nil {
		return Appeal{}, err
	}
	d, err := s.DecisionByID(ctx, kernel.IDOf(in.Decision))
	if err != nil {
		return Appeal{}, err
	}
	if appellant == "" {
		appellant = d.Subject
	}
	if appellant != d.Subject && appellant != d.Carer {
		return Appeal{}, kernel.Violation("Klageren må være parten vedtaket gjelder.", "The appellant must be a party to the decision.")
	}
	received := in.Received
	if received.IsZero() {
		received = s.wf.Now()
	}
	return s.receiveAppeal(ctx, d, appellant, kernel.Ref("Practitioner", p.PractitionerID), in.Text, received)
}

func (s *Service) receiveAppeal(ctx context.Context, d Decision, appellant, recorder, text string, received time.Time) (Appeal, error) {
	if d.Status != Signed {
		return Appeal{}, kernel.Text{NB: "Bare et gjeldende vedtak kan påklages.", EN: "Only a decision in force can be appealed."}.Err(apperr.Conflict)
	}
	open, err := s.appealsOn(ctx, d.ID)
	if err != nil {
		return Appeal{}, err
	}
	if slices.ContainsFunc(open, func(a Appeal) bool { return a.Appellant == appellant && !a.Status.Closed() }) {
		return Appeal{}, kernel.Text{NB: "Klagen din på dette vedtaket er allerede til behandling.", EN: "Your appeal against this decision is being handled already."}.Err(apperr.Conflict)
	}
	a := Appeal{ID: s.wf.NewID(), Decision: "ServiceRequest/" + d.ID, Reference: d.Reference, Subject: d.Subject,
		Appellant: appellant, Recorder: recorder, Text: strings.TrimSpace(text), Received: received,
		DaysLate: DaysLate(d.AppealBy, received), Status: AppealReceived}
	if err := ValidateAppeal(a, s.wf.Now()); err != nil {
		return Appeal{}, err
	}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: AppealToFHIR(a, s.wf.Office())}); err != nil {
		return Appeal{}, fmt.Errorf("storing the appeal: %w", err)
	}
	return a, nil
}

// appealsOn are the appeals against the decision, for a party who may not reach the citizen
// otherwise (the carer): the caller has checked the party.
func (s *Service) appealsOn(ctx context.Context, decisionID string) ([]Appeal, error) {
	found, err := s.wf.Find(ctx, "Task", "focus", "ServiceRequest/"+decisionID)
	if err != nil {
		return nil, err
	}
	var out []Appeal
	for _, r := range found {
		if !IsAppeal(r) {
			continue
		}
		a, err := AppealFromFHIR(r)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, nil
}

// partyOf is the principal as a party to d: the citizen, a guardian (as their
// RelatedPerson), or the carer of a carer allowance.
func (s *Service) partyOf(ctx context.Context, p *access.Principal, d Decision) (string, error) {
	if d.Carer != "" && slices.ContainsFunc(p.RelatedPersonIDs, func(id string) bool { return d.Carer == kernel.Ref("RelatedPerson", id) }) {
		return d.Carer, nil
	}
	kind, sender, err := s.wf.ActingFor(ctx, p, d.Subject)
	if err == nil && (kind == string(FromCitizen) || kind == string(FromGuardian)) {
		return sender, nil
	}
	return "", kernel.Text{NB: "Du kan klage på vedtak som gjelder deg, barn du er foresatt for, eller omsorgsstønad du gir omsorgen for.",
		EN: "You may appeal against decisions about you, a child you are guardian for, or a carer allowance for care you give."}.Err(apperr.Forbidden)
}

// AppealsOf are the appeals against the citizen's decisions, newest first, for whoever has the
// citizen in reach.
func (s *Service) AppealsOf(ctx context.Context, patient string) ([]Appeal, error) {
	patient = kernel.Ref("Patient", kernel.IDOf(patient))
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	found, err := s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskAppeal, "patient", patient)
	if err != nil {
		return nil, err
	}
	var out []Appeal
	for _, r := range found {
		a, err := AppealFromFHIR(r)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(a, b Appeal) int { return b.Received.Compare(a.Received) })
	return out, s.wf.LogRead(ctx, patient, "Task?code=allocation-appeal")
}

// AppealByID is one appeal, for whoever has its citizen in reach.
func (s *Service) AppealByID(ctx context.Context, id string) (Appeal, error) {
	r, _, err := s.wf.Get(ctx, "Task", id)
	if err != nil {
		return Appeal{}, err
	}
	if !IsAppeal(r) {
		return Appeal{}, apperr.New(apperr.NotFound, "Task/%s is not an appeal", id)
	}
	a, err := AppealFromFHIR(r)
	if err != nil {
		return Appeal{}, err
	}
	if _, err := s.wf.Reach(ctx, a.Subject); err != nil {
		return Appeal{}, apperr.New(apperr.NotFound, "Task/%s is not known", id)
	}
	return a, s.wf.LogRead(ctx, a.Subject, "Task/"+id)
}

// ReassessInput is the office's reassessment of an appeal: upheld (and forwarded to the appeal
// body) or changed with a new decision.
type ReassessInput struct {
	Appeal     string
	Assessment string // why the office upholds or changes it
	// Change is the new decision when the office gives the appellant what they asked (wholly
	// or partly); nil upholds the decision and forwards the appeal.
	Change          *Decision
	Chosen, Default i18n.Lang
}

// ReassessAppeal is the office's first review: it changes the decision (a new decision, with
// its own letter and appeal notice, replaces the old one, and the appeal closes) or upholds it
// and forwards the appeal with the case documents to the appeal body (the case waits for its
// outcome; the appellant is told).
func (s *Service) ReassessAppeal(ctx context.Context, in ReassessInput) (Appeal, error) {
	p, err := s.officer(ctx)
	if err != nil {
		return Appeal{}, err
	}
	a, err := s.AppealByID(ctx, in.Appeal)
	if err != nil {
		return Appeal{}, err
	}
	if a.Status != AppealReceived {
		return Appeal{}, kernel.Text{NB: "Klagen er allerede vurdert.", EN: "The appeal has been reassessed already."}.Err(apperr.Conflict)
	}
	if strings.TrimSpace(in.Assessment) == "" {
		return Appeal{}, kernel.Violation("Skriv vurderingen av klagen.", "Write the assessment of the appeal.")
	}
	a.Assessment = strings.TrimSpace(in.Assessment)
	old, err := s.DecisionByID(ctx, kernel.IDOf(a.Decision))
	if err != nil {
		return Appeal{}, err
	}
	if in.Change == nil {
		if a.Documents, err = s.caseFile(ctx, old); err != nil {
			return Appeal{}, err
		}
		a.Status, a.Forwarded = AppealForwarded, s.wf.Now()
		if err := ValidateAppeal(a, s.wf.Now()); err != nil {
			return Appeal{}, err
		}
		if _, err := s.wf.Commit(ctx, workflow.Put{Res: AppealToFHIR(a, s.wf.Office())}); err != nil {
			return Appeal{}, fmt.Errorf("forwarding the appeal: %w", err)
		}
		return a, nil
	}
	nd, err := s.replaceDecision(ctx, p, old, *in.Change, in.Chosen, in.Default, func(nd Decision) []workflow.Put {
		a.Status, a.NewDecision = AppealChanged, "ServiceRequest/"+nd.ID
		return []workflow.Put{{Res: AppealToFHIR(a, s.wf.Office())}}
	})
	if err != nil {
		return Appeal{}, err
	}
	a.Status, a.NewDecision = AppealChanged, "ServiceRequest/"+nd.ID
	return a, nil
}

// caseFile is what goes to the appeal body with an appeal (fvl § 33): the application, its
// attachments, the case's documents, the decision and its letter.
func (s *Service) caseFile(ctx context.Context, d Decision) ([]string, error) {
	a, err := s.ApplicationByReference(ctx, d.Reference)
	if err != nil {
		return nil, err
	}
	docs, err := s.CaseDocuments(ctx, d.Reference)
	if err != nil {
		return nil, err
	}
	out := []string{d.Applied}
	out = append(out, a.Attachments...)
	for _, doc := range docs {
		out = append(out, "DocumentReference/"+doc.ID)
	}
	out = append(out, "ServiceRequest/"+d.ID)
	if d.Letter != "" {
		out = append(out, d.Letter)
	}
	return out, nil
}

// CarryOutOutcome carries out the appeal body's decision when it changed or quashed the one
// appealed against: the office's new decision replaces it, with its own letter and notice.
func (s *Service) CarryOutOutcome(ctx context.Context, appealID string, change Decision, chosen, fallback i18n.Lang) (Appeal, error) {
	p, err := s.officer(ctx)
	if err != nil {
		return Appeal{}, err
	}
	a, err := s.AppealByID(ctx, appealID)
	if err != nil {
		return Appeal{}, err
	}
	if a.Status != AppealReversed && a.Status != AppealQuashed || a.NewDecision != "" {
		return Appeal{}, kernel.Text{NB: "Et nytt vedtak gjøres når klageinstansen har endret eller opphevet vedtaket.",
			EN: "A new decision is made once the appeal body has changed or quashed the decision."}.Err(apperr.Conflict)
	}
	old, err := s.DecisionByID(ctx, kernel.IDOf(a.Decision))
	if err != nil {
		return Appeal{}, err
	}
	nd, err := s.replaceDecision(ctx, p, old, change, chosen, fallback, func(nd Decision) []workflow.Put {
		a.NewDecision = "ServiceRequest/" + nd.ID
		return []workflow.Put{{Res: AppealToFHIR(a, s.wf.Office())}}
	})
	if err != nil {
		return Appeal{}, err
	}
	a.NewDecision = "ServiceRequest/" + nd.ID
	return a, nil
}

// replaceDecision signs change as the decision that replaces old (after an appeal or a change
// request) and marks old replaced; with gives the records to write with it.
func (s *Service) replaceDecision(ctx context.Context, p *access.Principal, old, change Decision, chosen, fallback i18n.Lang, with func(Decision) []workflow.Put) (Decision, error) {
	a, err := s.ApplicationByReference(ctx, old.Reference)
	if err != nil {
		return Decision{}, err
	}
	d := change
	d.ID, d.Reference, d.Applied, d.Subject, d.Code, d.Carer = s.wf.NewID(), old.Reference, old.Applied, old.Subject, old.Code, old.Carer
	d.Status, d.Drafter, d.Replaces = Drafted, kernel.Ref("Practitioner", p.PractitionerID), "ServiceRequest/"+old.ID
	if err := ValidateDecision(d); err != nil {
		return Decision{}, err
	}
	old.Status = Replaced
	extra := append([]workflow.Put{{Res: DecisionToFHIR(old, s.wf.Office())}}, with(d)...)
	return s.sign(ctx, p, d, a, chosen, fallback, extra...)
}

// OutcomeInput is the appeal body's outcome as the office records it.
type OutcomeInput struct {
	Appeal  string
	Status  AppealStatus // upheld, reversed or quashed
	Outcome string       // what the appeal body decided, in brief
	Date    time.Time    // the date of its decision
}

// RecordAppealOutcome records the appeal body's outcome on a forwarded appeal, closing it.
// Where the decision was changed or quashed, the office then carries it out with a new
// decision (ChangeDecision).
func (s *Service) RecordAppealOutcome(ctx context.Context, in OutcomeInput) (Appeal, error) {
	if _, err := s.officer(ctx); err != nil {
		return Appeal{}, err
	}
	a, err := s.AppealByID(ctx, in.Appeal)
	if err != nil {
		return Appeal{}, err
	}
	switch {
	case a.Status != AppealForwarded:
		return Appeal{}, kernel.Text{NB: "Utfallet føres når klagen er sendt til klageinstansen.", EN: "The outcome is recorded once the appeal is forwarded."}.Err(apperr.Conflict)
	case in.Status != AppealUpheld && in.Status != AppealReversed && in.Status != AppealQuashed:
		return Appeal{}, kernel.Violation("Velg om vedtaket ble stadfestet, endret eller opphevet.", "Choose whether the decision was upheld, changed or quashed.")
	case strings.TrimSpace(in.Outcome) == "":
		return Appeal{}, kernel.Violation("Skriv kort hva klageinstansen kom til.", "Write briefly what the appeal body decided.")
	case in.Date.IsZero() || in.Date.Before(a.Forwarded.Truncate(24*time.Hour)) || kernel.DaysFromToday(s.wf.Now(), in.Date) > 0:
		return Appeal{}, kernel.Violation("Datoen for klageinstansens avgjørelse må være mellom oversendelsen og i dag.", "The date of the appeal body's decision must be between the forwarding and today.")
	}
	a.Status, a.Outcome, a.OutcomeDate = in.Status, strings.TrimSpace(in.Outcome), in.Date
	if err := ValidateAppeal(a, s.wf.Now()); err != nil {
		return Appeal{}, err
	}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: AppealToFHIR(a, s.wf.Office())}); err != nil {
		return Appeal{}, fmt.Errorf("recording the appeal body's outcome: %w", err)
	}
	return a, nil
}

// DecisionsAsParty are the decisions the principal is a party to in their own right: the
// carer allowances they give the care for (as their RelatedPerson), newest first.
func (s *Service) DecisionsAsParty(ctx context.Context) ([]Decision, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if len(p.RelatedPersonIDs) == 0 {
		return nil, nil
	}
	found, err := s.wf.Find(ctx, "ServiceRequest", "code", kernel.CSServiceKind+"|carer-allowance", "intent", "order")
	if err != nil {
		return nil, err
	}
	var out []Decision
	for _, r := range found {
		d, err := DecisionFromFHIR(r)
		if err != nil {
			return nil, err
		}
		if d.Status == Drafted || !slices.Contains(p.RelatedPersonIDs, kernel.IDOfType(d.Carer, "RelatedPerson")) {
			continue
		}
		out = append(out, d)
	}
	slices.SortStableFunc(out, func(a, b Decision) int { return b.Decided.Compare(a.Decided) })
	return out, s.logDecisionReads(ctx, out)
}

// DecisionsCarriedOut are the decisions in force that the principal's units give the service
// of, newest first: what a provider is to do, for whom and how much. Each citizen's read is
// logged.
func (s *Service) DecisionsCarriedOut(ctx context.Context) ([]Decision, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return nil, err
	}
	if !p.Has(access.ServiceProvider) {
		return nil, kernel.Text{NB: "Listen er tjenesteyternes.", EN: "The list is the providers'."}.Err(apperr.Forbidden)
	}
	var out []Decision
	for _, u := range p.Units {
		found, err := s.wf.Find(ctx, "ServiceRequest", "performer", kernel.Ref("Organization", u), "intent", "order", "status", "active")
		if err != nil {
			return nil, err
		}
		for _, r := range found {
			if !IsDecision(r) {
				continue
			}
			d, err := DecisionFromFHIR(r)
			if err != nil {
				return nil, err
			}
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Decision) int { return b.Decided.Compare(a.Decided) })
	return out, s.logDecisionReads(ctx, out)
}

// logDecisionReads logs a list of decisions as read: one entry per citizen, written together.
func (s *Service) logDecisionReads(ctx context.Context, ds []Decision) error {
	var patients []string
	seen := map[string]bool{}
	for _, d := range ds {
		if !seen[d.Subject] {
			seen[d.Subject] = true
			patients = append(patients, d.Subject)
		}
	}
	return s.logReads(ctx, patients, "ServiceRequest?intent=order")
}
