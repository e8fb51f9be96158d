package web

import (
	"net/url"
	"strings"

	"veiviser/internal/intake"
)

// Helpers of the unit lead's pages.

// joinLines is a list as a textarea's lines.
func joinLines(xs []string) string { return strings.Join(xs, "\n") }

// paragraphs splits a letter's text at its blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// appointPath is the page where the unit lead appoints a coordinator for patient
// ("Patient/..."). The reference goes in the query, like the citizen pages' "for".
func appointPath(patient string) string {
	return "/unit/appoint?for=" + url.QueryEscape(patient)
}

// sourceNames say who sent an inquiry, in bokmål (catalog keys).
var sourceNames = map[intake.InquirySource]string{
	intake.FromCitizen:  "Innbyggeren selv",
	intake.FromGuardian: "Foresatt, for barnet",
	intake.FromRelative: "Pårørende, på innbyggerens vegne",
	intake.FromProvider: "Tjenesteyter (melding om mulig behov)",
}

// SourceName says who sent the inquiry, in bokmål; the template translates it.
func (d assessData) SourceName() string { return sourceNames[d.Item.Inquiry.Source] }

// Paras are a letter text's paragraphs.
func (d assessData) Paras(s string) []string { return paragraphs(s) }
