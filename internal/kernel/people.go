package kernel

import (
	"slices"
	"strings"

	"veiviser/internal/fhir"
)

// NameOf is a person's or organisation's name as the UI shows it.
func NameOf(r *fhir.Resource) string {
	o := r.Object()
	if s, ok := o.String("name"); ok { // Organization
		return s
	}
	n := Objects(o, "name")
	if len(n) == 0 {
		return ""
	}
	if t, ok := n[0].String("text"); ok {
		return t
	}
	var parts []string
	if g, ok := n[0].Array("given"); ok {
		for _, x := range g {
			if s, ok := x.(string); ok {
				parts = append(parts, s)
			}
		}
	}
	if f, ok := n[0].String("family"); ok {
		parts = append(parts, f)
	}
	return strings.Join(parts, " ")
}

// guardianCodes are the v3 RoleCodes of a RelatedPerson's relationship that make them a
// guardian in the areas' workflows (who may consent and send an inquiry for a child).
var guardianCodes = []string{"GUARD", "PRN", "FTH", "MTH"}

// IsGuardian reports whether the RelatedPerson rp is a guardian of their Patient by its
// relationship.
func IsGuardian(rp *fhir.Resource) bool {
	for _, rel := range Objects(rp.Object(), "relationship") {
		for _, c := range Objects(rel, "coding") {
			code, _ := c.String("code")
			if slices.Contains(guardianCodes, code) {
				return true
			}
		}
	}
	return false
}
