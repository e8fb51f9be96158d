package workflow

import (
	"context"

	"veiviser/internal/access"
	"veiviser/internal/i18n"
	"veiviser/internal/kernel"
)

// How a person acts for a citizen when they send something about them (an inquiry, an
// application): each area names its own sources with these codes.
const (
	ActsAsCitizen  = "citizen"  // for themself
	ActsAsGuardian = "guardian" // a parent or guardian for a child
	ActsAsRelative = "relative" // a relative on the citizen's behalf
	ActsAsProvider = "provider" // staff in their own name
)

// ActingFor is how p acts for subject (Patient/...) and in whose name (the Patient, their
// RelatedPerson, or their Practitioner): "" when p has no link to subject and holds none of
// staff. A staff member sending about a citizen that does not exist gets the lookup's error.
func (b *Base) ActingFor(ctx context.Context, p *access.Principal, subject string, staff ...access.Role) (kind, sender string, err error) {
	if p.Has(access.Citizen) && kernel.Ref("Patient", p.PatientID) == subject {
		return ActsAsCitizen, subject, nil
	}
	for _, rp := range p.RelatedPersonIDs {
		r, _, err := b.Get(ctx, "RelatedPerson", rp)
		if err != nil || kernel.PathString(r.Object(), "patient", "reference") != subject {
			continue
		}
		if p.Has(access.Citizen) && kernel.IsGuardian(r) {
			return ActsAsGuardian, kernel.Ref("RelatedPerson", rp), nil
		}
		if p.Has(access.Relative) || p.Has(access.Citizen) {
			return ActsAsRelative, kernel.Ref("RelatedPerson", rp), nil
		}
	}
	for _, role := range staff {
		if p.PractitionerID != "" && p.Has(role) {
			if _, _, err := b.Get(ctx, "Patient", kernel.IDOf(subject)); err != nil {
				return "", "", err
			}
			return ActsAsProvider, kernel.Ref("Practitioner", p.PractitionerID), nil
		}
	}
	return "", "", nil
}

// LetterLanguage is the language a letter to patient is written in: the one the citizen chose,
// else the one their record prefers (Patient.communication), else the default, else bokmål.
func (b *Base) LetterLanguage(ctx context.Context, patient string, chosen, fallback i18n.Lang) i18n.Lang {
	if chosen != "" {
		return chosen
	}
	if l, ok := i18n.Parse(b.LanguageOf(ctx, patient)); ok {
		return l
	}
	if fallback != "" {
		return fallback
	}
	return i18n.Bokmal
}
