package pathways

import "veiviser/internal/apperr"

// Text is user-facing text in bokmål, with English beside it. It is care.Text's shape, so the
// kernel's text type can replace both.
type Text struct {
	NB string `json:"nb"`
	EN string `json:"en,omitempty"`
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

// violation is a broken rule of a pathway instance: Unprocessable, in bokmål and English.
func violation(nb, en string) *apperr.Error {
	return Text{nb, en}.Err(apperr.Unprocessable)
}
