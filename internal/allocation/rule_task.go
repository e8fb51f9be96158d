package allocation

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
)

// caseTexts are a case's stored texts: its assessment and its notes.
func caseTexts(r *fhir.Resource) ([]kernel.Field, error) {
	a := AssignmentFromFHIR(r)
	var fs kernel.Fields
	if a.Assessment != nil {
		fs = append(fs, AssessmentFields(*a.Assessment)...)
	}
	for _, n := range a.Notes {
		fs.Add(kernel.Text{NB: "Notatet", EN: "The note"}, kernel.MaxText, n.Text)
	}
	return fs, nil
}

// appealTexts are an appeal's stored texts.
func appealTexts(r *fhir.Resource) ([]kernel.Field, error) {
	a, err := AppealFromFHIR(r)
	return AppealFields(a), err
}

// task: an allocation case's rule and an appeal's.
func (r rule) task(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if err := r.assignment(ctx, rd, before, after); err != nil {
		return err
	}
	return r.appeal(ctx, before, after)
}

// appeal (a Task coded allocation-appeal), for every writer: against a decision, with words,
// from an appellant, addressed to the office. A person sends one only in their own name (as
// their Patient or RelatedPerson) or as the office's staff (a paper appeal they record); only
// the office's staff change one (the reassessment, the outcome); none is deleted.
func (r rule) appeal(ctx context.Context, before, after *fhir.Resource) error {
	if !IsAppeal(before) && !IsAppeal(after) {
		return nil
	}
	var a Appeal
	if after != nil {
		var err error
		if a, err = AppealFromFHIR(after); err != nil {
			return err
		}
		if err := ValidateAppeal(a, r.env.Now()); err != nil {
			return err
		}
		if len(kernel.OrganizationIDs(after, "owner")) != 1 {
			return kernel.Violation("Klagen må være adressert til tildelingskontoret.", "The appeal must be addressed to the allocation office.")
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	office := func(res *fhir.Resource) bool { return isOffice(p, kernel.OrganizationIDs(res, "owner")) }
	own := a.Appellant == p.Ref() || slices.ContainsFunc(p.RelatedPersonIDs, func(id string) bool { return a.Appellant == kernel.Ref("RelatedPerson", id) })
	switch {
	case after == nil:
		return kernel.Text{NB: "En klage slettes ikke.", EN: "An appeal is not deleted."}.Err(apperr.Forbidden)
	case before == nil && (own && a.Recorder == "" || office(after) && a.Recorder == p.Ref()):
		return nil
	case before != nil && office(before) && office(after):
		return nil
	}
	return kernel.Text{NB: "Du kan klage i eget navn; klagen behandles av tildelingskontoret.",
		EN: "You may appeal in your own name; the allocation office handles the appeal."}.Err(apperr.Forbidden)
}
