package fhir

import (
	"strings"

	"veiviser/internal/apperr"
)

// OperationOutcome builds the OperationOutcome for err. Internal errors give a generic text so
// nothing of their cause reaches the client.
func OperationOutcome(err error) *Object {
	e := apperr.As(err)
	issues := e.Issues
	if len(issues) == 0 || e.Code == apperr.Internal {
		msg := e.Message
		if e.Code == apperr.Internal {
			msg = "internal error"
		}
		issues = []apperr.Issue{{Diagnostics: msg}}
	}
	list := make([]any, 0, len(issues))
	for _, is := range issues {
		o := NewObject()
		sev := is.Severity
		if sev == "" {
			sev = "error"
		}
		typ := is.Type
		if typ == "" {
			typ = apperr.IssueType(e.Code)
		}
		o.Set("severity", sev)
		o.Set("code", typ)
		if is.Diagnostics != "" {
			// a diagnostic may quote what the client sent: the answer stays valid UTF-8 JSON
			o.Set("diagnostics", strings.ToValidUTF8(is.Diagnostics, "\uFFFD"))
		}
		if len(is.Expression) > 0 {
			ex := make([]any, len(is.Expression))
			for i, s := range is.Expression {
				ex[i] = strings.ToValidUTF8(s, "\uFFFD")
			}
			o.Set("expression", ex)
		}
		list = append(list, o)
	}
	oo := NewObject()
	oo.Set("resourceType", "OperationOutcome")
	oo.Set("issue", list)
	return oo
}
