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

// sourceNames say who sent an inquiry, in bokmål and English.
var sourceNames = map[intake.InquirySource][2]string{
	intake.FromCitizen:  {"Innbyggeren selv", "The citizen"},
	intake.FromGuardian: {"Foresatt, for barnet", "A guardian, for the child"},
	intake.FromRelative: {"Pårørende, på innbyggerens vegne", "A relative, on the citizen's behalf"},
	intake.FromProvider: {"Tjenesteyter (melding om mulig behov)", "A service provider (need report)"},
}

// SourceNb and SourceEn say who sent the inquiry.
func (d assessData) SourceNb() string { return sourceNames[d.Item.Inquiry.Source][0] }
func (d assessData) SourceEn() string { return sourceNames[d.Item.Inquiry.Source][1] }

// Paras are a letter text's paragraphs.
func (d assessData) Paras(s string) []string { return paragraphs(s) }
