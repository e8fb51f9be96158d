package allocation

import (
	"context"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
)

// decisionTexts are a decision's stored texts with their limits.
func decisionTexts(r *fhir.Resource) ([]kernel.Field, error) {
	d, err := DecisionFromFHIR(r)
	return DecisionFields(d), err
}

// DecisionFields are the decision's stored texts.
func DecisionFields(d Decision) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Reglene", EN: "The rules"}, kernel.MaxText, d.Reasons.Rules)
	fs.Add(kernel.Text{NB: "Faktum", EN: "The facts"}, kernel.MaxText, d.Reasons.Facts)
	fs.Add(kernel.Text{NB: "Hensynene", EN: "The considerations"}, kernel.MaxText, d.Reasons.Considerations)
	fs.Add(kernel.Text{NB: "Egenandelen", EN: "The fee"}, kernel.MaxText, d.Fee)
	return fs
}

// decision (a ServiceRequest of a catalogue service, intent order), for every writer: it is
// valid (ValidateDecision), decides an application and is addressed from the office; a signed
// one has its signer, its letter and its last day to appeal, and with two-person approval a
// signer other than its drafter. Once signed only its status changes (replaced by a later
// decision). A person writes decisions only as the office's staff; one is never deleted.
func (r rule) decision(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !IsDecision(before) && !IsDecision(after) {
		return nil
	}
	var d, old Decision
	var err error
	if after != nil {
		if d, err = DecisionFromFHIR(after); err != nil {
			return err
		}
		if err := r.validDecision(d, after); err != nil {
			return err
		}
	}
	if before != nil && after != nil && IsDecision(before) {
		if old, err = DecisionFromFHIR(before); err != nil {
			return err
		}
		if old.Status != Drafted && !sameDecision(old, d) {
			return kernel.Text{NB: "Et signert vedtak endres ikke; gjør et nytt vedtak som erstatter det.",
				EN: "A signed decision does not change; make a new decision that replaces it."}.Err(apperr.Unprocessable)
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	switch {
	case after == nil && !p.Has(access.Administrator):
		return kernel.Text{NB: "Et vedtak slettes ikke.", EN: "A decision is not deleted."}.Err(apperr.Forbidden)
	case after != nil && !isOffice(p, kernel.OrganizationIDs(after, "requester")):
		return kernel.Text{NB: "Vedtak gjøres av tildelingskontoret.", EN: "Decisions are made by the allocation office."}.Err(apperr.Forbidden)
	}
	return nil
}

func (r rule) validDecision(d Decision, res *fhir.Resource) error {
	if r.catalogue == nil {
		return apperr.New(apperr.Internal, "the service catalogue did not load")
	}
	if _, ok := r.catalogue.Kind(d.Code); !ok {
		return kernel.Violation("Tjenesten finnes ikke i tjenesteoversikten.", "The service is not in the catalogue.")
	}
	if err := ValidateDecision(d); err != nil {
		return err
	}
	switch {
	case d.Reference == "" || kernel.TypeOf(d.Applied) != "ServiceRequest" || kernel.TypeOf(d.Subject) != "Patient" ||
		len(kernel.OrganizationIDs(res, "requester")) != 1:
		return kernel.Violation("Vedtaket må gjelde en søknad og være gjort av tildelingskontoret.",
			"The decision must decide an application and come from the allocation office.")
	case kernel.TypeOf(d.Drafter) != "Practitioner":
		return kernel.Violation("Vedtaket må si hvem som skrev det.", "The decision must say who drafted it.")
	case d.Status == Drafted:
		return nil
	case kernel.TypeOf(d.Signer) != "Practitioner" || d.Decided.IsZero() || d.AppealBy.IsZero() || kernel.TypeOf(d.Letter) != "Communication":
		return kernel.Violation("Et signert vedtak har den som signerte, datoen, klagefristen og brevet.",
			"A signed decision has its signer, its date, its appeal deadline and its letter.")
	case r.signatures(d.Decided) > 1 && d.Signer == d.Drafter:
		return kernel.Text{NB: "En annen saksbehandler enn den som skrev vedtaket, må godkjenne det.",
			EN: "An officer other than the one who drafted the decision must approve it."}.Err(apperr.Forbidden)
	}
	return nil
}

// signatures is the number of signatures a decision of day needs; 1 when the rule has no law
// table or the table no value (the table's own tests catch a missing one).
func (r rule) signatures(day time.Time) int {
	if r.law == nil {
		return 1
	}
	v, err := r.law.At(Signatures, day)
	if err != nil {
		return 1
	}
	return v.Value.N
}

// sameDecision: everything but the status and what a replacement adds is as signed.
func sameDecision(old, d Decision) bool {
	d.Status, old.Status = Signed, Signed
	return old == d
}
