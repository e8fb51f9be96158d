package messages

import (
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// Message is a message between the citizen, relatives, the coordinator and providers about the plan.
type Message struct {
	ID           string
	Patient      string
	Plan         string // CarePlan/... it is about; may be empty
	From         string
	To           []string
	Sent         time.Time
	Text         string
	InResponseTo string // Communication/...
}

// ValidateMessage checks a message can be sent.
func ValidateMessage(m Message) error {
	if m.Patient == "" || m.From == "" || len(m.To) == 0 || strings.TrimSpace(m.Text) == "" || m.Sent.IsZero() {
		return kernel.Violation("Meldingen må ha avsender, mottaker, tekst og tidspunkt.", "A message needs a sender, a recipient, text and a time.")
	}
	return nil
}
