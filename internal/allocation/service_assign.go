package allocation

import (
	"context"
	"fmt"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
	"veiviser/internal/messages"
	"veiviser/internal/workflow"
)

// AssignCase gives an application's case to an officer of the office (officer "" is the one
// asking); a case already held by someone else moves to the new officer.
func (s *Service) AssignCase(ctx context.Context, reference, officer string) (Assignment, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Assignment{}, err
	}
	if !isOffice(p, []string{s.wf.Office()}) || p.PractitionerID == "" {
		return Assignment{}, kernel.Text{NB: "Saker fordeles av tildelingskontoret.", EN: "Cases are assigned by the allocation office."}.Err(apperr.Forbidden)
	}
	if officer == "" {
		officer = kernel.Ref("Practitioner", p.PractitionerID)
	}
	a, err := s.ApplicationByReference(ctx, reference)
	if err != nil {
		return Assignment{}, err
	}
	as, err := s.CaseOf(ctx, reference)
	if err != nil {
		return Assignment{}, err
	}
	as.Reference, as.Subject, as.Officer, as.Office, as.Since = a.Reference, a.Subject, officer, s.wf.Office(), kernel.DateTime(s.wf.Now())
	as.Services = nil
	for _, sv := range a.Services {
		as.Services = append(as.Services, sv.ID)
	}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: AssignmentToFHIR(as)}); err != nil {
		return Assignment{}, err
	}
	return as, nil
}

// assignments are the open cases' officers, by application reference.
func (s *Service) assignments(ctx context.Context) (map[string]Assignment, error) {
	found, err := s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskCase, "status", "in-progress")
	if err != nil {
		return nil, err
	}
	out := map[string]Assignment{}
	for _, r := range found {
		a := AssignmentFromFHIR(r)
		out[a.Reference] = a
	}
	return out, nil
}

// isCase: a Task coded allocation-case.
func isCase(r *fhir.Resource) bool { return kernel.TaskKind(r) == TaskCase }

// PreliminaryReplyInput is the officer's preliminary reply, and the letter's language (the
// citizen's choice and the municipality's default, as the web finds them).
type PreliminaryReplyInput struct {
	Reference       string
	Reply           PreliminaryReply
	Chosen, Default i18n.Lang
}

// SendPreliminaryReply sends the citizen the preliminary reply fvl § 11 a asks for when the
// case cannot be decided within a month: the letter, in the citizen's language, goes to their
// letters; the case keeps the promised date (the inbox no longer shows it late). The officer
// sending it takes the case if nobody has.
func (s *Service) SendPreliminaryReply(ctx context.Context, in PreliminaryReplyInput) (Assignment, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Assignment{}, err
	}
	if !isOffice(p, []string{s.wf.Office()}) || p.PractitionerID == "" {
		return Assignment{}, kernel.Text{NB: "Foreløpig svar sendes av tildelingskontoret.", EN: "Preliminary replies are sent by the allocation office."}.Err(apperr.Forbidden)
	}
	now := s.wf.Now()
	if err := ValidatePreliminaryReply(in.Reply, now); err != nil {
		return Assignment{}, err
	}
	a, err := s.ApplicationByReference(ctx, in.Reference)
	if err != nil {
		return Assignment{}, err
	}
	as, err := s.CaseOf(ctx, in.Reference)
	if err != nil {
		return Assignment{}, err
	}
	if as.Officer == "" {
		as.Officer, as.Since = kernel.Ref("Practitioner", p.PractitionerID), kernel.DateTime(now)
	}
	as.Reference, as.Subject, as.Office, as.Services = a.Reference, a.Subject, s.wf.Office(), nil
	for _, sv := range a.Services {
		as.Services = append(as.Services, sv.ID)
	}
	lang := s.wf.LetterLanguage(ctx, a.Subject, in.Chosen, in.Default)
	var names []string
	for _, sv := range a.Services {
		if k, ok := s.catalogue.Kind(sv.Code); ok {
			names = append(names, k.Name.In(lang))
		}
	}
	subject, body := PreliminaryReplyLetter(a, in.Reply, names, lang)
	letter := messages.Message{ID: s.wf.NewID(), Patient: a.Subject, From: kernel.Ref("Organization", s.wf.Office()),
		To: []string{a.Subject}, Sent: now, Text: subject + "\n\n" + body}
	as.ReplyExpected, as.ReplyLetter = in.Reply.Expected, "Communication/"+letter.ID
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: messages.MessageToFHIR(letter)}, workflow.Put{Res: AssignmentToFHIR(as)}); err != nil {
		return Assignment{}, fmt.Errorf("sending the preliminary reply: %w", err)
	}
	return as, nil
}
