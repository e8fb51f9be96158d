package allocation

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// FunctionVariables are the functional assessment's variables and scores.
func (s *Service) FunctionVariables() Functions { return s.functions }

// SaveAssessment keeps the office's assessment of a case (it replaces the one before): the
// facts, the citizen's own view, the home visit and the functional assessment. The officer
// takes the case if nobody has.
func (s *Service) SaveAssessment(ctx context.Context, reference string, a Assessment) (Assignment, error) {
	return s.changeCase(ctx, reference, func(as *Assignment, by string) error {
		a.Facts, a.CitizenView, a.VisitedBy = strings.TrimSpace(a.Facts), strings.TrimSpace(a.CitizenView), strings.TrimSpace(a.VisitedBy)
		a.Scores = maps.Clone(a.Scores)
		a.By, a.At = by, s.wf.Now()
		if err := ValidateAssessment(a, s.functions, s.wf.Now()); err != nil {
			return err
		}
		as.Assessment = &a
		return nil
	})
}

// AddCaseNote adds a note to a case, in the officer's name.
func (s *Service) AddCaseNote(ctx context.Context, reference, text string) (Assignment, error) {
	return s.changeCase(ctx, reference, func(as *Assignment, by string) error {
		text = strings.TrimSpace(text)
		if text == "" {
			return kernel.Violation("Notatet er tomt.", "The note is empty.")
		}
		if err := kernel.CheckText(kernel.Text{NB: "Notatet", EN: "The note"}, text, kernel.MaxText); err != nil {
			return err
		}
		as.Notes = append(as.Notes, Note{Author: by, Time: s.wf.Now(), Text: text})
		return nil
	})
}

// changeCase applies change to an application's case as the office's officer and stores it.
func (s *Service) changeCase(ctx context.Context, reference string, change func(as *Assignment, by string) error) (Assignment, error) {
	p, err := s.officer(ctx)
	if err != nil {
		return Assignment{}, err
	}
	a, err := s.ApplicationByReference(ctx, reference)
	if err != nil {
		return Assignment{}, err
	}
	as, err := s.CaseOf(ctx, reference)
	if err != nil {
		return Assignment{}, err
	}
	me := kernel.Ref("Practitioner", p.PractitionerID)
	if as.Officer == "" {
		as.Officer, as.Since = me, kernel.DateTime(s.wf.Now())
	}
	as.Reference, as.Subject, as.Office, as.Services = a.Reference, a.Subject, s.wf.Office(), nil
	for _, sv := range a.Services {
		as.Services = append(as.Services, sv.ID)
	}
	if err := change(&as, me); err != nil {
		return Assignment{}, err
	}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: AssignmentToFHIR(as)}); err != nil {
		return Assignment{}, fmt.Errorf("storing the case: %w", err)
	}
	return as, nil
}
