package care

import (
	"veiviser/internal/fhir"
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
		exts = append(exts, ext(extCurrentService, "String", s))
	}
	exts = append(exts, ext(extProposedCoord, "String", q.ProposedCoordinator), ext(extCitizenConsent, "DateTime", dateTime(q.CitizenConsent)))
	return resource("ServiceRequest", q.ID,
		"extension", list(exts...),
		"identifier", list(obj("system", SystemInquiryReference, "value", q.Reference)),
		"status", inquiryStatusToFHIR[q.Status],
		"intent", "proposal",
		"category", list(concept(CSInquirySource, string(q.Source))),
		"code", concept(CSInquiryKind, kind),
		"subject", reference(q.Subject),
		"authoredOn", dateTime(q.Received),
		"requester", reference(q.Sender),
		"reasonCode", list(textConcept(q.Need)),
	)
}

// InquiryFromFHIR reads an inquiry back from its ServiceRequest.
func InquiryFromFHIR(r *fhir.Resource) (Inquiry, error) {
	if err := expect(r, "ServiceRequest"); err != nil {
		return Inquiry{}, err
	}
	o := r.Object()
	q := Inquiry{
		ID:                  r.ID(),
		Source:              InquirySource(conceptsCode(o, "category", CSInquirySource)),
		Subject:             pathStr(o, "subject", "reference"),
		Sender:              pathStr(o, "requester", "reference"),
		Received:            pathTime(o, "authoredOn"),
		Need:                pathStr(o, "reasonCode", "text"),
		CurrentServices:     extStrs(o, extCurrentService, "String"),
		ProposedCoordinator: extStr(o, extProposedCoord, "String"),
		CitizenConsent:      parseTime(extStr(o, extCitizenConsent, "DateTime")),
	}
	for _, id := range objects(o, "identifier") {
		if s, _ := id.String("system"); s == SystemInquiryReference {
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
	return obj("type", concept(CSAssessmentItem, item), "value"+typ, v)
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
	return resource("Task", id,
		"status", "completed",
		"businessStatus", concept(CSAssessmentOutcome, string(a.Outcome)),
		"intent", "order",
		"code", concept(CSTaskKind, "assessment"),
		"focus", reference("ServiceRequest/"+a.InquiryID),
		"for", reference(a.Patient),
		"authoredOn", dateTime(a.AssessedAt),
		"owner", reference(a.AssessedBy),
		"output", outs,
	)
}

// AssessmentFromFHIR reads an assessment back from its Task.
func AssessmentFromFHIR(r *fhir.Resource) (Assessment, error) {
	if err := expect(r, "Task"); err != nil {
		return Assessment{}, err
	}
	o := r.Object()
	bs, _ := o.Object("businessStatus")
	a := Assessment{
		InquiryID:  idOf(pathStr(o, "focus", "reference")),
		Patient:    pathStr(o, "for", "reference"),
		AssessedBy: pathStr(o, "owner", "reference"),
		AssessedAt: pathTime(o, "authoredOn"),
		Outcome:    Outcome(codeIn(bs, CSAssessmentOutcome)),
	}
	for _, out := range objects(o, "output") {
		t, _ := out.Object("type")
		b, _ := out.Get("valueBoolean")
		yes := b == true
		switch codeIn(t, CSAssessmentItem) {
		case assessmentLongTerm:
			a.Facts.LongTerm = yes
		case assessmentComplex:
			a.Facts.Complex = yes
		case assessmentPlanDeclined:
			a.PlanDeclined = yes
		case assessmentService:
			a.Facts.Services = append(a.Facts.Services, pathStr(out, "valueString"))
		case assessmentReasons:
			a.Reasons = pathStr(out, "valueString")
		case assessmentReferredTo:
			a.ReferredTo = pathStr(out, "valueString")
		case assessmentKind:
			a.CoordinatorKind = CoordinatorKind(pathStr(out, "valueCode"))
		}
	}
	return a, nil
}
