package intake

import (
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

var inquiryStatusToFHIR = map[InquiryStatus]string{InquiryReceived: "active", InquiryAssessed: "completed", InquiryWithdrawn: "revoked"}

// InquiryToFHIR is the inquiry as a ServiceRequest: intent proposal, category the source, code
// ip-coordinator or need-report, the need as reasonCode.text (the sender's words verbatim), the
// reference number as identifier.
func InquiryToFHIR(q Inquiry) *fhir.Resource {
	kind := "ip-coordinator"
	if q.IsNeedReport() {
		kind = "need-report"
	}
	var exts []any
	for _, s := range q.CurrentServices {
		exts = append(exts, kernel.Ext(kernel.ExtCurrentService, "String", s))
	}
	exts = append(exts, kernel.Ext(kernel.ExtProposedCoord, "String", q.ProposedCoordinator), kernel.Ext(kernel.ExtCitizenConsent, "DateTime", kernel.DateTime(q.CitizenConsent)))
	return kernel.NewResource("ServiceRequest", q.ID,
		"extension", kernel.List(exts...),
		"identifier", kernel.List(kernel.ObjectOf("system", kernel.SystemInquiryReference, "value", q.Reference)),
		"status", inquiryStatusToFHIR[q.Status],
		"intent", "proposal",
		"category", kernel.List(kernel.Concept(kernel.CSInquirySource, string(q.Source))),
		"code", kernel.Concept(kernel.CSInquiryKind, kind),
		"subject", kernel.Reference(q.Subject),
		"authoredOn", kernel.DateTime(q.Received),
		"requester", kernel.Reference(q.Sender),
		"reasonCode", kernel.List(kernel.TextConcept(q.Need)),
	)
}

// InquiryFromFHIR reads an inquiry back from its ServiceRequest.
func InquiryFromFHIR(r *fhir.Resource) (Inquiry, error) {
	if err := kernel.Expect(r, "ServiceRequest"); err != nil {
		return Inquiry{}, err
	}
	o := r.Object()
	q := Inquiry{
		ID:                  r.ID(),
		Source:              InquirySource(kernel.ConceptsCode(o, "category", kernel.CSInquirySource)),
		Subject:             kernel.PathString(o, "subject", "reference"),
		Sender:              kernel.PathString(o, "requester", "reference"),
		Received:            kernel.PathTime(o, "authoredOn"),
		Need:                kernel.PathString(o, "reasonCode", "text"),
		CurrentServices:     kernel.ExtStrings(o, kernel.ExtCurrentService, "String"),
		ProposedCoordinator: kernel.ExtString(o, kernel.ExtProposedCoord, "String"),
		CitizenConsent:      kernel.ParseTime(kernel.ExtString(o, kernel.ExtCitizenConsent, "DateTime")),
	}
	for _, id := range kernel.Objects(o, "identifier") {
		if s, _ := id.String("system"); s == kernel.SystemInquiryReference {
			q.Reference, _ = id.String("value")
		}
	}
	status, _ := o.String("status")
	for k, v := range inquiryStatusToFHIR {
		if v == status {
			q.Status = k
		}
	}
	return q, nil
}

// The Task.output types of an assessment, in CSAssessmentItem.
const (
	assessmentLongTerm     = "long-term"
	assessmentComplex      = "complex"
	assessmentService      = "service"
	assessmentPlanDeclined = "plan-declined"
	assessmentReasons      = "reasons"
	assessmentReferredTo   = "referred-to"
	assessmentKind         = "coordinator-kind"
)

func output(item, typ string, v any) *fhir.Object {
	return kernel.ObjectOf("type", kernel.Concept(kernel.CSAssessmentItem, item), "value"+typ, v)
}

// AssessmentToFHIR is the assessment as a completed Task (code assessment) whose focus is the
// inquiry's ServiceRequest, the outcome as businessStatus and the findings as outputs. design.md
// names no resource for it; a Task keeps who assessed, when, and on which inquiry.
func AssessmentToFHIR(id string, a Assessment) *fhir.Resource {
	outs := []any{
		output(assessmentLongTerm, "Boolean", a.Facts.LongTerm),
		output(assessmentComplex, "Boolean", a.Facts.Complex),
	}
	for _, s := range a.Facts.Services {
		outs = append(outs, output(assessmentService, "String", s))
	}
	outs = append(outs, output(assessmentPlanDeclined, "Boolean", a.PlanDeclined))
	if a.Reasons != "" {
		outs = append(outs, output(assessmentReasons, "String", a.Reasons))
	}
	if a.ReferredTo != "" {
		outs = append(outs, output(assessmentReferredTo, "String", a.ReferredTo))
	}
	if a.CoordinatorKind != "" {
		outs = append(outs, output(assessmentKind, "Code", string(a.CoordinatorKind)))
	}
	return kernel.NewResource("Task", id,
		"status", "completed",
		"businessStatus", kernel.Concept(kernel.CSAssessmentOutcome, string(a.Outcome)),
		"intent", "order",
		"code", kernel.Concept(kernel.CSTaskKind, "assessment"),
		"focus", kernel.Reference("ServiceRequest/"+a.InquiryID),
		"for", kernel.Reference(a.Patient),
		"authoredOn", kernel.DateTime(a.AssessedAt),
		"owner", kernel.Reference(a.AssessedBy),
		"output", outs,
	)
}

// AssessmentFromFHIR reads an assessment back from its Task.
func AssessmentFromFHIR(r *fhir.Resource) (Assessment, error) {
	if err := kernel.Expect(r, "Task"); err != nil {
		return Assessment{}, err
	}
	o := r.Object()
	bs, _ := o.Object("businessStatus")
	a := Assessment{
		InquiryID:  kernel.RefID(kernel.PathString(o, "focus", "reference")),
		Patient:    kernel.PathString(o, "for", "reference"),
		AssessedBy: kernel.PathString(o, "owner", "reference"),
		AssessedAt: kernel.PathTime(o, "authoredOn"),
		Outcome:    Outcome(kernel.CodeIn(bs, kernel.CSAssessmentOutcome)),
	}
	for _, out := range kernel.Objects(o, "output") {
		t, _ := out.Object("type")
		b, _ := out.Get("valueBoolean")
		yes := b == true
		switch kernel.CodeIn(t, kernel.CSAssessmentItem) {
		case assessmentLongTerm:
			a.Facts.LongTerm = yes
		case assessmentComplex:
			a.Facts.Complex = yes
		case assessmentPlanDeclined:
			a.PlanDeclined = yes
		case assessmentService:
			a.Facts.Services = append(a.Facts.Services, kernel.PathString(out, "valueString"))
		case assessmentReasons:
			a.Reasons = kernel.PathString(out, "valueString")
		case assessmentReferredTo:
			a.ReferredTo = kernel.PathString(out, "valueString")
		case assessmentKind:
			a.CoordinatorKind = coordinators.CoordinatorKind(kernel.PathString(out, "valueCode"))
		}
	}
	return a, nil
}
