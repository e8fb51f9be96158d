package care

import (
	"strings"
	"time"
)

// Element is one of the nine elements of an individual plan (law.md §1.2).
type Element int

// ElementName is the element's name in bokmål and English.
func ElementName(e Element) Text {
	names := [...]Text{
		{"Mål, ressurser og behov", "Goals, resources and needs"},
		{"Hvem som deltar", "Who takes part"},
		{"Hvem som har ansvar for samordning og fremdrift", "Who coordinates and drives the plan"},
		{"Hva innbygger, tjenesteytere og pårørende bidrar med", "What the citizen, providers and relatives contribute"},
		{"Tiltak, omfang og ansvar", "Measures, scope and who is responsible"},
		{"Hvordan tiltakene gjennomføres", "How the measures are carried out"},
		{"Planperiode og tidspunkt for evaluering", "Plan period and evaluation dates"},
		{"Samtykke", "Consent"},
		{"Samarbeid med andre", "Cooperation with others"},
	}
	if e < 1 || int(e) > len(names) {
		return Text{}
	}
	return names[e-1]
}

// MissingElements lists the elements the plan does not hold yet, so the coordinator sees what is
// left before the plan is complete.
func MissingElements(p IndividualPlan) []Element {
	has := [...]bool{
		len(p.Goals) > 0 && (len(p.Needs) > 0 || len(p.Resources) > 0),
		len(p.Participants) > 0,
		p.Coordinator != "",
		strings.TrimSpace(p.OwnContribution) != "" || len(p.Contributions) > 0,
		len(p.Measures) > 0 && measuresComplete(p.Measures),
		strings.TrimSpace(p.Coordination) != "",
		!p.Period.Start.IsZero() && len(p.EvaluationDates) > 0,
		p.ConsentID != "",
		len(p.Cooperation) > 0,
	}
	var out []Element
	for i, ok := range has {
		if !ok {
			out = append(out, Element(i+1))
		}
	}
	return out
}

func measuresComplete(ms []Measure) bool {
	for _, m := range ms {
		if m.Provider == "" || strings.TrimSpace(m.Scope) == "" {
			return false
		}
	}
	return true
}

// Activate makes the plan active at t. No plan becomes active without a consent to making it in
// force at t, given for the plan's citizen; and a plan needs its coordinator (element 3). The
// returned plan records the consent it rests on.
func Activate(p IndividualPlan, consents []Consent, t time.Time) (IndividualPlan, error) {
	if p.Status != PlanDraft && p.Status != PlanOnHold {
		return p, violation("Bare en plan under arbeid eller på vent kan aktiveres.", "Only a draft or paused plan can be activated.")
	}
	c, err := PlanConsent(consents, p.Patient, t)
	if err != nil {
		return p, err
	}
	if p.Coordinator == "" {
		return p, violation("Planen må ha en koordinator før den tas i bruk.", "The plan needs a coordinator before it is used.")
	}
	p.Status = PlanActive
	p.ConsentID = c.ID
	if p.Period.Start.IsZero() {
		p.Period.Start = t
	}
	return p, nil
}

// AfterWithdrawal is the plan once the consent it rests on is withdrawn: an active plan is put on
// hold (work on it stops; it is kept, not deleted). The coordinator stays appointed.
func AfterWithdrawal(p IndividualPlan, consents []Consent, t time.Time) IndividualPlan {
	if p.Status == PlanActive {
		if _, err := PlanConsent(consents, p.Patient, t); err != nil {
			p.Status = PlanOnHold
		}
	}
	return p
}

// AcceptGoalProposal takes a citizen's proposal into the plan as a goal, word for word.
func AcceptGoalProposal(p IndividualPlan, proposalID, goalID string) (IndividualPlan, error) {
	for i, gp := range p.GoalProposals {
		if gp.ID == proposalID {
			p.Goals = append(p.Goals, Goal{ID: goalID, Text: gp.Text, Status: GoalActive, Proposed: gp.ID})
			p.GoalProposals = append(p.GoalProposals[:i:i], p.GoalProposals[i+1:]...)
			return p, nil
		}
	}
	return p, violation("Fant ikke målforslaget.", "The goal proposal was not found.")
}
