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
func (s *Service) checkReferences(ctx context.Context, tx store.Tx, r *fhir.Resource) error {
	refs := fhir.References(r)
	msgs := make([]string, len(refs))
	var keys []store.Key
	for i, ref := range refs {
		msgs[i] = staticCheck(ref)
		if msgs[i] == "" && ref.Type != "" && ref.ID != "" {
			keys = append(keys, store.Key{Type: ref.Type, ID: ref.ID})
		}
	}
	// one query for every reference that names a resource (the writer waits for it)
	states, err := tx.States(ctx, keys)
	if err != nil {
		return err
	}
	var issues []apperr.Issue
	for i, ref := range refs {
		msg := msgs[i]
		if msg == "" && ref.Type != "" && ref.ID != "" {
			deleted, found := states[store.Key{Type: ref.Type, ID: ref.ID}]
			switch {
			case !found:
				msg = fmt.Sprintf("the reference %q at %s points to nothing", ref.Reference, ref.Path)
			case deleted:
				msg = fmt.Sprintf("the reference %q at %s points to a deleted resource", ref.Reference, ref.Path)
			}
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

// staticCheck returns what is wrong with one reference that the store need not be asked about,
// "" when nothing is (or when only the store can tell).
func staticCheck(ref fhir.Ref) string {
	if ref.Type == "" || ref.ID == "" {
		// fhir.ParseReference leaves these empty for contained and absolute references, and for
		// anything that names no resource we hold (urn:uuid, a type we do not keep, garbage).
		if strings.HasPrefix(ref.Reference, "#") || strings.HasPrefix(ref.Reference, "http://") ||
			strings.HasPrefix(ref.Reference, "https://") {
			return ""
		}
		return fmt.Sprintf("the reference %q at %s does not resolve to a resource this server holds", ref.Reference, ref.Path)
	}
	if len(ref.Allowed) > 0 && !slices.Contains(ref.Allowed, ref.Type) && !slices.Contains(ref.Allowed, "Resource") {
		return fmt.Sprintf("%s may refer to %s, not to %s", ref.Path, strings.Join(ref.Allowed, ", "), ref.Type)
	}
	return ""
}
