package care

import (
	"slices"
	"strings"
	"testing"

	"veiviser/internal/fhir"
)

// TestMaskPlanParts: with every part but one visible, the plan's records (CarePlan, Goals,
// CareTeam) lose exactly what that part holds, say so (meta.security REDACTED) and stay valid R4;
// with every part visible nothing changes.
func TestMaskPlanParts(t *testing.T) {
	fragments := map[PlanPart][]string{
		PartResources:       {"Sterk vilje"},
		PartNeeds:           {`"valueString":"Trening"`},
		PartOwnContribution: {"Jeg gjør øvelsene"},
		PartCoordination:    {"Koordinator kaller inn"},
		PartCooperation:     {"NAV Test"},
		PartPeriod:          {"2027-03-02", "2026-12-15"},
		PartCoordinator:     {"Kari Testkoordinator"},
		PartParticipants:    {"Bror Test"},
		PartContributions:   {"Handler på lørdager"},
		PartConsent:         {"samtykke-1"},
		PartMeasures:        {"Hjemmebesøk tirsdag", "Gangtrening"},
		PartMeasureProgress: {"Går 200 meter"},
		PartComments:        {"Takk for møtet"},
		PartGoalWords:       {"Jeg vil gå til butikken", "postkassen"},
		PartGoalTargets:     {"500 meter uten hvile", "2026-06-01"},
		PartEvaluations:     {"Bedre"},
		PartGoalProposals:   {"Jeg vil svømme"},
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
	mask := func(see func(PlanPart) bool) ([]*fhir.Resource, bool) {
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
			out = append(out, checkFHIR(t, c))
		}
		return out, any
	}
	all := text(records)
	if got, removed := mask(func(PlanPart) bool { return true }); removed || text(got) != all {
		t.Fatalf("with every part visible the records changed")
	}
	for part, frags := range fragments {
		t.Run(string(part), func(t *testing.T) {
			for _, f := range frags {
				if !strings.Contains(all, f) {
					t.Fatalf("the full plan lacks %q", f)
				}
			}
			got, _ := mask(func(p PlanPart) bool { return p != part })
			masked := text(got)
			for _, f := range frags {
				if strings.Contains(masked, f) {
					t.Errorf("hiding %s leaves %q", part, f)
				}
			}
			for other, ofs := range fragments {
				if other == part || (part == PartMeasures && other == PartMeasureProgress) ||
					(part == PartParticipants && other == PartContributions) {
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

// TestMaskIntakeAndMeetings: the inquiry's content, the assessment's outcome, a letter to the
// citizen and a meeting's minutes are withheld from a participant who did not write them, is not
// their owner or recipient, or is not granted the meetings; what they wrote or own comes whole.
func TestMaskIntakeAndMeetings(t *testing.T) {
	cp := CitizenPlans{Plans: map[string]bool{"plan-1": true}}
	inquiry := InquiryToFHIR(Inquiry{ID: "q1", Source: FromRelative, Subject: patient, Sender: relative, Status: InquiryReceived,
		Received: utc("2026-03-02"), Need: "Mor klarer seg ikke alene", CurrentServices: []string{"hjemmesykepleie"}})
	assessment := AssessmentToFHIR("a1", Assessment{InquiryID: "q1", Patient: patient, AssessedBy: coordinator, AssessedAt: utc("2026-03-05"),
		Facts: NeedFacts{LongTerm: true, Services: []string{"fysioterapi", "hjemmesykepleie"}}, Outcome: OutcomePlanAndCoordinator, Reasons: "Trenger koordinering"})
	letter := MessageToFHIR(Message{ID: "l1", Patient: patient, From: "Organization/ke", To: []string{patient}, Sent: utc("2026-03-05"),
		Text: "Du har rett til individuell plan"})
	meeting, _ := MeetingToFHIR(Meeting{ID: "m1", Plan: "CarePlan/plan-1", Patient: patient, Start: utc("2026-04-01 09:00"),
		End: utc("2026-04-01 10:00"), Status: MeetingHeld, Location: "Rådhuset", Minutes: "Vi ble enige om ...",
		Participants: []string{"Practitioner/fysio-test", coordinator}})
	none := func(PlanPart) bool { return false }
	for _, tc := range []struct {
		r       *fhir.Resource
		viewers []string
		secret  string
		masked  bool
	}{
		{inquiry, []string{"Practitioner/fysio-test"}, "Mor klarer seg ikke alene", true},
		{inquiry, []string{relative}, "Mor klarer seg ikke alene", false}, // the relative wrote it
		{assessment, []string{"Practitioner/fysio-test"}, "Trenger koordinering", true},
		{letter, []string{"Practitioner/fysio-test"}, "Du har rett til individuell plan", true},
		{letter, []string{patient}, "Du har rett til individuell plan", false},
		{meeting, []string{"Practitioner/fysio-test"}, "Vi ble enige om", true},
	} {
		c := tc.r.Clone()
		got := Mask(c, cp, tc.viewers, none)
		body := string(checkFHIR(t, c).Bytes())
		if got != tc.masked || strings.Contains(body, tc.secret) == tc.masked {
			t.Errorf("%s/%s for %v: masked %v, body %s", c.Type(), c.ID(), tc.viewers, got, body)
		}
	}
	if body := string(meeting.Bytes()); !strings.Contains(body, "Rådhuset") {
		t.Fatal("the meeting has no place to withhold")
	}
}
