package intake

import (
	"strings"
	"time"

	"veiviser/internal/coordinators"
	"veiviser/internal/kernel"
)

// Outcome is the result of an assessment.
type Outcome string

// The outcomes.
const (
	OutcomePlanAndCoordinator Outcome = "plan-and-coordinator" // individual plan and coordinator
	OutcomeCoordinatorOnly    Outcome = "coordinator-only"     // a coordinator, no plan (e.g. the plan is declined)
	OutcomeNoNeed             Outcome = "no-need"              // no need for long-term coordinated services, with reasons
	OutcomeReferred           Outcome = "referred"             // sent to another body
)

// Assessment is the unit's assessment of an inquiry.
type Assessment struct {
	InquiryID  string
	Patient    string // Patient/...
	AssessedBy string // Practitioner/... (the unit lead)
	AssessedAt time.Time
	Facts      NeedFacts
	// PlanDeclined: the citizen (or guardian) does not want an individual plan.
	PlanDeclined bool
	Outcome      Outcome
	Reasons      string // why, in plain words; required unless the outcome follows from the facts
	ReferredTo   string // the body it was sent to, for OutcomeReferred
	// CoordinatorKind is the kind of coordinator to appoint (ordinary, cancer, child, pathway).
	CoordinatorKind coordinators.CoordinatorKind
}

// SuggestedOutcome is what the facts lead to: a plan and a coordinator; a coordinator only when
// the plan is declined or only the coordinator right is met; otherwise no need.
func SuggestedOutcome(f NeedFacts, planDeclined bool) Outcome {
	r := Entitlement(f)
	switch {
	case r.Plan && !planDeclined:
		return OutcomePlanAndCoordinator
	case r.Coordinator:
		return OutcomeCoordinatorOnly // a citizen who declines a plan is still offered a coordinator
	default:
		return OutcomeNoNeed
	}
}

// ValidateAssessment checks that the outcome fits the facts and carries what it must.
func ValidateAssessment(a Assessment) error {
	r := Entitlement(a.Facts)
	hasReasons := strings.TrimSpace(a.Reasons) != ""
	switch a.Outcome {
	case OutcomePlanAndCoordinator:
		if !r.Plan {
			return kernel.Violation("Individuell plan krever et langvarig behov og minst to helse- og omsorgstjenester som må ses i sammenheng.",
				"An individual plan needs a long-term need and at least two health and care services seen together.")
		}
		if a.PlanDeclined {
			return kernel.Violation("Innbyggeren har takket nei til plan; velg koordinator uten plan.",
				"The citizen declined a plan; choose coordinator only.")
		}
	case OutcomeCoordinatorOnly:
		if !r.Coordinator && !hasReasons {
			return kernel.Violation("Koordinator uten at vilkårene er oppfylt må begrunnes.",
				"A coordinator where the conditions are not met needs reasons.")
		}
		if r.Plan && !a.PlanDeclined && !hasReasons {
			return kernel.Violation("Innbyggeren har rett til individuell plan; begrunn hvorfor det bare blir koordinator.",
				"The citizen has a right to an individual plan; give reasons for a coordinator only.")
		}
	case OutcomeNoNeed:
		if r.Coordinator {
			return kernel.Violation("Vilkårene for koordinator er oppfylt; utfallet kan ikke være «ikke behov».",
				"The conditions for a coordinator are met; the outcome cannot be no need.")
		}
		if !hasReasons {
			return kernel.Violation("Avslag må begrunnes.", "A finding of no need must give reasons.")
		}
	case OutcomeReferred:
		if strings.TrimSpace(a.ReferredTo) == "" || !hasReasons {
			return kernel.Violation("Oppgi hvem henvendelsen er sendt til, og hvorfor.", "Name the body the inquiry was sent to, and why.")
		}
	default:
		return kernel.Violation("Velg et utfall av vurderingen.", "Choose an outcome of the assessment.")
	}
	if a.AssessedBy == "" || a.AssessedAt.IsZero() {
		return kernel.Violation("Vurderingen må ha dato og saksbehandler.", "The assessment needs a date and an assessor.")
	}
	return nil
}

// Step is a next step the workflow offers after an assessment.
type Step string

// The steps.
const (
	StepAppointCoordinator Step = "appoint-coordinator"
	StepRecordConsent      Step = "record-consent" // consent to making the plan
	StepStartPlan          Step = "start-plan"
	StepSendLetter         Step = "send-letter"
	StepForward            Step = "forward" // send the inquiry to the other body
)

// NextSteps is what the workflow offers after an assessment. Coordinator-only still offers the
// appointment: a citizen who declines a plan keeps the right to a coordinator.
func NextSteps(a Assessment) []Step {
	switch a.Outcome {
	case OutcomePlanAndCoordinator:
		return []Step{StepAppointCoordinator, StepRecordConsent, StepStartPlan, StepSendLetter}
	case OutcomeCoordinatorOnly:
		return []Step{StepAppointCoordinator, StepSendLetter}
	case OutcomeReferred:
		return []Step{StepForward, StepSendLetter}
	default:
		return []Step{StepSendLetter}
	}
}
