package allocation

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/workflow"
)

// ApplicationInput is what the sender writes. Whether it is the citizen's own or a guardian's
// follows from who the principal is and how they are linked to the subject.
type ApplicationInput struct {
	Subject     string   // Patient id or "Patient/id": whom the application is for
	Services    []string // codes from the catalogue
	Need        string
	CurrentHelp string
	Files       []Upload
	// Received is a paper application's date of receipt (the office only); zero: today.
	Received time.Time
	// CitizenConsent: a relative or provider applying on the citizen's behalf says the citizen
	// has agreed (recorded as the time they said so).
	CitizenConsent bool
	// Changes makes it a change request: the id of the running decision whose service it asks
	// to change (Services is then that service, filled in).
	Changes string
	// NationalID names the citizen for a service provider applying on their behalf, who has no
	// list of citizens to choose from (instead of Subject).
	NationalID string
}

// Upload is one file as sent.
type Upload struct {
	Name string
	Data []byte
}

// Receipt is what the sender gets back.
type Receipt struct {
	Application Application
	Text        kernel.Text
}

// Apply receives an application: from a citizen for themself or from a guardian for their
// child; the office registers a paper one with RegisterPaperApplication. Every service applied
// for, and every file, is stored in one transaction with one reference number.
func (s *Service) Apply(ctx context.Context, in ApplicationInput) (Receipt, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Receipt{}, err
	}
	if in.Subject == "" && in.NationalID != "" && p.Has(access.ServiceProvider) {
		if in.Subject, err = s.patientByNIN(ctx, strings.TrimSpace(in.NationalID)); err != nil {
			return Receipt{}, err
		}
	}
	subject := kernel.Ref("Patient", kernel.IDOf(in.Subject))
	source, sender, err := s.senderOf(ctx, p, subject)
	if err != nil {
		return Receipt{}, err
	}
	return s.receive(ctx, in, subject, source, sender, s.wf.Now())
}

// RegisterPaperApplication registers an application that came on paper, with the date the
// office received it (which starts the clock), in the name of the officer registering it.
func (s *Service) RegisterPaperApplication(ctx context.Context, in ApplicationInput) (Receipt, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return Receipt{}, err
	}
	if !isOffice(p, []string{s.wf.Office()}) || p.PractitionerID == "" {
		return Receipt{}, kernel.Text{NB: "Papirsøknader registreres av tildelingskontoret.",
			EN: "Paper applications are registered by the allocation office."}.Err(apperr.Forbidden)
	}
	subject := kernel.Ref("Patient", kernel.IDOf(in.Subject))
	if _, _, err := s.wf.Get(ctx, "Patient", kernel.IDOf(subject)); err != nil {
		return Receipt{}, err
	}
	received := in.Received
	if received.IsZero() {
		received = s.wf.Now()
	}
	return s.receive(ctx, in, subject, FromPaper, kernel.Ref("Practitioner", p.PractitionerID), received)
}

func (s *Service) receive(ctx context.Context, in ApplicationInput, subject string, source Source, sender string, received time.Time) (Receipt, error) {
	now := s.wf.Now()
	a := Application{Subject: subject, Sender: sender, Source: source, Received: received,
		Need: strings.TrimSpace(in.Need), CurrentHelp: strings.TrimSpace(in.CurrentHelp)}
	if in.Changes != "" {
		d, err := s.DecisionByID(ctx, kernel.IDOf(in.Changes))
		if err != nil {
			return Receipt{}, err
		}
		if !d.Running(now) && !(d.Status == Signed && d.Outcome != Refused && d.Start.After(now)) || d.Subject != subject {
			return Receipt{}, kernel.Text{NB: "Endringer meldes på et vedtak som gjelder.", EN: "Changes are requested on a decision in force."}.Err(apperr.Conflict)
		}
		a.Changes, in.Services = "ServiceRequest/"+d.ID, []string{d.Code}
	}
	if in.CitizenConsent && (source == FromRelative || source == FromProvider) {
		a.CitizenConsent = now
	}
	for _, code := range in.Services {
		a.Services = append(a.Services, Applied{ID: s.wf.NewID(), Code: code, Status: Waiting})
	}
	if err := ValidateApplication(a, s.catalogue, now); err != nil {
		return Receipt{}, err
	}
	if err := kernel.CheckTexts(ApplicationFields(a), nil); err != nil {
		return Receipt{}, err
	}
	if len(in.Files) > MaxAttachments {
		return Receipt{}, kernel.Violation("Send høyst 5 vedlegg med en søknad.", "Send at most 5 attachments with an application.")
	}
	var puts []workflow.Put
	for _, f := range in.Files {
		att := Attachment{ID: s.wf.NewID(), Name: strings.TrimSpace(f.Name), ContentType: Sniff(f.Data), Data: f.Data,
			Subject: subject, Author: sender, Created: now}
		if err := ValidateAttachment(att); err != nil {
			return Receipt{}, err
		}
		a.Attachments = append(a.Attachments, "DocumentReference/"+att.ID)
		puts = append(puts, workflow.Put{Res: AttachmentToFHIR(att)})
	}
	seq, err := s.wf.NextSequence(ctx, "application", received.Year())
	if err != nil {
		return Receipt{}, err
	}
	a.Reference = ApplicationReference(received, seq)
	for _, r := range ApplicationToFHIR(a, s.wf.Office()) {
		puts = append(puts, workflow.Put{Res: r})
	}
	if _, err := s.wf.Commit(ctx, puts...); err != nil {
		return Receipt{}, fmt.Errorf("storing the application: %w", err)
	}
	return Receipt{Application: a, Text: ReceiptText(a)}, nil
}

// senderOf works out how the principal applies: for themself, as a guardian or relative of
// the subject, or as a service provider in their own name.
func (s *Service) senderOf(ctx context.Context, p *access.Principal, subject string) (Source, string, error) {
	kind, sender, err := s.wf.ActingFor(ctx, p, subject, access.ServiceProvider)
	if err != nil || kind != "" {
		return Source(kind), sender, err
	}
	return "", "", kernel.Text{NB: "Du kan søke for deg selv, for barn du er foresatt for, eller med samtykke på vegne av en du er pårørende eller tjenesteyter for.",
		EN: "You may apply for yourself, for a child you are guardian for, or with consent on behalf of someone you are a relative or provider of."}.Err(apperr.Forbidden)
}

// ApplicationsOf are the citizen's applications, newest first, for whoever has the citizen in
// reach (the citizen, their guardian, the office's staff).
func (s *Service) ApplicationsOf(ctx context.Context, patient string) ([]Application, error) {
	patient = kernel.Ref("Patient", kernel.IDOf(patient))
	if _, err := s.wf.Reach(ctx, patient); err != nil {
		return nil, err
	}
	found, err := s.wf.Find(ctx, "ServiceRequest", "subject", patient, "intent", "proposal")
	if err != nil {
		return nil, err
	}
	list, err := Applications(found)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(list, func(a, b Application) int { return b.Received.Compare(a.Received) })
	return list, s.wf.LogRead(ctx, patient, "ServiceRequest")
}

// ApplicationByReference is one application, by its reference number, for whoever has its
// citizen in reach; NotFound otherwise, so its existence does not leak.
func (s *Service) ApplicationByReference(ctx context.Context, reference string) (Application, error) {
	found, err := s.wf.Find(ctx, "ServiceRequest", "requisition", kernel.SystemApplicationReference+"|"+reference)
	if err != nil {
		return Application{}, err
	}
	list, err := Applications(found)
	if err != nil {
		return Application{}, err
	}
	if len(list) != 1 {
		return Application{}, apperr.New(apperr.NotFound, "no application %q", reference)
	}
	a := list[0]
	if _, err := s.wf.Reach(ctx, a.Subject); err != nil {
		return Application{}, apperr.New(apperr.NotFound, "no application %q", reference)
	}
	return a, s.wf.LogRead(ctx, a.Subject, "ServiceRequest?requisition="+reference)
}

// AttachmentOf is one file of an application, for whoever has its citizen in reach.
func (s *Service) AttachmentOf(ctx context.Context, id string) (Attachment, error) {
	r, _, err := s.wf.Get(ctx, "DocumentReference", id)
	if err != nil {
		return Attachment{}, err
	}
	if !IsAttachment(r) {
		return Attachment{}, apperr.New(apperr.NotFound, "DocumentReference/%s is not an attachment", id)
	}
	a, err := AttachmentFromFHIR(r)
	if err != nil {
		return Attachment{}, err
	}
	if _, err := s.wf.Reach(ctx, a.Subject); err != nil {
		return Attachment{}, apperr.New(apperr.NotFound, "DocumentReference/%s is not known", id)
	}
	return a, s.wf.LogRead(ctx, a.Subject, "DocumentReference/"+id)
}

// CitizenByNIN is the Patient id of the citizen with a national identity number (fødselsnummer
// or D-nummer), for the office registering a paper application; the lookup is logged as a
// read of that citizen. NotFound when nobody has it.
func (s *Service) CitizenByNIN(ctx context.Context, nin string) (string, error) {
	p, err := workflow.Principal(ctx)
	if err != nil {
		return "", err
	}
	if !isOffice(p, []string{s.wf.Office()}) {
		return "", kernel.Text{NB: "Oppslaget er tildelingskontorets.", EN: "The lookup is the allocation office's."}.Err(apperr.Forbidden)
	}
	return s.patientByNIN(ctx, nin)
}

// patientByNIN finds the citizen by national identity number for a caller who may look them
// up (the office, or a provider applying on the citizen's behalf), and logs the lookup.
func (s *Service) patientByNIN(ctx context.Context, nin string) (string, error) {
	for _, system := range []string{fhir.SystemFNR, fhir.SystemDNR} {
		if fhir.CheckNorwegianIdentifier(system, nin) != "" {
			continue
		}
		found, err := s.wf.Find(ctx, "Patient", "identifier", system+"|"+nin)
		if err != nil {
			return "", err
		}
		if len(found) == 1 {
			id := found[0].ID()
			return id, s.wf.LogRead(ctx, id, "Patient?identifier")
		}
	}
	return "", kernel.Text{NB: "Ingen innbygger med dette fødselsnummeret er registrert.",
		EN: "No citizen with this national identity number is registered."}.Err(apperr.NotFound)
}
