package allocation

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

var appliedStatusToFHIR = map[AppliedStatus]string{Waiting: "active", Decided: "completed", Withdrawn: "revoked"}

// ApplicationToFHIR is the application as one ServiceRequest per service applied for: intent
// proposal, code the service (service-kind), category the source, the reference number as
// identifier and as requisition (what ties the services of one application together), the
// need as reasonCode.text in the citizen's words, the attachments as supportingInfo, the
// office as performer (so its case officers reach the citizen while it waits), and for a
// change request the running decision it asks to change as basedOn.
func ApplicationToFHIR(a Application, office string) []*fhir.Resource {
	out := make([]*fhir.Resource, 0, len(a.Services))
	for _, s := range a.Services {
		var exts []any
		if a.CurrentHelp != "" {
			exts = append(exts, kernel.Ext(kernel.ExtCurrentHelp, "String", a.CurrentHelp))
		}
		if !a.CitizenConsent.IsZero() {
			exts = append(exts, kernel.Ext(kernel.ExtCitizenConsent, "DateTime", kernel.DateTime(a.CitizenConsent)))
		}
		var docs []any
		for _, d := range a.Attachments {
			docs = append(docs, kernel.Reference(d))
		}
		ref := kernel.ObjectOf("system", kernel.SystemApplicationReference, "value", a.Reference)
		var changes any
		if a.Changes != "" {
			changes = kernel.List(kernel.Reference(a.Changes))
		}
		out = append(out, kernel.NewResource("ServiceRequest", s.ID,
			"extension", kernel.List(exts...),
			"basedOn", changes,
			"identifier", kernel.List(ref),
			"requisition", kernel.ObjectOf("system", kernel.SystemApplicationReference, "value", a.Reference),
			"status", appliedStatusToFHIR[s.Status],
			"intent", "proposal",
			"category", kernel.List(kernel.Concept(kernel.CSApplicationSource, string(a.Source))),
			"code", kernel.Concept(kernel.CSServiceKind, s.Code),
			"subject", kernel.Reference(a.Subject),
			"authoredOn", kernel.DateTime(a.Received),
			"requester", kernel.Reference(a.Sender),
			"performer", kernel.List(kernel.Reference(kernel.Ref("Organization", office))),
			"reasonCode", kernel.List(kernel.TextConcept(a.Need)),
			"supportingInfo", kernel.List(docs...),
		))
	}
	return out
}

// IsApplication: a ServiceRequest coded with a service of the catalogue and of intent proposal
// (a decision, coded the same, is an order).
func IsApplication(r *fhir.Resource) bool {
	if r == nil || r.Type() != "ServiceRequest" || !kernel.HasCoding(r.Object(), "code", kernel.CSServiceKind) {
		return false
	}
	intent, _ := r.Object().String("intent")
	return intent == "proposal"
}

// ApplicationFromFHIR reads the application one ServiceRequest belongs to, with that one
// service in Services; Applications puts the services of one application together.
func ApplicationFromFHIR(r *fhir.Resource) (Application, error) {
	if err := kernel.Expect(r, "ServiceRequest"); err != nil {
		return Application{}, err
	}
	o := r.Object()
	a := Application{
		Reference:      kernel.PathString(o, "requisition", "value"),
		Subject:        kernel.PathString(o, "subject", "reference"),
		Sender:         kernel.PathString(o, "requester", "reference"),
		Source:         Source(kernel.ConceptsCode(o, "category", kernel.CSApplicationSource)),
		Received:       kernel.PathTime(o, "authoredOn"),
		Need:           kernel.PathString(o, "reasonCode", "text"),
		CurrentHelp:    kernel.ExtString(o, kernel.ExtCurrentHelp, "String"),
		CitizenConsent: kernel.ParseTime(kernel.ExtString(o, kernel.ExtCitizenConsent, "DateTime")),
		Attachments:    kernel.RefsOf(o, "supportingInfo"),
		Changes:        kernel.PathString(o, "basedOn", "reference"),
	}
	code, _ := o.Object("code")
	status, _ := o.String("status")
	applied := Applied{ID: r.ID(), Code: kernel.CodeIn(code, kernel.CSServiceKind)}
	for k, v := range appliedStatusToFHIR {
		if v == status {
			applied.Status = k
		}
	}
	a.Services = []Applied{applied}
	return a, nil
}

// Applications puts the ServiceRequests of applications together, one Application per
// reference number, in the order each reference is first met; a resource that is not an
// application is left out.
func Applications(list []*fhir.Resource) ([]Application, error) {
	var out []Application
	at := map[string]int{}
	for _, r := range list {
		if !IsApplication(r) {
			continue
		}
		a, err := ApplicationFromFHIR(r)
		if err != nil {
			return nil, err
		}
		if i, ok := at[a.Reference]; ok {
			out[i].Services = append(out[i].Services, a.Services...)
			continue
		}
		at[a.Reference] = len(out)
		out = append(out, a)
	}
	return out, nil
}
