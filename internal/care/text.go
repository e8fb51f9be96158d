package care

import "veiviser/internal/apperr"

// Text is user-facing text in bokmål, with English beside it.
type Text struct {
	NB string
	EN string
}

// String is the bokmål text followed by the English, for logs and error messages.
func (t Text) String() string {
	if t.EN == "" {
		return t.NB
	}
	return t.NB + " / " + t.EN
}

// violation is a broken business rule: Unprocessable, with the message in bokmål and English.
func violation(nb, en string) *apperr.Error {
	return apperr.New(apperr.Unprocessable, "%s", Text{nb, en}.String())
}

// forbidden is an action the actor may not take on the plan.
func forbidden(nb, en string) *apperr.Error {
	return apperr.New(apperr.Forbidden, "%s", Text{nb, en}.String())
}
