package intake

import (
	"context"
	"slices"

	"veiviser/internal/workflow"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// NewRule returns the intake's write rule (a records.Rule): for every writer an inquiry (a
// ServiceRequest of the inquiry kinds) and an assessment (a Task coded assessment) are valid and
// their texts within their limits; a person sends, changes and assesses them only as below.
// Another service's ServiceRequest or Task is not the unit's.
func NewRule() records.Rule {
	var r rule
	return workflow.Checks{
		"ServiceRequest": workflow.Texts(IsInquiry, inquiryTexts, workflow.Refuses(r.inquiry)),
		"Task":           workflow.Refuses(r.assessmentTask),
	}
}

type rule struct{}

// assessmentTask: a Task coded assessment is the intake's; another kind is another area's.
func (r rule) assessmentTask(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if workflow.TaskKind(before, after) != "assessment" {
		return nil
	}
	if err := workflow.CheckTexts(before, after, assessmentTexts); err != nil {
		return err
	}
	return r.assessment(ctx, before, after)
}

// IsInquiry: a ServiceRequest coded with one of the unit's inquiry kinds.
func IsInquiry(res *fhir.Resource) bool {
	return res != nil && kernel.HasCoding(res.Object(), "code", kernel.CSInquiryKind)
}

func inquiryTexts(r *fhir.Resource) ([]kernel.Field, error) {
	q, err := InquiryFromFHIR(r)
	return InquiryFields(q), err
}

func assessmentTexts(r *fhir.Resource) ([]kernel.Field, error) {
	a, err := AssessmentFromFHIR(r)
	return AssessmentFields(a), err
}

// inquiry: every writer keeps an inquiry valid and its subject, sender, source, reference and
// date of receipt as received; a person sends one only as Inquiry's sources allow (a
// citizen for themself, a guardian for their child, a relative of the citizen, staff a need
// report in their own name) and changes one only as its sender (the need, or withdrawing it),
// its citizen (agreeing to a relative's inquiry) or the staff of the unit it is addressed to.
func (r rule) inquiry(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !IsInquiry(before) && !IsInquiry(after) {
		return nil
	}
	var q, old Inquiry
	var err error
	if after != nil {
		if q, err = InquiryFromFHIR(after); err != nil {
			return err
		}
		if err := ValidateInquiry(q); err != nil {
			return err
		}
	}
	if before != nil {
		if old, err = InquiryFromFHIR(before); err != nil {
			return err
		}
	}
	if before != nil && after != nil && (q.Subject != old.Subject || q.Sender != old.Sender || q.Source != old.Source ||
		q.Reference != old.Reference || !q.Received.Equal(old.Received)) {
		return kernel.Text{NB: "Hvem henvendelsen gjelder, avsender, referansenummer og mottaksdato endres ikke.",
			EN: "Whom the inquiry is about, its sender, reference number and date of receipt do not change."}.Err(apperr.Unprocessable)
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	switch {
	case after == nil:
		if !p.Has(access.Administrator) {
			return kernel.Text{NB: "En henvendelse slettes ikke; den kan trekkes.", EN: "An inquiry is not deleted; it may be withdrawn."}.Err(apperr.Forbidden)
		}
		return nil
	case before == nil:
		return r.maySendInquiry(ctx, rd, p, q)
	}
	return mayChangeInquiry(p, old, q, kernel.OrganizationIDs(after, "performer"))
}

// maySendInquiry mirrors Service.senderOf: the source and sender must be what the principal is.
func (r rule) maySendInquiry(ctx context.Context, rd store.Reader, p *access.Principal, q Inquiry) error {
	switch q.Source {
	case FromCitizen:
		if p.Has(access.Citizen) && p.PatientID != "" && q.Sender == kernel.Ref("Patient", p.PatientID) {
			return nil
		}
	case FromGuardian, FromRelative:
		id := kernel.IDOfType(q.Sender, "RelatedPerson")
		if id != "" && slices.Contains(p.RelatedPersonIDs, id) {
			if rec, err := rd.Get(ctx, "RelatedPerson", id); err == nil {
				if rp := records.Parsed(rec); rp != nil && kernel.PathString(rp.Object(), "patient", "reference") == q.Subject {
					if q.Source == FromGuardian && p.Has(access.Citizen) && kernel.IsGuardian(rp) {
						return nil
					}
					if q.Source == FromRelative && (p.Has(access.Relative) || p.Has(access.Citizen)) {
						return nil
					}
				}
			}
		}
	case FromProvider:
		staff := p.Has(access.ServiceProvider) || p.Has(access.Coordinator) || p.Has(access.CaseOfficer) || p.Has(access.UnitLead)
		if staff && p.PractitionerID != "" && q.Sender == kernel.Ref("Practitioner", p.PractitionerID) {
			return nil
		}
	}
	return kernel.Text{NB: "Du kan sende henvendelse for deg selv, for barn du er foresatt for, som pårørende, eller melding om behov som tjenesteyter, i eget navn.",
		EN: "You may send an inquiry for yourself, for a child you are guardian for, as a relative, or a need report as a provider, in your own name."}.Err(apperr.Forbidden)
}

// mayChangeInquiry: the unit's staff may assess (status) and correct it; the sender may change
// the need while it waits, or withdraw it; the citizen may record their agreement.
func mayChangeInquiry(p *access.Principal, old, q Inquiry, units []string) error {
	if (p.Has(access.UnitLead) || p.Has(access.CaseOfficer)) && slices.ContainsFunc(units, func(u string) bool { return slices.Contains(p.Units, u) }) {
		return nil
	}
	isSender := q.Sender == p.Ref() || slices.ContainsFunc(p.RelatedPersonIDs, func(id string) bool { return q.Sender == kernel.Ref("RelatedPerson", id) })
	isCitizen := p.PatientID != "" && q.Subject == kernel.Ref("Patient", p.PatientID)
	textChanged := q.Need != old.Need || !slices.Equal(q.CurrentServices, old.CurrentServices) || q.ProposedCoordinator != old.ProposedCoordinator
	withdrawal := old.Status == InquiryReceived && q.Status == InquiryWithdrawn
	switch {
	case !q.CitizenConsent.Equal(old.CitizenConsent) && !isCitizen:
		return kernel.Text{NB: "Bare innbyggeren selv eller koordinerende enhet kan registrere samtykket.",
			EN: "Only the citizen or the coordinating unit may record the consent."}.Err(apperr.Forbidden)
	case isSender && ((q.Status != old.Status && !withdrawal) || (textChanged && old.Status != InquiryReceived)):
		return kernel.Text{NB: "Avsenderen kan endre eller trekke en henvendelse bare mens den venter; vurderingen gjør enheten.",
			EN: "The sender may change or withdraw an inquiry only while it waits; the unit does the assessment."}.Err(apperr.Forbidden)
	case isSender || (isCitizen && !textChanged && q.Status == old.Status):
		return nil
	}
	return kernel.Text{NB: "Bare avsenderen, innbyggeren eller koordinerende enhet kan endre henvendelsen.",
		EN: "Only the sender, the citizen or the coordinating unit may change the inquiry."}.Err(apperr.Forbidden)
}

// assessment (a Task with code assessment): for every writer the outcome fits the facts
// (ValidateAssessment: the long-term and coordinated test, reasons where they are due); a
// person records it only as the unit lead, in their own name.
func (r rule) assessment(ctx context.Context, before, after *fhir.Resource) error {
	if after != nil {
		a, err := AssessmentFromFHIR(after)
		if err != nil {
			return err
		}
		if err := ValidateAssessment(a); err != nil {
			return err
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	me := kernel.Ref("Practitioner", p.PractitionerID)
	for _, res := range []*fhir.Resource{before, after} {
		if res != nil && (!p.Has(access.UnitLead) || p.PractitionerID == "" || kernel.PathString(res.Object(), "owner", "reference") != me) {
			return kernel.Text{NB: "Bare enhetslederen vurderer henvendelser, i eget navn.",
				EN: "Only the unit lead assesses inquiries, in their own name."}.Err(apperr.Forbidden)
		}
	}
	return nil
}
