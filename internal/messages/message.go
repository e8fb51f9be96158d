package messages

import (
	"bytes"
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
	// PDF is a letter as it was sent, a tagged PDF (a decision letter); nil for a message.
	PDF []byte
}

// MaxPDF bounds a letter's PDF: a decision letter is a few pages of text.
const MaxPDF = 512 << 10

// ValidateMessage checks a message can be sent.
func ValidateMessage(m Message) error {
	switch {
	case m.Patient == "" || m.From == "" || len(m.To) == 0 || strings.TrimSpace(m.Text) == "" || m.Sent.IsZero():
		return kernel.Violation("Meldingen må ha avsender, mottaker, tekst og tidspunkt.", "A message needs a sender, a recipient, text and a time.")
	case len(m.PDF) > MaxPDF:
		return kernel.Violation("Brevet som PDF er for stort.", "The letter's PDF is too large.")
	case m.PDF != nil && !bytes.HasPrefix(m.PDF, []byte("%PDF-")):
		return kernel.Violation("Brevet er ikke en PDF.", "The letter is not a PDF.")
	}
	return nil
}
