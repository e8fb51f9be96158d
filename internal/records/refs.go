package records

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// checkReferences refuses (Unprocessable, one issue per bad reference) a resource whose references
// point to nothing, to a deleted resource, to a type we do not hold, or to a type the element does
// not allow. Contained ("#x") references stay inside the resource. Absolute http(s) URLs are not
// checked: fhir.ParseReference treats them as possibly another server's, and this layer does not
// know its own base URL. An unresolved urn:uuid, or a Type/id of a type we do not hold, is a
// reference to nothing.
func (s *Service) checkReferences(ctx context.Context, rd store.Reader, r *fhir.Resource) error {
	var issues []apperr.Issue
	for _, ref := range fhir.References(r) {
		msg, err := checkReference(ctx, rd, ref)
		if err != nil {
			return err
		}
		if msg != "" {
			issues = append(issues, apperr.Issue{Diagnostics: msg, Expression: []string{ref.Path}})
		}
	}
	if len(issues) > 0 {
		return apperr.WithIssues(apperr.Unprocessable, issues...)
	}
	return nil
}

// checkReference returns what is wrong with one reference, "" when nothing is.
func checkReference(ctx context.Context, rd store.Reader, ref fhir.Ref) (string, error) {
	if ref.Type == "" || ref.ID == "" {
		// fhir.ParseReference leaves these empty for contained and absolute references, and for
		// anything that names no resource we hold (urn:uuid, a type we do not keep, garbage).
		if strings.HasPrefix(ref.Reference, "#") || strings.HasPrefix(ref.Reference, "http://") ||
			strings.HasPrefix(ref.Reference, "https://") {
			return "", nil
		}
		return fmt.Sprintf("the reference %q at %s does not resolve to a resource this server holds", ref.Reference, ref.Path), nil
	}
	if len(ref.Allowed) > 0 && !slices.Contains(ref.Allowed, ref.Type) && !slices.Contains(ref.Allowed, "Resource") {
		return fmt.Sprintf("%s may refer to %s, not to %s", ref.Path, strings.Join(ref.Allowed, ", "), ref.Type), nil
	}
	rec, err := rd.Get(ctx, ref.Type, ref.ID)
	if apperr.Is(err, apperr.NotFound) {
		return fmt.Sprintf("the reference %q at %s points to nothing", ref.Reference, ref.Path), nil
	}
	if err != nil {
		return "", err
	}
	if rec.Deleted {
		return fmt.Sprintf("the reference %q at %s points to a deleted resource", ref.Reference, ref.Path), nil
	}
	return "", nil
}
