package intake

import (
	"context"

	"veiviser/internal/coordinators"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/messages"
	"veiviser/internal/workflow"
)

// AssessInput is the unit lead's assessment of an inquiry.
type AssessInput struct {
	InquiryID       string
	Facts           NeedFacts
	PlanDeclined    bool
	Outcome         Outcome // empty: SuggestedOutcome of the facts
	Reasons         string
	ReferredTo      string
	CoordinatorKind coordinators.CoordinatorKind
	// Chosen is the language the citizen chose in Veiviser (on their account), "" for none; the
	// letter is in it, else in the one the citizen's record prefers (Patient.communication),
	// else in Default, the municipality's.
	Chosen, Default i18n.Lang
}

// AssessResult is the recorded assessment, the letter sent, and the next steps it offers.
type AssessResult struct {
	Assessment Assessment
	Letter     Letter
	LetterID   string // Communication id
	Next       []Step
}

// Assess records the assessment (a completed Task), marks the inquiry assessed, sends the
// letter (a Communication to the citizen) and, when a coordinator is to be appointed, opens a
// Task owned by the unit for the appointment, all in one transaction. Unit lead only.
func (s *Service) Assess(ctx context.Context, in AssessInput) (AssessResult, error) {
	q, err := s.Inquiry(ctx, in.InquiryID)
	if err != nil {
		return AssessResult{}, err
	}
	p, _ := workflow.Principal(ctx) // the assessment is the unit lead's, in their own name: the intake rule decides
	if err := ReadyForAssessment(q); err != nil {
		return AssessResult{}, err
	}
	now := s.wf.Now()
	a := Assessment{InquiryID: q.ID, Patient: q.Subject, AssessedBy: kernel.Ref("Practitioner", p.PractitionerID), AssessedAt: now,
		Facts: in.Facts, PlanDeclined: in.PlanDeclined, Outcome: in.Outcome, Reasons: in.Reasons, ReferredTo: in.ReferredTo,
		CoordinatorKind: in.CoordinatorKind}
	if a.Outcome == "" {
		a.Outcome = SuggestedOutcome(in.Facts, in.PlanDeclined)
	}
	if err := ValidateAssessment(a); err != nil {
		return AssessResult{}, err
	}
	letter, err := AssessmentLetter(q, a, "", s.wf.Law(), s.LetterLanguage(ctx, q.Subject, in.Chosen, in.Default))
	if err != nil {
		return AssessResult{}, err
	}
	q.Status = InquiryAssessed
	res := AssessResult{Assessment: a, Letter: letter, LetterID: s.wf.NewID(), Next: NextSteps(a)}
	msg := messages.MessageToFHIR(messages.Message{ID: res.LetterID, Patient: q.Subject, From: kernel.Ref("Organization", s.wf.Unit()),
		To: []string{q.Subject}, Sent: now, Text: letterText(letter)})
	puts := []workflow.Put{{Res: AssessmentToFHIR(s.wf.NewID(), a)}, {Res: s.inquiryResource(q)}, {Res: msg}}
	if a.Outcome == OutcomePlanAndCoordinator || a.Outcome == OutcomeCoordinatorOnly {
		puts = append(puts, workflow.Put{Res: AppointTaskToFHIR(s.wf.NewID(), "requested", kernel.Ref("Organization", s.wf.Unit()), q, a)})
	}
	if _, err := s.wf.Commit(ctx, puts...); err != nil {
		return AssessResult{}, err
	}
	return res, nil
}

// letterText is the letter as one text: its subject, then its body.
func letterText(l Letter) string { return l.Subject + "\n\n" + l.Body }

// LetterLanguage is the language a letter to patient is written in (workflow.Base.LetterLanguage).
func (s *Service) LetterLanguage(ctx context.Context, patient string, chosen, fallback i18n.Lang) i18n.Lang {
	return s.wf.LetterLanguage(ctx, patient, chosen, fallback)
}
