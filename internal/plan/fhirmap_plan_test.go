package plan

import (
	"testing"
	"time"

	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
	"veiviser/internal/testutil/fixture"
)

func fullPlan() IndividualPlan {
	p := draftPlan()
	p.Status = PlanActive
	p.Title = "Ingrids plan"
	p.CoordinatorKind = coordinators.KindOrdinary
	p.Goals = append(p.Goals, Goal{ID: "g2", Text: "Gå  til postkassen hver dag", Parent: "g1", Status: GoalActive, Due: fixture.UTC("2026-06-01")})
	p.Resources = []Entry{{Text: "Sterk vilje, god nabo"}}
	p.Needs = []Entry{{Text: "Hjelp med medisiner"}, {Text: "Trening"}}
	p.Participants = []Participant{
		{Ref: patient, Name: "Ingrid Test", Role: kernel.RoleCitizen},
		{Ref: relative, Name: "Bror Test", Role: kernel.RoleRelative, Period: kernel.Period{Start: fixture.UTC("2026-03-02 00:00")}},
		{Ref: "Practitioner/fysio-test", Name: "Fysio Test", Role: kernel.RoleProvider, Organization: physio},
	}
	p.OwnContribution = "Jeg gjør øvelsene hver morgen."
	p.Contributions = []Contribution{{Participant: relative, Text: "Handler på lørdager"}}
	p.Measures[0].Goals = []string{"g1", "g2"}
	p.Measures[0].ProviderName = "Fysioterapitjenesten"
	p.Measures[0].ResponsiblePerson, p.Measures[0].ResponsibleName = "Practitioner/fysio-test", "Fysio Test"
	p.Measures[0].Period = kernel.Period{Start: fixture.UTC("2026-03-09 00:00"), End: fixture.UTC("2026-06-30 00:00")}
	p.Measures[0].Description = "Hjemmebesøk tirsdag og torsdag"
	p.Measures[0].Progress = []ProgressNote{{At: fixture.UTC("2026-03-20 11:00"), Author: "Practitioner/fysio-test", Text: "Går 200 meter."}}
	p.Measures[1].DecisionRef = "DocumentReference/vedtak-test"
	p.Coordination = "Koordinator kaller inn til ansvarsgruppemøte hver tredje måned."
	p.Period = kernel.Period{Start: fixture.UTC("2026-03-02 10:00"), End: fixture.UTC("2027-03-02 00:00")}
	p.EvaluationDates = []time.Time{fixture.UTC("2026-06-15 00:00"), fixture.UTC("2026-12-15 00:00")}
	p.ConsentID = "samtykke-1"
	p.Cooperation = []Cooperation{{Party: "NAV Test", Purpose: "arbeidsavklaring"}}
	p.Evaluations = []Evaluation{{Goal: "g1", At: fixture.UTC("2026-06-15 10:00"), By: coordinator, Status: Improving, Note: "Bedre"}}
	p.Comments = []Comment{{At: fixture.UTC("2026-03-21 18:00"), Author: patient, Text: "Takk for møtet!"}}
	p.GoalProposals = []GoalProposal{{ID: "f1", At: fixture.UTC("2026-03-22 00:00"), Author: patient, Text: "Jeg vil svømme"}}
	return p
}

func TestPlanToFHIRAndBack(t *testing.T) {
	p := fullPlan()
	res := PlanToFHIR(p)
	in := PlanResources{CarePlan: fixture.CheckFHIR(t, res.CarePlan), CareTeam: fixture.CheckFHIR(t, res.CareTeam)}
	for _, g := range res.Goals {
		in.Goals = append(in.Goals, fixture.CheckFHIR(t, g))
	}
	if got := kernel.PathString(in.Goals[1].Object(), "description", "text"); got != "Gå  til postkassen hver dag" {
		t.Errorf("the citizen's words changed: %q", got)
	}
	back, err := PlanFromFHIR(in)
	if err != nil {
		t.Fatal(err)
	}
	fixture.Same(t, "plan", p, back)
	if len(MissingElements(p)) != 0 {
		t.Errorf("the full plan misses elements %v", MissingElements(p))
	}
}

func draftPlan() IndividualPlan {
	return IndividualPlan{ID: "plan-1", Patient: patient, Status: PlanDraft, Coordinator: coordinator, CoordinatorName: "Kari Testkoordinator",
		Goals: []Goal{{ID: "g1", Text: "Jeg vil gå til butikken selv igjen.", Target: "500 meter uten hvile", Status: GoalActive}},
		Measures: []Measure{{ID: "m1", Title: "Gangtrening", Provider: physio, Scope: "2 ganger per uke", Status: MeasureInProgress},
			{ID: "m2", Title: "Hjelp med medisiner", Provider: homeNursing, Scope: "daglig", Status: MeasureInProgress}}}
}
