package consent

import (
	"context"
	"slices"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// IsPlanConsent: a Consent with a category in the unit's consent-category code system (a
// consent to the individual plan), whatever its status.
func IsPlanConsent(c *fhir.Resource) bool {
	return c != nil && c.Type() == "Consent" && kernel.HasCoding(c.Object(), "category", kernel.CSConsentCategory)
}

// Given: the Consent's status says it was given (active) or given and withdrawn (inactive); a
// draft, proposed, rejected or entered-in-error consent was never in force.
func Given(c *fhir.Resource) bool {
	s, _ := c.Object().String("status")
	return s == "active" || s == "inactive"
}

// Of are the consents to the individual plan among rs that were given (active, or withdrawn
// since), newest first; a Consent of another category, or one never in force, is not the plan's.
func Of(rs []*fhir.Resource) ([]Consent, error) {
	var out []Consent
	for _, r := range rs {
		if !IsPlanConsent(r) || !Given(r) {
			continue
		}
		c, err := ConsentFromFHIR(r)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Consent) int { return b.GivenAt.Compare(a.GivenAt) })
	return out, nil
}

// InTx reads the citizen's consents as a write rule sees them, once per transaction
// (records.Remember) until the transaction writes a Consent: saving one goal writes the Goal
// and the CarePlan, and both rules ask.
func InTx(ctx context.Context, rd store.Reader, patient string) ([]Consent, error) {
	return records.Remember(ctx, "consents|"+patient, []string{"Consent"}, func() ([]Consent, error) {
		rs, err := records.Find(ctx, rd, "Consent", "patient", patient)
		if err != nil {
			return nil, err
		}
		return Of(rs)
	})
}
