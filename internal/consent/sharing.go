package consent

import (
	"slices"
	"time"
)

// Access is what one participant may do with the plan at a given moment.
type Access struct {
	See   []PlanPart
	Write []PlanPart
	Until time.Time // when the earliest grant behind it ends; zero when open
}

// Sharing is who may see and write which parts of the plan at one moment, as consent allows.
type Sharing struct {
	At          time.Time
	PlanConsent bool     // a consent to making the plan is in force
	Guardians   []string // who consented as the citizen's guardian, by a consent in force
	Access      map[string]Access
}

// SharingAt works out, from the consents and the time, which participants may see which parts
// of patient's plan now. Only grants of a consent in force count: a withdrawn consent shares
// nothing from the moment of withdrawal, and a revoked or expired grant shares nothing after its
// end. The citizen and the coordinator are not in the map; their access does not rest on a grant.
func SharingAt(consents []Consent, patient string, t time.Time) Sharing {
	s := Sharing{At: t, Access: map[string]Access{}}
	for _, c := range consents {
		if c.Patient != patient || !c.inForceAt(t) {
			continue
		}
		s.PlanConsent = s.PlanConsent || c.MakePlan
		if c.ByGuardian && !slices.Contains(s.Guardians, c.GivenBy) {
			s.Guardians = append(s.Guardians, c.GivenBy)
		}
		for _, g := range c.Grants {
			if g.activeAt(t) {
				s.Access[g.Participant] = merge(s.Access[g.Participant], g)
			}
		}
	}
	return s
}

func merge(a Access, g Grant) Access {
	for _, p := range g.See {
		if !slices.Contains(a.See, p) {
			a.See = append(a.See, p)
		}
	}
	for _, p := range g.Write {
		if !slices.Contains(a.Write, p) {
			a.Write = append(a.Write, p)
		}
	}
	if !g.Until.IsZero() && (a.Until.IsZero() || g.Until.Before(a.Until)) {
		a.Until = g.Until
	}
	return a
}

// MaySee reports whether participant may see part now.
func (s Sharing) MaySee(participant string, part PlanPart) bool {
	return slices.Contains(s.Access[participant].See, part)
}

// MayOpen reports whether participant may open the plan at all now.
func (s Sharing) MayOpen(participant string) bool {
	return len(s.Access[participant].See) > 0
}

// IsGuardian reports whether ref gave a consent in force as the citizen's guardian.
func (s Sharing) IsGuardian(ref string) bool {
	return slices.Contains(s.Guardians, ref)
}
