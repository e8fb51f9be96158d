package intake

import (
	"fmt"
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// InquirySource is who sent an inquiry.
type InquirySource string

// The sources of an inquiry.
const (
	FromCitizen  InquirySource = "citizen"  // the citizen, for themself
	FromGuardian InquirySource = "guardian" // a parent or guardian, for a child
	FromRelative InquirySource = "relative" // a relative on the citizen's behalf
	FromProvider InquirySource = "provider" // a service provider or GP: a need report
)

// InquiryStatus is where an inquiry is in the flow.
type InquiryStatus string

// The statuses of an inquiry.
const (
	InquiryReceived  InquiryStatus = "received" // waiting for assessment
	InquiryAssessed  InquiryStatus = "assessed" // the assessment is recorded
	InquiryWithdrawn InquiryStatus = "withdrawn"
)

// Inquiry is a request to the coordinating unit (henvendelse), or a provider's need report
// (melding om mulig behov for habilitering/rehabilitering).
type Inquiry struct {
	ID        string
	Reference string // the receipt's reference number, e.g. KE-2026-00042
	Source    InquirySource
	Status    InquiryStatus
	Subject   string // the citizen the inquiry is about: Patient/...
	Sender    string // Patient/..., RelatedPerson/..., Practitioner/..., PractitionerRole/... or Organization/...
	Received  time.Time

	Need                string   // what the need is, in the sender's words
	CurrentServices     []string // services the citizen already has
	ProposedCoordinator string   // whom the citizen would like as coordinator (a name, or a Practitioner reference)

	// CitizenConsent is when the citizen agreed that a relative acts for them; required before a
	// relative's inquiry is assessed, and recorded when it is given (it may come after receipt).
	CitizenConsent time.Time
}

// ReferenceNumber is the receipt's reference: the unit's prefix, the year received and a
// sequence number the store hands out per year.
func ReferenceNumber(received time.Time, seq int) string {
	return fmt.Sprintf("KE-%d-%05d", received.Year(), seq)
}

// ValidateInquiry checks that an inquiry can be received.
func ValidateInquiry(q Inquiry) error {
	switch {
	case q.Source != FromCitizen && q.Source != FromGuardian && q.Source != FromRelative && q.Source != FromProvider:
		return kernel.Violation("Ukjent avsender av henvendelsen.", "Unknown source of the inquiry.")
	case q.Subject == "":
		return kernel.Violation("Henvendelsen må gjelde en person.", "The inquiry must name the citizen it is about.")
	case q.Sender == "":
		return kernel.Violation("Henvendelsen må ha en avsender.", "The inquiry must have a sender.")
	case strings.TrimSpace(q.Need) == "":
		return kernel.Violation("Beskriv behovet.", "Describe the need.")
	case q.Received.IsZero():
		return kernel.Violation("Henvendelsen mangler mottaksdato.", "The inquiry has no date of receipt.")
	case q.Source == FromCitizen && q.Sender != q.Subject:
		return kernel.Violation("En innbygger kan bare sende henvendelse for seg selv; bruk foresatt eller pårørende.",
			"A citizen sends an inquiry for themself only; use guardian or relative.")
	}
	return nil
}

// ReadyForAssessment says whether the unit may assess the inquiry now: a relative's inquiry needs
// the citizen's consent recorded first.
func ReadyForAssessment(q Inquiry) error {
	if q.Status != InquiryReceived {
		return kernel.Violation("Henvendelsen er allerede behandlet.", "The inquiry has already been handled.")
	}
	if q.Source == FromRelative && q.CitizenConsent.IsZero() {
		return kernel.Violation("Innbyggerens samtykke til at pårørende henvender seg må registreres før vurderingen.",
			"Record the citizen's consent to the relative's inquiry before the assessment.")
	}
	return nil
}

// IsNeedReport reports whether the inquiry is a provider's need report.
func (q Inquiry) IsNeedReport() bool { return q.Source == FromProvider }

// ReceiptText is the text of the receipt the sender gets.
func ReceiptText(q Inquiry) kernel.Text {
	return kernel.Text{
		NB: fmt.Sprintf("Vi har mottatt henvendelsen din %s. Referansenummer: %s. Koordinerende enhet vurderer den og svarer deg skriftlig.",
			q.Received.Format("02.01.2006"), q.Reference),
		EN: fmt.Sprintf("We received your inquiry on %s. Reference number: %s. The coordinating unit will assess it and answer you in writing.",
			q.Received.Format("2 January 2006"), q.Reference),
	}
}
