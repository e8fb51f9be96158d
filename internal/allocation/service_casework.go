package allocation

import (
	"context"
	"fmt"
	"maps"
	"slices"
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

// AddCaseDocument adds a document the office received or wrote (a statement by mail, a report
// from the home visit) to a case, in the officer's name: a PDF or image by its content, within
// the attachment's limit. The officer takes the case if nobody has.
func (s *Service) AddCaseDocument(ctx context.Context, reference string, f Upload) (Attachment, error) {
	p, err := s.officer(ctx)
	if err != nil {
		return Attachment{}, err
	}
	a, err := s.ApplicationByReference(ctx, reference)
	if err != nil {
		return Attachment{}, err
	}
	if c, err := s.CaseOf(ctx, reference); err != nil {
		return Attachment{}, err
	} else if c.Reference == "" { // nobody has the case yet: the officer adding to it takes it
		if _, err := s.changeCase(ctx, reference, func(*Assignment, string) error { return nil }); err != nil {
			return Attachment{}, err
		}
	}
	doc := Attachment{ID: s.wf.NewID(), Name: strings.TrimSpace(f.Name), ContentType: Sniff(f.Data), Data: f.Data,
		Subject: a.Subject, Author: kernel.Ref("Practitioner", p.PractitionerID), Created: s.wf.Now(), Case: "Task/" + CaseID(reference)}
	if err := ValidateAttachment(doc); err != nil {
		return Attachment{}, err
	}
	if _, err := s.wf.Commit(ctx, workflow.Put{Res: AttachmentToFHIR(doc)}); err != nil {
		return Attachment{}, fmt.Errorf("storing the case document: %w", err)
	}
	return doc, nil
}

// CaseDocuments are the documents the office added to a case, oldest first (without their
// contents: AttachmentOf reads one).
func (s *Service) CaseDocuments(ctx context.Context, reference string) ([]Attachment, error) {
	a, err := s.ApplicationByReference(ctx, reference)
	if err != nil {
		return nil, err
	}
	found, err := s.wf.Find(ctx, "DocumentReference", "subject", a.Subject, "category", kernel.CSDocumentKind+"|"+caseDocumentCategory)
	if err != nil {
		return nil, err
	}
	var out []Attachment
	for _, r := range found {
		d, err := AttachmentFromFHIR(r)
		if err != nil {
			return nil, err
		}
		if d.Case == "Task/"+CaseID(reference) {
			d.Data = nil
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(x, y Attachment) int { return x.Created.Compare(y.Created) })
	return out, s.wf.LogRead(ctx, a.Subject, "DocumentReference?category=case-document")
}
