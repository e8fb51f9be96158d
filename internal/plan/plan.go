package plan

import (
	"time"

	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
)

// PlanStatus is where a plan is in its life.
type PlanStatus string

// The statuses of an individual plan.
const (
	PlanDraft     PlanStatus = "draft"     // being prepared; not shared until active
	PlanActive    PlanStatus = "active"    // in use (needs a valid consent to making it)
	PlanOnHold    PlanStatus = "on-hold"   // paused, e.g. after consent was withdrawn
	PlanCompleted PlanStatus = "completed" // closed; kept as it was
)

// IndividualPlan holds the nine elements of the regulation (law.md §1.2), numbered below.
type IndividualPlan struct {
	ID      string
	Patient string // Patient/...
	Title   string
	Status  PlanStatus
	Version int // bumped on every change (see Versions)

	// 1. The citizen's goals, resources and needs.
	Goals     []Goal
	Resources []Entry
	Needs     []Entry
	// 2. Who takes part in the work on the plan.
	Participants []Participant
	// 3. Who is responsible for coordination and progress: the coordinator.
	Coordinator     string // Practitioner/...
	CoordinatorName string
	CoordinatorKind coordinators.CoordinatorKind
	// 4. What the citizen, providers and relatives will contribute.
	OwnContribution string // in the citizen's own words
	Contributions   []Contribution
	// 5. The measures, their scope and who is responsible.
	Measures []Measure
	// 6. How the measures are carried out and the services coordinated.
	Coordination string
	// 7. The plan period and the times for evaluation and revision.
	Period          kernel.Period
	EvaluationDates []time.Time
	// 8. Consent to making the plan and to sharing: the Consent it rests on.
	ConsentID string
	// 9. Necessary or wanted cooperation with other providers, institutions or agencies.
	Cooperation []Cooperation

	Evaluations   []Evaluation
	Comments      []Comment
	GoalProposals []GoalProposal
}

// Goal is one of the citizen's goals. Text is the citizen's own words, kept verbatim.
type Goal struct {
	ID       string
	Text     string    // the citizen's own words; only the citizen writes them
	Target   string    // optional measurable target, e.g. "gå 500 meter uten hvile"
	Due      time.Time // optional
	Parent   string    // the goal this is a sub-goal of; "" for a main goal
	Status   GoalStatus
	Proposed string // the proposal it came from, if any
	// WordsFrom is the citizen's proposal whose words replaced the goal's own, when the
	// coordinator took a proposal in that way (the proposal's goal id).
	WordsFrom string
}

// GoalStatus follows FHIR's Goal.lifecycleStatus.
type GoalStatus string

// The goal statuses.
const (
	GoalActive    GoalStatus = "active"
	GoalCompleted GoalStatus = "completed"
	GoalCancelled GoalStatus = "cancelled"
)

// Entry is a resource or a need, with who wrote it.
type Entry struct {
	Text   string
	Author string // a reference
}

// Participant is someone taking part in the work on the plan.
type Participant struct {
	Ref          string // Patient/..., RelatedPerson/..., Practitioner/..., PractitionerRole/... or Organization/...
	Name         string
	Role         kernel.Role
	Organization string // Organization/... a provider acts for
	Period       kernel.Period
}

// Contribution is what a provider or relative will contribute (element 4).
type Contribution struct {
	Participant string
	Text        string
}

// Measure is a service or action in the plan. It is not a decision: services still need an
// application and a decision, so DecisionRef may link one.
type Measure struct {
	ID                string
	Title             string
	Description       string   // how it is carried out (element 6)
	Goals             []string // goal ids it serves
	Provider          string   // Organization/... responsible
	ProviderName      string
	ResponsiblePerson string // Practitioner/... or PractitionerRole/...
	ResponsibleName   string
	Scope             string // e.g. "2 timer per uke"
	Period            kernel.Period
	Status            MeasureStatus
	DecisionRef       string
	Progress          []ProgressNote
}

// MeasureStatus follows FHIR's CarePlan.activity.detail.status.
type MeasureStatus string

// The measure statuses.
const (
	MeasureNotStarted MeasureStatus = "not-started"
	MeasureInProgress MeasureStatus = "in-progress"
	MeasureCompleted  MeasureStatus = "completed"
	MeasureStopped    MeasureStatus = "stopped"
)

// Note is a text its author wrote at a time: a provider's report on its measure, a remark on
// the plan.
type Note struct {
	At     time.Time
	Author string
	Text   string
}

// ProgressNote is a provider's report on its measure.
type ProgressNote = Note

// Cooperation is a partner the plan needs (element 9).
type Cooperation struct {
	Party   string // a name, or an Organization reference
	Purpose string
}

// Evaluation is the review of one goal at an evaluation date.
type Evaluation struct {
	Goal   string
	At     time.Time
	By     string
	Status Achievement
	Note   string
}

// Achievement follows FHIR's Goal.achievementStatus codes.
type Achievement string

// The achievement codes used.
const (
	InProgress    Achievement = "in-progress"
	Improving     Achievement = "improving"
	Worsening     Achievement = "worsening"
	NoChange      Achievement = "no-change"
	Achieved      Achievement = "achieved"
	NotAchieved   Achievement = "not-achieved"
	NoProgress    Achievement = "no-progress"
	NotAttainable Achievement = "not-attainable"
)

// Comment is a remark on the plan, by the citizen or a participant allowed to comment.
type Comment = Note

// GoalProposal is a goal the citizen proposes; the coordinator takes it into the plan verbatim.
type GoalProposal struct {
	ID     string
	At     time.Time
	Author string
	Text   string
}
