package plan

import (
	"strings"
	"time"

	"veiviser/internal/consent"
	"veiviser/internal/kernel"
)

// Element is one of the nine elements of an individual plan (law.md §1.2).
type Element int

// ElementName is the element's name in bokmål and English.
func ElementName(e Element) kernel.Text {
	names := [...]kernel.Text{
		{NB: "Mål, ressurser og behov", EN: "Goals, resources and needs"},
		{NB: "Hvem som deltar", EN: "Who takes part"},
		{NB: "Hvem som har ansvar for samordning og fremdrift", EN: "Who coordinates and drives the plan"},
		{NB: "Hva innbygger, tjenesteytere og pårørende bidrar med", EN: "What the citizen, providers and relatives contribute"},
		{NB: "Tiltak, omfang og ansvar", EN: "Measures, scope and who is responsible"},
		{NB: "Hvordan tiltakene gjennomføres", EN: "How the measures are carried out"},
		{NB: "Planperiode og tidspunkt for evaluering", EN: "Plan period and evaluation dates"},
		{NB: "Samtykke", EN: "Consent"},
		{NB: "Samarbeid med andre", EN: "Cooperation with others"},
	}
	if e < 1 || int(e) > len(names) {
		return kernel.Text{}
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
func Activate(p IndividualPlan, consents []consent.Consent, t time.Time) (IndividualPlan, error) {
	if p.Status != PlanDraft && p.Status != PlanOnHold {
		return p, kernel.Violation("Bare en plan under arbeid eller på vent kan aktiveres.", "Only a draft or paused plan can be activated.")
	}
	c, err := consent.PlanConsent(consents, p.Patient, t)
	if err != nil {
		return p, err
	}
	if p.Coordinator == "" {
		return p, kernel.Violation("Planen må ha en koordinator før den tas i bruk.", "The plan needs a coordinator before it is used.")
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
func AfterWithdrawal(p IndividualPlan, consents []consent.Consent, t time.Time) IndividualPlan {
	if p.Status == PlanActive {
		if _, err := consent.PlanConsent(consents, p.Patient, t); err != nil {
			p.Status = PlanOnHold
		}
	}
	return p
}

// AcceptGoalProposal takes a citizen's proposal into the plan as a goal, word for word.
func AcceptGoalProposal(p IndividualPlan, proposalID, goalID, replaces string) (IndividualPlan, error) {
	for i, gp := range p.GoalProposals {
		if gp.ID != proposalID {
			continue
		}
		if replaces == "" {
			p.Goals = append(p.Goals, Goal{ID: goalID, Text: gp.Text, Status: GoalActive, Proposed: gp.ID})
		} else if !replaceWords(p.Goals, replaces, gp) {
			return p, kernel.Violation("Fant ikke målet forslaget skal erstatte ordene i.", "The goal whose words the proposal replaces was not found.")
		}
		p.GoalProposals = append(p.GoalProposals[:i:i], p.GoalProposals[i+1:]...)
		return p, nil
	}
	return p, kernel.Violation("Fant ikke målforslaget.", "The goal proposal was not found.")
}

// replaceWords gives goal id the proposal's words, word for word, and says where they came from.
func replaceWords(goals []Goal, id string, gp GoalProposal) bool {
	for i := range goals {
		if goals[i].ID == id {
			goals[i].Text, goals[i].WordsFrom = gp.Text, gp.ID
			return true
		}
	}
	return false
}
