// Package webform reads a posted form within its limit, for every handler that takes one (the
// web's pages and sign-in's login form), with the client's errors in bokmål and English.
package webform

import (
	"errors"
	"net/http"
	"strconv"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
)

// MaxFormBytes caps a posted form, and so a draft: a form of plain text never comes near it,
// and a bigger body is not a person typing. The server caps every body but the API's at this
// size before any handler runs; Read caps it again so a handler served alone holds too.
const MaxFormBytes = 64 << 10

// Read reads the posted form, at most MaxFormBytes. Its errors are the client's: a form too
// large (ErrTooLarge marks it, answered 413) or one that did not arrive in full (a connection
// cut, a read timeout), each with a message in bokmål and English.
func Read(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, MaxFormBytes)
	if err := r.ParseForm(); err != nil {
		return formReadError(err)
	}
	return nil
}

func formReadError(err error) error {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		kb := strconv.Itoa(MaxFormBytes >> 10)
		return &apperr.Error{Code: apperr.Invalid, Err: err, Message: kernel.Text{
			NB: "Skjemaet er for stort: høyst " + kb + " kB kan sendes. Skriv kortere.",
			EN: "The form is too large: at most " + kb + " kB can be sent. Write less."}.String()}
	}
	return &apperr.Error{Code: apperr.Invalid, Err: err, Message: kernel.Text{
		NB: "Skjemaet kom ikke fram i sin helhet. Prøv igjen.",
		EN: "The form did not arrive in full. Try again."}.String()}
}

// TooLarge reports whether err is a body over its limit, answered 413 rather than 400 or 422.
func TooLarge(err error) bool {
	var mb *http.MaxBytesError
	return errors.As(err, &mb)
}
