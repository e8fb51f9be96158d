package web

import (
	"net/http"
	"strings"

	"veiviser/internal/access"
	"veiviser/internal/messages"
)

// lettersData is the citizen's letters page.
type lettersData struct {
	pageData
	Letters []letterView
	For     string // the child a guardian reads the letters of; "" for one's own
	Party   bool   // a relative's letters as a party in their own right (/relative/letters)
}

// letterViewOf is a letter with its first line as the heading.
func letterViewOf(l messages.Message) letterView {
	subject, body, _ := strings.Cut(strings.TrimSpace(l.Text), "\n")
	return letterView{Message: l, Subject: subject, Body: strings.TrimSpace(body)}
}

// letterView is one letter: its first line as the heading, the rest as its text.
type letterView struct {
	messages.Message
	Subject, Body string
}

// CitizenLetters serves GET /citizen/letters: the letters the municipality has sent the citizen
// (or, with ?for=, a child the person is guardian for), newest first.
func (w *Web) CitizenLetters(rw http.ResponseWriter, r *http.Request) {
	p, ok := w.holder(rw, r, access.Citizen)
	if !ok {
		return
	}
	patient := planPatient(r, p)
	ls, err := w.coord.Letters(r.Context(), patient)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := lettersData{pageData: w.page(r, "Brev")}
	if patient != "Patient/"+p.PatientID {
		d.For = patient
	}
	for _, l := range ls {
		d.Letters = append(d.Letters, letterViewOf(l))
	}
	w.render(rw, r, http.StatusOK, "citizen/letters", d)
}
