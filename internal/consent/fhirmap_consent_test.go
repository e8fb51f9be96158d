package consent

import (
	"slices"
	"testing"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/testutil/fixture"
)

func TestConsentToFHIRAndBack(t *testing.T) {
	c := givenConsent(t)
	c, err := AddGrant(c, Grant{Participant: physio, Role: kernel.RoleProvider, See: []PlanPart{PartMeasures}}, coordinator, fixture.UTC("2026-03-05 08:00"))
	if err != nil {
		t.Fatal(err)
	}
	c = RevokeGrant(c, relative, patient, fixture.UTC("2026-04-01 08:00"))
	for _, tt := range []struct {
		name string
		c    Consent
	}{{"active", c}, {"withdrawn", Withdraw(c, patient, fixture.UTC("2026-05-01 08:00"))}} {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture.CheckFHIR(t, ConsentToFHIR(tt.c))
			var actors []string
			for _, e := range fhir.Index(r) {
				if e.Param == "actor" {
					actors = append(actors, e.RefType+"/"+e.RefID)
				}
			}
			if !slices.Equal(actors, []string{homeNursing, physio}) { // the brother's grant is revoked
				t.Errorf("the actor search parameter finds %v", actors)
			}
			back, err := ConsentFromFHIR(r)
			if err != nil {
				t.Fatal(err)
			}
			want := tt.c
			want.History = nil // the history is the resource's version history
			fixture.Same(t, "consent", normalizeTimes(want), normalizeTimes(back))
			// the rule gives the same answer on the mapped consent
			for _, when := range []string{"2026-03-10 12:00", "2026-04-02 12:00", "2026-05-02 12:00"} {
				a := SharingAt([]Consent{tt.c}, patient, fixture.At(when))
				b := SharingAt([]Consent{back}, patient, fixture.At(when))
				fixture.Same(t, "sharing at "+when, a.Access, b.Access)
			}
		})
	}
}

// normalizeTimes puts a consent's times in UTC so a round trip through JSON compares equal.
func normalizeTimes(c Consent) Consent {
	u := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		return t.UTC()
	}
	c.GivenAt, c.WithdrawnAt = u(c.GivenAt), u(c.WithdrawnAt)
	c.Grants = slices.Clone(c.Grants)
	for i := range c.Grants {
		g := &c.Grants[i]
		g.From, g.Until, g.RevokedAt = u(g.From), u(g.Until), u(g.RevokedAt)
	}
	return c
}
