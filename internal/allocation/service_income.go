package allocation

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fees"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// IncomeInput is what a citizen (or a guardian, or the office from a paper form) documents.
type IncomeInput struct {
	Patient   string // Patient/... the income is for
	Year      int
	Income    fees.Income
	Note      string
	Documents []Upload
}

// SubmitIncome stores an income statement with its documents in one commit. The citizen sends
// their own, a guardian a child's, the office's staff one that came on paper. The fees computed
// from now on use it: the citizen's page and the monthly fee list show the new computation.
func (s *Service) SubmitIncome(ctx context.Context, in IncomeInput) (IncomeStatement, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return IncomeStatement{}, err
	}
	patient := kernel.Ref("Patient", kernel.IDOf(in.Patient))
	sender, err := s.incomeSender(ctx, p, patient)
	if err != nil {
		return IncomeStatement{}, err
	}
	now := s.wf.Now()
	st := IncomeStatement{ID: s.wf.NewID(), Subject: patient, Sender: sender, Year: in.Year, Income: in.Income,
		Note: strings.TrimSpace(in.Note), Received: now}
	var puts []workflow.Put
	for _, f := range in.Documents {
		doc := Attachment{ID: s.wf.NewID(), Name: strings.TrimSpace(f.Name), ContentType: Sniff(f.Data), Data: f.Data,
			Subject: patient, Author: sender, Created: now}
		if err := ValidateAttachment(doc); err != nil {
			return IncomeStatement{}, err
		}
		st.Documents = append(st.Documents, "DocumentReference/"+doc.ID)
		puts = append(puts, workflow.Put{Res: AttachmentToFHIR(doc)})
	}
	if err := ValidateIncome(st, now); err != nil {
		return IncomeStatement{}, err
	}
	puts = append(puts, workflow.Put{Res: IncomeToFHIR(st, s.wf.Office())})
	if _, err := s.wf.Commit(ctx, puts...); err != nil {
		return IncomeStatement{}, fmt.Errorf("storing the income statement: %w", err)
	}
	return st, nil
}

// incomeSender is who sends a statement for patient: the citizen, a guardian, or the office.
func (s *Service) incomeSender(ctx context.Context, p *access.Principal, patient string) (string, error) {
	if isOffice(p, []string{s.wf.Office()}) {
		return kernel.Ref("Practitioner", p.PractitionerID), nil
	}
	kind, sender, err := s.wf.ActingFor(ctx, p, patient)
	if err == nil && (kind == string(FromCitizen) || kind == string(FromGuardian)) {
		return sender, nil
	}
	return "", kernel.Text{NB: "Du kan sende inntektsopplysninger for deg selv eller for barn du er foresatt for.",
		EN: "You may send income details for yourself or a child you are guardian for."}.Err(apperr.Forbidden)
}

// IncomesOf are the citizen's income statements, newest first, for whoever has the citizen in
// reach; the first is what the fees are computed from.
func (s *Service) IncomesOf(ctx context.Context, patient string) ([]IncomeStatement, error) {
	patient = kernel.Ref("Patient", kernel.IDOf(patient))
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	out, err := s.incomes(ctx, patient)
	if err != nil {
		return nil, err
	}
	return out, s.wf.LogRead(ctx, patient, "Task?code="+TaskIncome)
}

// incomes reads the statements without a reach check or a log entry: the callers do both.
func (s *Service) incomes(ctx context.Context, patient string) ([]IncomeStatement, error) {
	found, err := s.wf.Find(ctx, "Task", "code", kernel.CSTaskKind+"|"+TaskIncome, "patient", patient)
	if err != nil {
		return nil, err
	}
	var out []IncomeStatement
	for _, r := range found {
		st, err := IncomeFromFHIR(r)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	slices.SortStableFunc(out, func(a, b IncomeStatement) int { return b.Received.Compare(a.Received) })
	return out, nil
}

// latestIncome is the income the fees use: the newest statement's, nil when there is none.
func latestIncome(list []IncomeStatement) *fees.Income {
	if len(list) == 0 {
		return nil
	}
	in := list[0].Income
	return &in
}
