package allocation

import (
	"encoding/json"
	"strconv"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// decisionStatusToFHIR: a drafted decision is a draft order; a signed one that gives a service
// is active, a signed refusal completed (with doNotPerform); one replaced by a later decision
// is revoked.
func decisionStatusToFHIR(d Decision) string {
	switch {
	case d.Status == Drafted:
		return "draft"
	case d.Status == Replaced:
		return "revoked"
	case d.Outcome == Refused:
		return "completed"
	}
	return "active"
}

// DecisionToFHIR is the decision as a ServiceRequest of intent order, based on the
// application's ServiceRequest: code the service, requester the office (which keeps the case),
// performer the unit that gives the service, occurrencePeriod the period, quantity the scope,
// doNotPerform for a refusal, and in extensions what a decision letter says (the outcome, the
// reasons of fvl § 25, the review date, the fee, the last day to appeal), the carer as a party,
// and who drafted and signed it. The letter is its supportingInfo. A long-term stay says in an
// extension whether it is the only safe option, and names the municipality's criteria met as
// reasonCode; a rota is occurrenceTiming (docs/fhir.md); a carer allowance's pay an extension.
func DecisionToFHIR(d Decision, office string) *fhir.Resource {
	exts := []any{
		kernel.Ext(kernel.ExtDecisionOutcome, "Code", string(d.Outcome)),
		kernel.ComplexExt(kernel.ExtDecisionReasons,
			kernel.SubExt("rules", "String", d.Reasons.Rules),
			kernel.SubExt("facts", "String", d.Reasons.Facts),
			kernel.SubExt("considerations", "String", d.Reasons.Considerations)),
		kernel.Ext(kernel.ExtReviewDate, "Date", kernel.DateOnly(d.Review)),
		kernel.Ext(kernel.ExtUserFee, "String", d.Fee),
		kernel.Ext(kernel.ExtAppealBy, "Date", kernel.DateOnly(d.AppealBy)),
		kernel.Ext(kernel.ExtParty, "Reference", refOrNil(d.Carer)),
		kernel.Ext(kernel.ExtDraftedBy, "Reference", refOrNil(d.Drafter)),
		kernel.Ext(kernel.ExtSignedBy, "Reference", refOrNil(d.Signer)),
		kernel.Ext(kernel.ExtLongTermPlacement, "Code", string(d.Placement)),
		carerPayToFHIR(d.CarerPay),
		doubleRoomExt(d.UnwantedDoubleRoom),
	}
	var criteria []any
	for _, c := range d.Criteria {
		criteria = append(criteria, kernel.Concept(kernel.CSLongTermCriteria, c))
	}
	var quantity any
	if d.Unit != "" {
		quantity = kernel.ObjectOf("value", json.Number(strconv.FormatFloat(d.Scope, 'f', -1, 64)),
			"unit", string(d.Unit), "system", kernel.CSScopeUnit, "code", string(d.Unit))
	}
	var period, timing any
	if !d.Start.IsZero() {
		period = kernel.ObjectOf("start", kernel.DateOnly(d.Start), "end", kernel.DateOnly(d.End))
	}
	if d.Rota != nil { // the period becomes the rota's bounds: occurrence[x] is one of the two
		timing, period = rotaToFHIR(*d.Rota, period), nil
	}
	var performer, letter, replaces any
	if d.Provider != "" {
		performer = kernel.List(kernel.Reference(d.Provider))
	}
	if d.Letter != "" {
		letter = kernel.List(kernel.Reference(d.Letter))
	}
	if d.Replaces != "" {
		replaces = kernel.List(kernel.Reference(d.Replaces))
	}
	var doNotPerform any
	if d.Outcome == Refused {
		doNotPerform = true
	}
	ref := kernel.ObjectOf("system", kernel.SystemApplicationReference, "value", d.Reference)
	return kernel.NewResource("ServiceRequest", d.ID,
		"extension", kernel.List(exts...),
		"basedOn", kernel.List(kernel.Reference(d.Applied)),
		"replaces", replaces,
		"requisition", ref,
		"status", decisionStatusToFHIR(d),
		"intent", "order",
		"doNotPerform", doNotPerform,
		"code", kernel.Concept(kernel.CSServiceKind, d.Code),
		"quantityQuantity", quantity,
		"subject", kernel.Reference(d.Subject),
		"occurrencePeriod", period,
		"occurrenceTiming", timing,
		"authoredOn", kernel.DateTime(d.Decided),
		"requester", kernel.Reference(kernel.Ref("Organization", office)),
		"performer", performer,
		"reasonCode", criteria,
		"supportingInfo", letter,
	)
}

func refOrNil(ref string) any {
	if ref == "" {
		return nil
	}
	return kernel.Reference(ref)
}

// IsDecision: a ServiceRequest coded with a service of the catalogue and of intent order.
func IsDecision(r *fhir.Resource) bool {
	if r == nil || r.Type() != "ServiceRequest" || !kernel.HasCoding(r.Object(), "code", kernel.CSServiceKind) {
		return false
	}
	intent, _ := r.Object().String("intent")
	return intent == "order"
}

// DecisionFromFHIR reads a decision back from its ServiceRequest.
func DecisionFromFHIR(r *fhir.Resource) (Decision, error) {
	if err := kernel.Expect(r, "ServiceRequest"); err != nil {
		return Decision{}, err
	}
	o := r.Object()
	code, _ := o.Object("code")
	d := Decision{
		ID:                 r.ID(),
		Reference:          kernel.PathString(o, "requisition", "value"),
		Applied:            kernel.PathString(o, "basedOn", "reference"),
		Replaces:           kernel.PathString(o, "replaces", "reference"),
		Subject:            kernel.PathString(o, "subject", "reference"),
		Code:               kernel.CodeIn(code, kernel.CSServiceKind),
		Outcome:            Outcome(kernel.ExtString(o, kernel.ExtDecisionOutcome, "Code")),
		Unit:               ScopeUnit(kernel.PathString(o, "quantityQuantity", "code")),
		Start:              kernel.ParseTime(kernel.PathString(o, "occurrencePeriod", "start")),
		End:                kernel.ParseTime(kernel.PathString(o, "occurrencePeriod", "end")),
		Placement:          Placement(kernel.ExtString(o, kernel.ExtLongTermPlacement, "Code")),
		CarerPay:           carerPayFromFHIR(o),
		UnwantedDoubleRoom: extTrue(o, kernel.ExtUnwantedDoubleRoom),
		Review:             kernel.ParseTime(kernel.ExtString(o, kernel.ExtReviewDate, "Date")),
		Provider:           kernel.PathString(o, "performer", "reference"),
		Fee:                kernel.ExtString(o, kernel.ExtUserFee, "String"),
		AppealBy:           kernel.ParseTime(kernel.ExtString(o, kernel.ExtAppealBy, "Date")),
		Carer:              kernel.ExtRef(o, kernel.ExtParty),
		Drafter:            kernel.ExtRef(o, kernel.ExtDraftedBy),
		Signer:             kernel.ExtRef(o, kernel.ExtSignedBy),
		Decided:            kernel.PathTime(o, "authoredOn"),
		Letter:             kernel.PathString(o, "supportingInfo", "reference"),
	}
	if q, ok := o.Object("quantityQuantity"); ok {
		if n, ok := q.Get("value"); ok {
			if num, ok := n.(json.Number); ok {
				d.Scope, _ = num.Float64()
			}
		}
	}
	for _, rc := range kernel.Objects(o, "reasonCode") {
		if c := kernel.CodeIn(rc, kernel.CSLongTermCriteria); c != "" {
			d.Criteria = append(d.Criteria, c)
		}
	}
	if t, ok := o.Object("occurrenceTiming"); ok {
		d.Rota = rotaFromFHIR(t)
		d.Start = kernel.ParseTime(kernel.PathString(t, "repeat", "boundsPeriod", "start"))
		d.End = kernel.ParseTime(kernel.PathString(t, "repeat", "boundsPeriod", "end"))
	}
	for _, e := range kernel.Extensions(o, kernel.ExtDecisionReasons) {
		d.Reasons = Reasons{Rules: kernel.ExtString(e, "rules", "String"), Facts: kernel.ExtString(e, "facts", "String"),
			Considerations: kernel.ExtString(e, "considerations", "String")}
	}
	switch status, _ := o.String("status"); status {
	case "draft":
		d.Status = Drafted
	case "revoked":
		d.Status = Replaced
	default:
		d.Status = Signed
	}
	return d, nil
}

// rotaToFHIR is a rota as a Timing: once (frequency 1) every WeeksOn+WeeksOff weeks (period),
// lasting WeeksOn weeks (duration), within bounds (the decision's period).
func rotaToFHIR(r Rota, bounds any) *fhir.Object {
	return kernel.ObjectOf("repeat", kernel.ObjectOf("boundsPeriod", bounds, "frequency", 1,
		"period", r.WeeksOn+r.WeeksOff, "periodUnit", "wk", "duration", r.WeeksOn, "durationUnit", "wk"))
}

// rotaFromFHIR reads a rota from a Timing of weeks; a Timing in other units reads as a rota of
// no weeks, which the rule refuses.
func rotaFromFHIR(t *fhir.Object) *Rota {
	rep, ok := t.Object("repeat")
	if !ok {
		return &Rota{}
	}
	if u, _ := rep.String("periodUnit"); u != "wk" {
		return &Rota{}
	}
	if u, _ := rep.String("durationUnit"); u != "wk" {
		return &Rota{}
	}
	onW, _ := kernel.Number(rep, "duration")
	periodW, _ := kernel.Number(rep, "period")
	on, period := int(onW), int(periodW)
	return &Rota{WeeksOn: on, WeeksOff: period - on}
}
