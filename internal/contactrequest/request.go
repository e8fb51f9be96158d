package contactrequest

import (
	"strings"
	"time"

	"veiviser/internal/kernel"
)

// Who says whose illness the request is about.
type Who string

// Who asks: the person who is ill, or a relative.
const (
	WhoIll      Who = "ill"
	WhoRelative Who = "relative"
)

// Valid reports whether w is one of the two.
func (w Who) Valid() bool { return w == WhoIll || w == WhoRelative }

// Input is what the form sends.
type Input struct {
	Name    string
	Phone   string
	Email   string
	Who     Who
	About   string // optional, a short text
	Consent bool   // to be contacted
}

// Request is one stored request to be contacted.
type Request struct {
	Input
	ID        string
	Reference string
	Received  time.Time
	AnswerBy  time.Time // when the coordinator has said they will call by
	Answer    *Answer   // nil while open
}

// Answer is how the coordinator answered a request.
type Answer struct {
	At   time.Time
	How  How
	Note string
	By   string // Practitioner/... who marked it
}

// How is how the coordinator reached the person.
type How string

// The ways of answering.
const (
	ByPhone   How = "phone"
	ByEmail   How = "email"
	InPerson  How = "meeting"
	NoContact How = "not-reached"
)

// Hows are the ways, in the order the form shows them.
func Hows() []How { return []How{ByPhone, ByEmail, InPerson, NoContact} }

// Valid reports whether h is one of Hows.
func (h How) Valid() bool {
	for _, x := range Hows() {
		if x == h {
			return true
		}
	}
	return false
}

// Late reports whether the request is open past its answer-by date.
func (r Request) Late(now time.Time) bool {
	return r.Answer == nil && kernel.Late(r.AnswerBy, now)
}

// Check is the request's own rule, for every writer: a name, a way to reach the person, whose
// illness it is, the consent to be contacted; an answered one says when and how.
func Check(r Request) error {
	switch {
	case strings.TrimSpace(r.Name) == "":
		return kernel.Violation("Forespørselen mangler navn.", "The request has no name.")
	case strings.TrimSpace(r.Phone) == "" && strings.TrimSpace(r.Email) == "":
		return kernel.Violation("Forespørselen mangler telefon eller e-post.", "The request has neither a phone number nor an e-mail address.")
	case !r.Who.Valid():
		return kernel.Violation("Forespørselen sier ikke om den er fra den syke eller en pårørende.", "The request does not say whether it is from the person ill or a relative.")
	case !r.Consent:
		return kernel.Violation("Forespørselen mangler samtykke til å bli kontaktet.", "The request has no consent to be contacted.")
	case r.Received.IsZero() || r.AnswerBy.IsZero():
		return kernel.Violation("Forespørselen mangler når den kom og svarfristen.", "The request lacks when it came and its answer-by date.")
	case r.Answer != nil && (r.Answer.At.IsZero() || !r.Answer.How.Valid()):
		return kernel.Violation("En besvart forespørsel sier når og hvordan den ble besvart.", "An answered request says when and how it was answered.")
	}
	return nil
}
