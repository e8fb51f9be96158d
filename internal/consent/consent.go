package consent

import (
	"slices"
	"time"

	"veiviser/internal/kernel"
)

// PlanPart is a part of the plan, for sharing (what a participant may see) and for editing.
type PlanPart string

// The parts of a plan.
const (
	PartGoalWords       PlanPart = "goal-words"       // the goals in the citizen's own words
	PartGoalTargets     PlanPart = "goal-targets"     // measurable targets and sub-goal structure
	PartResources       PlanPart = "resources"        // element 1
	PartNeeds           PlanPart = "needs"            // element 1
	PartParticipants    PlanPart = "participants"     // element 2
	PartCoordinator     PlanPart = "coordinator"      // element 3
	PartOwnContribution PlanPart = "own-contribution" // element 4, the citizen's part
	PartContributions   PlanPart = "contributions"    // element 4, the others' parts
	PartMeasures        PlanPart = "measures"         // element 5
	PartMeasureProgress PlanPart = "measure-progress" // reports on a measure
	PartCoordination    PlanPart = "coordination"     // element 6
	PartPeriod          PlanPart = "period"           // element 7: period and evaluation dates
	PartConsent         PlanPart = "consent"          // element 8
	PartCooperation     PlanPart = "cooperation"      // element 9
	PartEvaluations     PlanPart = "evaluations"
	PartMeetings        PlanPart = "meetings" // responsibility-group meetings, minutes and actions
	PartComments        PlanPart = "comments"
	PartGoalProposals   PlanPart = "goal-proposals"
)

// AllParts lists every part of a plan in reading order.
func AllParts() []PlanPart {
	return []PlanPart{PartGoalWords, PartGoalTargets, PartResources, PartNeeds, PartParticipants,
		PartCoordinator, PartOwnContribution, PartContributions, PartMeasures, PartMeasureProgress,
		PartCoordination, PartPeriod, PartConsent, PartCooperation, PartEvaluations, PartMeetings,
		PartComments, PartGoalProposals}
}

// ConsentStatus is the state of a consent.
type ConsentStatus string

// The consent statuses.
const (
	ConsentActive    ConsentStatus = "active"
	ConsentWithdrawn ConsentStatus = "withdrawn"
)

// Consent is the citizen's (or guardian's) consent to making the plan and to sharing it with
// named participants, each with what they may see, what they may write, and until when.
type Consent struct {
	ID      string
	Patient string // whom the consent is about
	GivenBy string // Patient/... (the citizen) or RelatedPerson/... (a guardian on their behalf)
	// ByGuardian: GivenBy is a guardian acting for the citizen.
	ByGuardian  bool
	GivenAt     time.Time
	RecordedBy  string // who recorded it, e.g. the coordinator
	MakePlan    bool   // consent to making the individual plan
	Grants      []Grant
	Status      ConsentStatus
	WithdrawnAt time.Time
	History     []ConsentEvent
}

// Grant is what one participant may see and write, and for how long.
type Grant struct {
	Participant string // the participant's reference
	Role        kernel.Role
	See         []PlanPart
	Write       []PlanPart // for relatives: what the citizen lets them write (e.g. comments)
	From        time.Time
	Until       time.Time // zero: as long as the consent stands
	RevokedAt   time.Time // zero: not revoked
}

// ConsentEvent is one change to a consent, kept as its history.
type ConsentEvent struct {
	At     time.Time
	By     string
	Action string // given, grant-added, grant-revoked, withdrawn
	Detail string
}

// activeAt reports whether the grant is in force at t.
func (g Grant) activeAt(t time.Time) bool {
	return !t.Before(g.From) && (g.Until.IsZero() || t.Before(g.Until)) && (g.RevokedAt.IsZero() || t.Before(g.RevokedAt))
}

// inForceAt reports whether the consent itself is in force at t: given, not withdrawn. A
// consent marked withdrawn without a time of withdrawal is not in force at any time.
func (c Consent) inForceAt(t time.Time) bool {
	if c.Status == ConsentWithdrawn && c.WithdrawnAt.IsZero() {
		return false
	}
	return !c.GivenAt.IsZero() && !t.Before(c.GivenAt) && (c.WithdrawnAt.IsZero() || t.Before(c.WithdrawnAt))
}

// NewConsent records a consent given now, with its first history event.
func NewConsent(c Consent) (Consent, error) {
	if c.Patient == "" || c.GivenBy == "" || c.GivenAt.IsZero() {
		return Consent{}, kernel.Violation("Samtykket må ha hvem det gjelder, hvem som gir det og når.", "A consent needs whom it is about, who gives it and when.")
	}
	if c.GivenBy != c.Patient && !c.ByGuardian {
		return Consent{}, kernel.Violation("Bare innbyggeren selv eller en verge/foresatt kan samtykke.", "Only the citizen or a guardian may consent.")
	}
	for _, g := range c.Grants {
		if g.Participant == "" || (!g.Until.IsZero() && !g.Until.After(g.From)) {
			return Consent{}, kernel.Violation("Hver deltaker må ha en gyldig periode.", "Each participant needs a valid period.")
		}
	}
	c.Status = ConsentActive
	c.History = append(slices.Clone(c.History), ConsentEvent{At: c.GivenAt, By: c.GivenBy, Action: "given"})
	return c, nil
}

// AddGrant returns c with one more participant grant, from at.
func AddGrant(c Consent, g Grant, by string, at time.Time) (Consent, error) {
	if !c.inForceAt(at) {
		return c, kernel.Violation("Samtykket er ikke gyldig.", "The consent is not in force.")
	}
	if g.From.IsZero() || g.From.Before(at) {
		g.From = at
	}
	c.Grants = append(slices.Clone(c.Grants), g)
	c.History = append(slices.Clone(c.History), ConsentEvent{At: at, By: by, Action: "grant-added", Detail: g.Participant})
	return c, nil
}

// RevokeGrant returns c with one participant's grants ended at at: they lose access at once.
func RevokeGrant(c Consent, participant, by string, at time.Time) Consent {
	c.Grants = slices.Clone(c.Grants)
	for i := range c.Grants {
		if c.Grants[i].Participant == participant && c.Grants[i].RevokedAt.IsZero() {
			c.Grants[i].RevokedAt = at
		}
	}
	c.History = append(slices.Clone(c.History), ConsentEvent{At: at, By: by, Action: "grant-revoked", Detail: participant})
	return c
}

// Withdraw returns c withdrawn at at. Withdrawal takes effect at once: nobody relies on it after at.
func Withdraw(c Consent, by string, at time.Time) Consent {
	c.Status = ConsentWithdrawn
	c.WithdrawnAt = at
	c.History = append(slices.Clone(c.History), ConsentEvent{At: at, By: by, Action: "withdrawn"})
	return c
}

// PlanConsent returns the consent to making the plan that is in force at t for patient, the most
// recently given one when there are several; an Unprocessable error when there is none.
func PlanConsent(consents []Consent, patient string, t time.Time) (Consent, error) {
	var best Consent
	found := false
	for _, c := range consents {
		if c.Patient == patient && c.MakePlan && c.inForceAt(t) && (!found || c.GivenAt.After(best.GivenAt)) {
			best, found = c, true
		}
	}
	if !found {
		return Consent{}, kernel.Violation("Det finnes ikke gyldig samtykke til å lage individuell plan.",
			"There is no valid consent to making the individual plan.")
	}
	return best, nil
}
