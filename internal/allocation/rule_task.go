package allocation

import (
	"context"
	"maps"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
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

// task: an allocation case's rule, an appeal's and a place on the waiting list's
// (waitinglist_rule.go).
func (r rule) task(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if err := r.assignment(ctx, rd, before, after); err != nil {
		return err
	}
	if err := r.waitingPlace(ctx, rd, before, after); err != nil {
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
	own := inOwnName(p, a.Appellant)
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

// catalogueWords (the office's words for its services, on its Organization): for every
// writer, each service's texts are complete in three languages and within their limits; a
// person changes them only as the unit lead of that office, or as an administrator.
func (r rule) catalogueWords(ctx context.Context, _ store.Reader, before, after *fhir.Resource) error {
	var was, is map[string]ServiceWords
	if before != nil {
		was = officeWords(before)
	}
	if after != nil {
		is = officeWords(after)
	}
	if maps.EqualFunc(was, is, func(a, b ServiceWords) bool { return a == b }) {
		return nil
	}
	for code, w := range is {
		if r.catalogue != nil {
			if _, ok := r.catalogue.Kind(code); !ok {
				return kernel.Violation("Tjenesten finnes ikke i tjenesteoversikten.", "The service is not in the catalogue.")
			}
		}
		if err := ValidateWords(w); err != nil {
			return err
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	if !mayEditCatalogue(p, workflow.Written(before, after).ID()) {
		return kernel.Text{NB: "Tjenesteoversikten skrives av lederen for tildelingskontoret.",
			EN: "The service catalogue is written by the allocation office's lead."}.Err(apperr.Forbidden)
	}
	return nil
}
