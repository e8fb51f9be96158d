package kernel

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

// Err is an error of code carrying the text as its message.
func (t Text) Err(code apperr.Code) *apperr.Error {
	return apperr.New(code, "%s", t.String())
}

// Violation is a broken business rule: Unprocessable, with the message in bokmål and English.
func Violation(nb, en string) *apperr.Error {
	return Text{nb, en}.Err(apperr.Unprocessable)
}

// Forbidden is an action the actor may not take on the plan.
func Forbidden(nb, en string) *apperr.Error {
	return Text{nb, en}.Err(apperr.Forbidden)
}
