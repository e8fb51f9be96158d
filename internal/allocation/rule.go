package allocation

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// NewRule returns the allocation office's write rule (a records.Rule), for every writer, the
// API's included: an application (a ServiceRequest of a catalogue service, intent proposal)
// is valid, its texts within their limits, and what it was received as does not change; an
// attachment is a PDF or image by its content, within its size. A person sends an application
// only as ValidateApplication's sources allow, in their own name, and changes one only as the
// office (its status) or as its sender (withdrawing it while it waits). A decision
// (rule_decision.go) is the office's. A nil catalogue (one that did not load) refuses every
// application and decision.
func NewRule(env workflow.RuleEnv, c *Catalogue, law *lawdata.Table) records.Rule {
	r := rule{env: env, catalogue: c, law: law}
	return workflow.Checks{
		"ServiceRequest": workflow.Texts(IsApplication, applicationTexts,
			workflow.Texts(IsDecision, decisionTexts, workflow.Refuses(r.serviceRequest))),
		"DocumentReference": workflow.Refuses(r.attachment),
		"Task":              workflow.Texts(isCase, caseTexts, workflow.Texts(IsAppeal, appealTexts, workflow.Refuses(r.tasks))),
		"Organization":      workflow.Refuses(r.office),
	}
}

type rule struct {
	env       workflow.RuleEnv
	catalogue *Catalogue
	law       *lawdata.Table // the settings a decision is checked by (two-person approval)
}

// serviceRequest: an application's rule and a decision's.
func (r rule) serviceRequest(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if err := r.application(ctx, rd, before, after); err != nil {
		return err
	}
	return r.decision(ctx, rd, before, after)
}

func applicationTexts(r *fhir.Resource) ([]kernel.Field, error) {
	a, err := ApplicationFromFHIR(r)
	return ApplicationFields(a), err
}

func (r rule) application(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !IsApplication(before) && !IsApplication(after) {
		return nil
	}
	var a, old Application
	var err error
	if after != nil {
		if a, err = ApplicationFromFHIR(after); err != nil {
			return err
		}
		if err := r.valid(a, after); err != nil {
			return err
		}
	}
	if before != nil {
		if old, err = ApplicationFromFHIR(before); err != nil {
			return err
		}
	}
	if before != nil && after != nil && !sameReceipt(old, a) {
		return kernel.Text{NB: "Hvem søknaden gjelder, avsender, tjeneste, saksnummer og mottaksdato endres ikke.",
			EN: "Whom the application is for, its sender, service, reference number and date of receipt do not change."}.Err(apperr.Unprocessable)
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	office := kernel.OrganizationIDs(workflow.Written(before, after), "performer")
	switch {
	case after == nil:
		if !p.Has(access.Administrator) {
			return kernel.Text{NB: "En søknad slettes ikke; den kan trekkes.", EN: "An application is not deleted; it may be withdrawn."}.Err(apperr.Forbidden)
		}
		return nil
	case before == nil:
		if err := changesOwnDecision(ctx, rd, a); err != nil {
			return err
		}
		return maySend(ctx, rd, p, a, office)
	}
	return mayChange(p, old, a, office)
}

// valid: the application as received, with its one service; the office it is addressed to and
// its reference number are there.
func (r rule) valid(a Application, res *fhir.Resource) error {
	if r.catalogue == nil {
		return apperr.New(apperr.Internal, "the service catalogue did not load")
	}
	if err := ValidateApplication(a, r.catalogue, r.env.Now()); err != nil {
		return err
	}
	if a.Reference == "" || len(kernel.OrganizationIDs(res, "performer")) != 1 {
		return kernel.Violation("Søknaden må ha saksnummer og være adressert til tildelingskontoret.",
			"The application needs a reference number and the allocation office as performer.")
	}
	return nil
}

// changesOwnDecision: a change request asks to change a decision about its citizen, on its
// service.
func changesOwnDecision(ctx context.Context, rd store.Reader, a Application) error {
	if a.Changes == "" {
		return nil
	}
	rec, err := rd.Get(ctx, "ServiceRequest", kernel.IDOf(a.Changes))
	if err == nil {
		if r := records.Parsed(rec); IsDecision(r) {
			if d, err := DecisionFromFHIR(r); err == nil && d.Subject == a.Subject && d.Code == a.Services[0].Code {
				return nil
			}
		}
	}
	return kernel.Violation("Endringsmeldingen må gjelde et vedtak om samme person og tjeneste.",
		"The change request must be about a decision on the same citizen and service.")
}

func sameReceipt(old, a Application) bool {
	return old.Subject == a.Subject && old.Sender == a.Sender && old.Source == a.Source && old.Reference == a.Reference && old.Changes == a.Changes &&
		old.Received.Equal(a.Received) && slices.Equal(old.Codes(), a.Codes())
}

// isOffice: p is a case officer or unit lead of one of the offices.
func isOffice(p *access.Principal, offices []string) bool {
	return (p.Has(access.CaseOfficer) || p.Has(access.UnitLead)) && slices.ContainsFunc(offices, func(u string) bool { return slices.Contains(p.Units, u) })
}

// maySend: a citizen for themself, a guardian for their child, the office a paper application
// in the name of the officer who registers it.
func maySend(ctx context.Context, rd store.Reader, p *access.Principal, a Application, office []string) error {
	switch a.Source {
	case FromCitizen:
		if p.Has(access.Citizen) && p.PatientID != "" && a.Sender == kernel.Ref("Patient", p.PatientID) {
			return nil
		}
	case FromGuardian:
		if id := kernel.IDOfType(a.Sender, "RelatedPerson"); id != "" && p.Has(access.Citizen) && slices.Contains(p.RelatedPersonIDs, id) && guardianOf(ctx, rd, id, a.Subject) {
			return nil
		}
	case FromRelative:
		if id := kernel.IDOfType(a.Sender, "RelatedPerson"); id != "" && (p.Has(access.Relative) || p.Has(access.Citizen)) &&
			slices.Contains(p.RelatedPersonIDs, id) && relativeOf(ctx, rd, id, a.Subject) {
			return nil
		}
	case FromProvider:
		if p.Has(access.ServiceProvider) && p.PractitionerID != "" && a.Sender == kernel.Ref("Practitioner", p.PractitionerID) {
			return nil
		}
	case FromPaper:
		if isOffice(p, office) && p.PractitionerID != "" && a.Sender == kernel.Ref("Practitioner", p.PractitionerID) {
			return nil
		}
	}
	return kernel.Text{NB: "Du kan søke for deg selv, for barn du er foresatt for, eller med samtykke på vegne av en du er pårørende eller tjenesteyter for; tildelingskontoret registrerer papirsøknader.",
		EN: "You may apply for yourself, for a child you are guardian for, or with consent on behalf of someone you are a relative or provider of; the allocation office registers paper applications."}.Err(apperr.Forbidden)
}

func relativeOf(ctx context.Context, rd store.Reader, relatedPerson, subject string) bool {
	rec, err := rd.Get(ctx, "RelatedPerson", relatedPerson)
	if err != nil {
		return false
	}
	rp := records.Parsed(rec)
	return rp != nil && kernel.PathString(rp.Object(), "patient", "reference") == subject
}

func guardianOf(ctx context.Context, rd store.Reader, relatedPerson, subject string) bool {
	rec, err := rd.Get(ctx, "RelatedPerson", relatedPerson)
	if err != nil {
		return false
	}
	rp := records.Parsed(rec)
	return rp != nil && kernel.IsGuardian(rp) && kernel.PathString(rp.Object(), "patient", "reference") == subject
}

// mayChange: the office changes the status (a decision marks it decided); the sender may
// withdraw a service while it waits; the texts stay as sent.
func mayChange(p *access.Principal, old, a Application, office []string) error {
	if a.Need != old.Need || a.CurrentHelp != old.CurrentHelp || !slices.Equal(a.Attachments, old.Attachments) || !a.CitizenConsent.Equal(old.CitizenConsent) {
		return kernel.Text{NB: "Søknaden står som den ble sendt; send en endringsmelding eller et nytt vedlegg i saken.",
			EN: "The application stays as it was sent; send a change request or a new attachment in the case."}.Err(apperr.Forbidden)
	}
	if isOffice(p, office) {
		return nil
	}
	isSender := inOwnName(p, a.Sender)
	withdrawal := old.Services[0].Status == Waiting && a.Services[0].Status == Withdrawn
	if isSender && (withdrawal || old.Services[0].Status == a.Services[0].Status) {
		return nil
	}
	return kernel.Text{NB: "Bare avsenderen kan trekke søknaden, og bare mens den venter; vedtaket gjør tildelingskontoret.",
		EN: "Only the sender may withdraw the application, and only while it waits; the allocation office makes the decision."}.Err(apperr.Forbidden)
}

// attachment: valid for every writer; a person adds one in their own name (a guardian as
// their RelatedPerson) or as the office, and it is never changed or deleted but by an
// administrator.
func (r rule) attachment(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !IsAttachment(before) && !IsAttachment(after) {
		return nil
	}
	if after != nil {
		a, err := AttachmentFromFHIR(after)
		if err != nil {
			return err
		}
		if err := ValidateAttachment(a); err != nil {
			return err
		}
	}
	p, ok := access.Person(ctx)
	if !ok || p.Has(access.Administrator) {
		return nil
	}
	if before != nil {
		return kernel.Text{NB: "Et vedlegg endres ikke etter at det er sendt.", EN: "An attachment is not changed once sent."}.Err(apperr.Forbidden)
	}
	a, _ := AttachmentFromFHIR(after)
	own := inOwnName(p, a.Author)
	if a.Case != "" && !p.Has(access.CaseOfficer) && !p.Has(access.UnitLead) {
		return kernel.Text{NB: "Dokumenter i en sak legges til av tildelingskontoret.", EN: "The allocation office adds a case's documents."}.Err(apperr.Forbidden)
	}
	if own {
		return nil
	}
	return kernel.Text{NB: "Vedlegg sendes i eget navn.", EN: "Attachments are sent in one's own name."}.Err(apperr.Forbidden)
}

// assignment (a Task coded allocation-case): for every writer it names the application, the
// office and a Practitioner as officer; a person gives cases out only as the office's staff.
func (r rule) assignment(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !isCase(before) && !isCase(after) {
		return nil
	}
	if after != nil {
		a := AssignmentFromFHIR(after)
		if a.Reference == "" || a.Office == "" || kernel.TypeOf(a.Officer) != "Practitioner" || a.Subject == "" {
			return kernel.Violation("En sak ved tildelingskontoret må ha saksnummer, kontor og saksbehandler.",
				"A case at the allocation office needs a reference number, the office and an officer.")
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	for _, res := range []*fhir.Resource{before, after} {
		if res != nil && !isOffice(p, []string{AssignmentFromFHIR(res).Office}) {
			return kernel.Text{NB: "Saker fordeles av tildelingskontoret.", EN: "Cases are assigned by the allocation office."}.Err(apperr.Forbidden)
		}
	}
	return nil
}

// inOwnName says whether ref is the principal themself: their own record, or one of their
// RelatedPersons (a relative or guardian acting as themself).
func inOwnName(p *access.Principal, ref string) bool {
	return ref == p.Ref() || slices.ContainsFunc(p.RelatedPersonIDs, func(id string) bool { return ref == kernel.Ref("RelatedPerson", id) })
}
