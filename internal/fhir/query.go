package fhir

import (
	"net/url"

	"veiviser/internal/apperr"
)

// ParseQuery reads a query string as the client sent it: a URL's raw query, a form body, the
// query of a Bundle entry's url or an If-None-Exist header; what names it in the error. Go's
// URL.Query drops every pair it cannot read (a ';' separator, a bad %-escape, more than 10,000
// pairs) and keeps the rest, so a search would run with part of it ignored and match more than
// was asked for; here such a pair refuses the whole query with apperr.Invalid.
func ParseQuery(what, raw string) (url.Values, error) {
	params, err := url.ParseQuery(raw)
	if err != nil {
		return nil, apperr.WithIssues(apperr.Invalid, apperr.Issue{
			Diagnostics: what + " cannot be read: " + err.Error() +
				" (separate parameters with '&'; percent-encode ';', '%' and other reserved characters in values)",
		})
	}
	return params, nil
}
