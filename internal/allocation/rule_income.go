package allocation

import (
	"context"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
)

// tasks is the rule of the office's Tasks: cases, waiting places and appeals (rule_task.go), and
// income statements.
func (r rule) tasks(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if err := r.task(ctx, rd, before, after); err != nil {
		return err
	}
	return r.income(ctx, before, after)
}

// income (a Task coded income-statement), for every writer: a valid statement for a Patient,
// addressed to the office. A person sends one only in their own name (as the citizen or a
// guardian's RelatedPerson) or as the office's staff; a statement is never changed or deleted
// (a new one takes its place), except by an administrator.
func (r rule) income(ctx context.Context, before, after *fhir.Resource) error {
	if !IsIncome(before) && !IsIncome(after) {
		return nil
	}
	var st IncomeStatement
	if after != nil {
		var err error
		if st, err = IncomeFromFHIR(after); err != nil {
			return err
		}
		if kernel.TypeOf(st.Subject) != "Patient" {
			return kernel.Violation("Inntektsopplysningene må gjelde en innbygger.", "The income statement must be about a citizen.")
		}
		if err := ValidateIncome(st, r.env.Now()); err != nil {
			return err
		}
		if len(kernel.OrganizationIDs(after, "owner")) != 1 {
			return kernel.Violation("Inntektsopplysningene må sendes til tildelingskontoret.", "The income statement must be addressed to the allocation office.")
		}
	}
	p, ok := access.Person(ctx)
	if !ok || p.Has(access.Administrator) {
		return nil
	}
	own := inOwnName(p, st.Sender)
	switch {
	case before != nil:
		return kernel.Text{NB: "Inntektsopplysninger endres ikke; send nye.", EN: "An income statement is not changed; send a new one."}.Err(apperr.Forbidden)
	case own || isOffice(p, kernel.OrganizationIDs(after, "owner")) && st.Sender == kernel.Ref("Practitioner", p.PractitionerID):
		return nil
	}
	return kernel.Text{NB: "Inntektsopplysninger sendes i eget navn.", EN: "An income statement is sent in one's own name."}.Err(apperr.Forbidden)
}
