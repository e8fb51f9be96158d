package allocation

import (
	"context"
	"reflect"
	"slices"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
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
// valid (ValidateDecision), names criteria in force and a carer's pay by the rate of the day
// (servicePartsByLaw), decides an application and is addressed from the office; a signed one
// has its signer, its letter and its last day to appeal, and with two-person approval a
// signer other than its drafter. Once signed only its status changes (replaced by a later
// decision), or a long-term stay on the waiting list gets the place its citizen accepted
// (acceptedOffer). A person writes decisions only as the office's staff (or accepts a place
// as the waiting list's rule lets them); one is never deleted.
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
		placing := old.Status == Signed && placedFromList(old, d)
		if old.Status != Drafted && !sameDecision(old, d) && !placing {
			return kernel.Text{NB: "Et signert vedtak endres ikke; gjør et nytt vedtak som erstatter det.",
				EN: "A signed decision does not change; make a new decision that replaces it."}.Err(apperr.Unprocessable)
		}
		if placing {
			// whoever accepted the place wrote it: the rule of the waiting list decided who may
			return acceptedOffer(ctx, rd, d)
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
	kind, ok := r.catalogue.Kind(d.Code)
	if !ok {
		return kernel.Violation("Tjenesten finnes ikke i tjenesteoversikten.", "The service is not in the catalogue.")
	}
	if err := feeScope(kind, d); err != nil {
		return err
	}
	if err := ValidateDecision(d); err != nil {
		return err
	}
	if err := r.servicePartsByLaw(d); err != nil {
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
	if !slices.Equal(old.Criteria, d.Criteria) || (old.Rota == nil) != (d.Rota == nil) || old.Rota != nil && *old.Rota != *d.Rota {
		return false
	}
	d.Status, old.Status = Signed, Signed
	d.Criteria, old.Criteria, d.Rota, old.Rota = nil, nil, nil, nil
	return reflect.DeepEqual(old, d) // the struct as == would compare it, with its slice and pointer taken out
}

// placedFromList: the one change a signed decision takes besides its status: a long-term stay
// on the waiting list gets the unit and the first day of the place accepted.
func placedFromList(old, d Decision) bool {
	if !old.Waits() || d.Provider == "" || d.Start.IsZero() {
		return false
	}
	old.Provider, old.Start = d.Provider, d.Start
	return sameDecision(old, d)
}

// acceptedOffer: the decision's place on the list (in the same transaction, written first)
// ended with the place accepted, this unit from this day.
func acceptedOffer(ctx context.Context, rd store.Reader, d Decision) error {
	refused := kernel.Violation("Et vedtak på venteliste får plass når innbyggeren har takket ja til et tilbud om den plassen.",
		"A decision on the waiting list gets its place when the citizen has accepted an offer of that place.")
	rec, err := rd.Get(ctx, "Task", WaitingPlaceID(d.ID))
	if err != nil {
		return refused
	}
	res := records.Parsed(rec)
	if !IsWaitingPlace(res) {
		return refused
	}
	w, err := WaitingPlaceFromFHIR(res)
	if err != nil || w.Status != Placed || len(w.Offers) == 0 {
		return refused
	}
	o := w.Offers[len(w.Offers)-1]
	if o.Answer != Accepted || o.Unit != d.Provider || kernel.DateOnly(o.Start) != kernel.DateOnly(d.Start) {
		return refused
	}
	return nil
}

// servicePartsByLaw: what a decision's service asks of the dated data: a long-term stay's
// criteria are the municipality's in force on the day, and a signed carer allowance's pay is
// its hours by the rate of the day it was signed.
func (r rule) servicePartsByLaw(d Decision) error {
	day := d.Decided
	if day.IsZero() {
		day = r.env.Now()
	}
	if len(d.Criteria) > 0 {
		c, err := LongTermCriteria()
		if err != nil {
			return apperr.New(apperr.Internal, "%v", err)
		}
		if err := c.check(d.Criteria, day); err != nil {
			return err
		}
	}
	if d.Code != CarerAllowance || d.Outcome == Refused || d.Status == Drafted || r.law == nil {
		return nil
	}
	want, err := carerPayAt(d, r.law, d.Decided)
	if err != nil {
		return kernel.Violation("Kommunen har ingen timesats for omsorgsstønad den dagen vedtaket gjelder fra.",
			"The municipality has no hourly rate for a carer allowance on the day of the decision.")
	}
	if d.CarerPay != want {
		return kernel.Violation("Omsorgsstønaden må regnes ut med timene i vedtaket og kommunens timesats.",
			"The carer allowance must be computed from the decision's hours and the municipality's hourly rate.")
	}
	return nil
}
