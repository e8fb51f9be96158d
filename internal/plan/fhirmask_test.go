package plan

import (
	"slices"
	"strings"
	"testing"

	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/testutil/fixture"
)

// TestMaskPlanParts: with every part but one visible, the plan's records (CarePlan, Goals,
// CareTeam) lose exactly what that part holds, say so (meta.security REDACTED) and stay valid R4;
// with every part visible nothing changes.
func TestMaskPlanParts(t *testing.T) {
	fragments := map[consent.PlanPart][]string{
		consent.PartResources:       {"Sterk vilje"},
		consent.PartNeeds:           {`"valueString":"Trening"`},
		consent.PartOwnContribution: {"Jeg gjør øvelsene"},
		consent.PartCoordination:    {"Koordinator kaller inn"},
		consent.PartCooperation:     {"NAV Test"},
		consent.PartPeriod:          {"2027-03-02", "2026-12-15"},
		consent.PartCoordinator:     {"Kari Testkoordinator"},
		consent.PartParticipants:    {"Bror Test"},
		consent.PartContributions:   {"Handler på lørdager"},
		consent.PartConsent:         {"samtykke-1"},
		consent.PartMeasures:        {"Hjemmebesøk tirsdag", "Gangtrening"},
		consent.PartMeasureProgress: {"Går 200 meter"},
		consent.PartComments:        {"Takk for møtet"},
		consent.PartGoalWords:       {"Jeg vil gå til butikken", "postkassen"},
		consent.PartGoalTargets:     {"500 meter uten hvile", "2026-06-01"},
		consent.PartEvaluations:     {"Bedre"},
		consent.PartGoalProposals:   {"Jeg vil svømme"},
	}
	plan := PlanToFHIR(fullPlan())
	records := append([]*fhir.Resource{plan.CarePlan, plan.CareTeam}, plan.Goals...)
	cp := PlansOf([]*fhir.Resource{plan.CarePlan})
	text := func(rs []*fhir.Resource) string {
		var b strings.Builder
		for _, r := range rs {
			b.Write(r.Bytes())
		}
		return b.String()
	}
	mask := func(see func(consent.PlanPart) bool) ([]*fhir.Resource, bool) {
		var out []*fhir.Resource
		any := false
		for _, r := range records {
			c := r.Clone()
			if Mask(c, cp, []string{"Practitioner/fysio-test"}, see) {
				any = true
				if !strings.Contains(string(c.Bytes()), `"code":"REDACTED"`) {
					t.Errorf("masked %s/%s is not marked REDACTED", c.Type(), c.ID())
				}
			}
			out = append(out, fixture.CheckFHIR(t, c))
		}
		return out, any
	}
	all := text(records)
	if got, removed := mask(func(consent.PlanPart) bool { return true }); removed || text(got) != all {
		t.Fatalf("with every part visible the records changed")
	}
	for part, frags := range fragments {
		t.Run(string(part), func(t *testing.T) {
			for _, f := range frags {
				if !strings.Contains(all, f) {
					t.Fatalf("the full plan lacks %q", f)
				}
			}
			got, _ := mask(func(p consent.PlanPart) bool { return p != part })
			masked := text(got)
			for _, f := range frags {
				if strings.Contains(masked, f) {
					t.Errorf("hiding %s leaves %q", part, f)
				}
			}
			for other, ofs := range fragments {
				if other == part || (part == consent.PartMeasures && other == consent.PartMeasureProgress) ||
					(part == consent.PartParticipants && other == consent.PartContributions) {
					continue // progress is a measure's, a contribution a participant's
				}
				for _, f := range ofs {
					if !strings.Contains(masked, f) && !slices.Contains(frags, f) {
						t.Errorf("hiding %s also removes %q (%s)", part, f, other)
					}
				}
			}
		})
	}
}
