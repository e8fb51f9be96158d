package allocation

import (
	"fmt"
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// Source is who sent an application.
type Source string

// The sources of an application.
const (
	FromCitizen  Source = "citizen"  // the citizen, for themself
	FromGuardian Source = "guardian" // a parent or guardian, for a child
	FromRelative Source = "relative" // a relative on the citizen's behalf, with the citizen's consent
	FromProvider Source = "provider" // a service provider or GP on the citizen's behalf, with the citizen's consent
	FromPaper    Source = "paper"    // a paper application the office registered, with its real date
)

// AppliedStatus is where one applied-for service is.
type AppliedStatus string

// The statuses of an applied-for service.
const (
	Waiting   AppliedStatus = "waiting"   // received, not yet decided
	Decided   AppliedStatus = "decided"   // a decision is made
	Withdrawn AppliedStatus = "withdrawn" // the sender took it back
)

// Application is a request to the allocation office for one or more services (søknad). Each
// service applied for is a record of its own (Applied), since each gets its own decision; they
// share the reference number, the need and the date received.
type Application struct {
	Reference string // the receipt's reference number, e.g. TK-2026-00042
	Subject   string // Patient/...: the citizen the application is for
	Sender    string // Patient/..., RelatedPerson/... (a guardian) or Practitioner/... (paper)
	Source    Source
	// Received is the date the office received it: it starts the clock (fvl § 11 a) and is
	// reported nationally. A paper application keeps the date on its stamp.
	Received time.Time
	// CitizenConsent is when the citizen agreed that a relative or provider applies for them;
	// required for those sources, and only for them.
	CitizenConsent time.Time
	Need           string // the need, in the citizen's own words
	CurrentHelp    string // the help they have today
	Services       []Applied
	Attachments    []string // DocumentReference/...
	// Changes is the running decision (ServiceRequest/...) a change request (endringsskjema)
	// asks to change: changed needs or circumstances. Its decision replaces that one; "" for
	// an ordinary application.
	Changes string
}

// Applied is one service applied for.
type Applied struct {
	ID     string // the ServiceRequest's id
	Code   string // the service's code in the catalogue
	Status AppliedStatus
}

// Codes are the codes of the services applied for, in order.
func (a Application) Codes() []string {
	out := make([]string, len(a.Services))
	for i, s := range a.Services {
		out[i] = s.Code
	}
	return out
}

// Open says whether any service applied for waits for a decision.
func (a Application) Open() bool {
	for _, s := range a.Services {
		if s.Status == Waiting {
			return true
		}
	}
	return false
}

// ApplicationReference is the receipt's reference: the office's prefix, the year received and
// a sequence number handed out per year.
func ApplicationReference(received time.Time, seq int) string {
	return fmt.Sprintf("TK-%d-%05d", received.Year(), seq)
}

// ValidateApplication checks that an application can be received on now: a known citizen and
// sender, at least one service of the catalogue and each once, the need in words, and a date
// received that is not in the future.
func ValidateApplication(a Application, c *Catalogue, now time.Time) error {
	switch {
	case a.Source != FromCitizen && a.Source != FromGuardian && a.Source != FromPaper && a.Source != FromRelative && a.Source != FromProvider:
		return kernel.Violation("Ukjent avsender av søknaden.", "Unknown sender of the application.")
	case (a.Source == FromRelative || a.Source == FromProvider) && a.CitizenConsent.IsZero():
		return kernel.Violation("Innbyggeren må ha samtykket til at du søker på vegne av hen.",
			"The citizen must have consented to your applying on their behalf.")
	case a.Subject == "" || a.Sender == "":
		return kernel.Violation("Søknaden må gjelde en person og ha en avsender.", "The application must name the citizen and its sender.")
	case len(a.Services) == 0:
		return kernel.Violation("Velg minst én tjeneste du søker om.", "Choose at least one service to apply for.")
	case strings.TrimSpace(a.Need) == "":
		return kernel.Violation("Beskriv behovet ditt med egne ord.", "Describe your need in your own words.")
	case a.Received.IsZero():
		return kernel.Violation("Søknaden mangler mottaksdato.", "The application has no date of receipt.")
	case kernel.DaysFromToday(now, a.Received) > 0:
		return kernel.Violation("Mottaksdatoen kan ikke være etter i dag.", "The date of receipt cannot be after today.")
	case a.Changes != "" && (kernel.TypeOf(a.Changes) != "ServiceRequest" || len(a.Services) != 1):
		return kernel.Violation("En endringsmelding gjelder ett vedtak og én tjeneste.", "A change request is about one decision and one service.")
	case a.Source == FromCitizen && a.Sender != a.Subject:
		return kernel.Violation("En innbygger søker for seg selv; en foresatt søker for barnet.",
			"A citizen applies for themself; a guardian applies for the child.")
	}
	seen := map[string]bool{}
	for _, s := range a.Services {
		if _, ok := c.Kind(s.Code); !ok {
			return kernel.Violation("En av tjenestene finnes ikke i tjenesteoversikten.", "One of the services is not in the catalogue.")
		}
		if seen[s.Code] {
			return kernel.Violation("Hver tjeneste søkes om én gang i samme søknad.", "Each service is applied for once in an application.")
		}
		seen[s.Code] = true
	}
	return nil
}

// ApplicationFields are the application's stored texts.
func ApplicationFields(a Application) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Behovet", EN: "The need"}, kernel.MaxText, a.Need)
	fs.Add(kernel.Text{NB: "Hjelpen du har i dag", EN: "The help you have today"}, kernel.MaxText, a.CurrentHelp)
	return fs
}

// ReceiptText is the receipt the sender gets.
func ReceiptText(a Application) kernel.Text {
	return kernel.Text{
		NB: fmt.Sprintf("Vi har mottatt søknaden din %s. Saksnummer: %s. Tildelingskontoret behandler den og svarer deg skriftlig med et vedtak. Tar det mer enn én måned, får du et foreløpig svar.",
			a.Received.Format("02.01.2006"), a.Reference),
		EN: fmt.Sprintf("We received your application on %s. Reference number: %s. The allocation office will handle it and answer you in writing with a decision. If it takes more than a month, you get a preliminary reply.",
			a.Received.Format("2 January 2006"), a.Reference),
	}
}
