package unitpage

import (
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/kernel"
)

// Page is the unit's public page as the unit lead writes it.
type Page struct {
	Name         string // the unit's name (the Organization's)
	Intro        string // what the unit does, in the unit's words
	Phone        string
	Email        string
	Address      string
	OpeningHours string // e.g. "Mandag–fredag 08.00–15.30"
	QA           []QA
	Version      int64 // the Organization's version it was read at; saving checks it
}

// QA is one question and its answer.
type QA struct {
	Question string
	Answer   string
}

// MaxQA bounds the questions and answers: a page a citizen reads, not an archive.
const MaxQA = 30

// Fields are the page's texts with their limits, for every writer.
func Fields(p Page) []kernel.Field {
	fs := []kernel.Field{
		{Name: kernel.Text{NB: "Innledningen", EN: "The introduction"}, Value: p.Intro, Max: kernel.MaxLongText},
		{Name: kernel.Text{NB: "Telefonnummeret", EN: "The phone number"}, Value: p.Phone, Max: kernel.MaxName},
		{Name: kernel.Text{NB: "E-postadressen", EN: "The e-mail address"}, Value: p.Email, Max: kernel.MaxName},
		{Name: kernel.Text{NB: "Adressen", EN: "The address"}, Value: p.Address, Max: kernel.MaxName},
		{Name: kernel.Text{NB: "Åpningstidene", EN: "The opening hours"}, Value: p.OpeningHours, Max: kernel.MaxName},
	}
	for _, q := range p.QA {
		fs = append(fs, kernel.Field{Name: kernel.Text{NB: "Et spørsmål", EN: "A question"}, Value: q.Question, Max: kernel.MaxName},
			kernel.Field{Name: kernel.Text{NB: "Et svar", EN: "An answer"}, Value: q.Answer, Max: kernel.MaxText})
	}
	return fs
}

// Check is what a page must be: at most MaxQA questions, each with its answer, an e-mail address
// that looks like one, and every text within its limit (a text among stored, as it was, passes:
// a page from before a limit can still be saved in its other parts).
func Check(p Page, stored []kernel.Field) error {
	if len(p.QA) > MaxQA {
		return apperr.New(apperr.Unprocessable, "%s", kernel.Text{NB: "Siden kan ha høyst 30 spørsmål og svar.", EN: "The page can have at most 30 questions and answers."}.String())
	}
	for _, q := range p.QA {
		if strings.TrimSpace(q.Question) == "" || strings.TrimSpace(q.Answer) == "" {
			return kernel.Violation("Hvert spørsmål trenger et svar, og hvert svar et spørsmål.", "Each question needs an answer, and each answer a question.")
		}
	}
	if e := strings.TrimSpace(p.Email); e != "" && (!strings.Contains(e, "@") || strings.ContainsAny(e, " \t\n")) {
		return kernel.Violation("E-postadressen ser ikke riktig ut.", "The e-mail address does not look right.")
	}
	return kernel.CheckTexts(Fields(p), stored)
}
