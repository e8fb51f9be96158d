package allocation

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// office is the rule of the office's Organization: its words for the services and its fee
// schedule.
func (r rule) office(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if err := r.catalogueWords(ctx, rd, before, after); err != nil {
		return err
	}
	return r.feeSchedule(ctx, before, after)
}

// feeSchedule (the amounts the office entered): for every writer, each amount is a fee rule's,
// within bounds, with a source, and the law table takes them; a person changes them only as the
// unit lead of that office, or as an administrator.
func (r rule) feeSchedule(ctx context.Context, before, after *fhir.Resource) error {
	var was, is = officeFeesOf(before), officeFeesOf(after)
	if slices.Equal(was, is) {
		return nil
	}
	if err := checkFees(r.law, is); err != nil {
		return err
	}
	if p, ok := access.Person(ctx); ok && !mayEditCatalogue(p, workflow.Written(before, after).ID()) {
		return feesForbidden()
	}
	return nil
}
