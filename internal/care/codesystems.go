package care

// Veiviser's own code systems and extensions. They are URLs we own; nothing needs to resolve them,
// but each is documented here, and a code system's codes are the Go constants named beside it.
const (
	CodeSystemBase = "https://veiviser.no/fhir/CodeSystem/"
	ExtensionBase  = "https://veiviser.no/fhir/StructureDefinition/"

	// SystemInquiryReference is the identifier system of inquiry reference numbers (KE-2026-00042).
	SystemInquiryReference = "https://veiviser.no/fhir/sid/inquiry-reference"

	CSInquirySource     = CodeSystemBase + "inquiry-source"     // InquirySource: citizen, guardian, relative, provider
	CSInquiryKind       = CodeSystemBase + "inquiry-kind"       // ip-coordinator (henvendelse), need-report (melding om mulig behov)
	CSTaskKind          = CodeSystemBase + "task-kind"          // assessment, meeting-action
	CSAssessmentOutcome = CodeSystemBase + "assessment-outcome" // Outcome
	CSAssessmentItem    = CodeSystemBase + "assessment-item"    // the Task.output types of an assessment (assessment* constants)
	CSPlanCategory      = CodeSystemBase + "care-plan-category" // individual-plan
	CSParticipantRole   = CodeSystemBase + "participant-role"   // Role: citizen, guardian, relative, provider, coordinator
	CSCoordinatorKind   = CodeSystemBase + "coordinator-kind"   // CoordinatorKind: ordinary, cancer, child, pathway
	CSPlanPart          = CodeSystemBase + "plan-part"          // PlanPart
	CSConsentCategory   = CodeSystemBase + "consent-category"   // individual-plan
	CSConsentPolicy     = CodeSystemBase + "consent-policy"     // individual-plan
	CSConsentPurpose    = CodeSystemBase + "consent-purpose"    // make-plan
	CSMeetingKind       = CodeSystemBase + "meeting-kind"       // responsibility-group

	// HL7 code systems used as they are.
	csConsentScope  = "http://terminology.hl7.org/CodeSystem/consentscope"
	csConsentAction = "http://terminology.hl7.org/CodeSystem/consentaction"
	csActCode       = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	csAchievement   = "http://terminology.hl7.org/CodeSystem/goal-achievement"
)

// Extensions (ExtensionBase + name) and where they sit:
//
//	current-service       ServiceRequest   valueString, repeats: services the citizen already has
//	proposed-coordinator  ServiceRequest, EpisodeOfCare  valueString: the citizen's proposal
//	citizen-consent       ServiceRequest   valueDateTime: when the citizen agreed to a relative's inquiry
//	plan-resource         CarePlan         valueString, repeats: the citizen's resources (element 1)
//	plan-need             CarePlan         valueString, repeats: needs (element 1)
//	own-contribution      CarePlan         valueString: the citizen's own contribution (element 4)
//	coordination          CarePlan         valueString: how the services are coordinated (element 6)
//	evaluation-date       CarePlan         valueDateTime, repeats (element 7)
//	cooperation           CarePlan         complex: party, purpose (element 9)
//	coordinator-kind      CarePlan         valueCode: the coordinator's kind
//	measure-scope         CarePlan.activity.detail  valueString: scope, e.g. "2 timer per uke"
//	decision              CarePlan.activity.detail  valueReference: the decision behind a measure
//	contribution          CareTeam.participant      valueString: what the participant contributes (element 4)
//	parent-goal           Goal             valueReference: the main goal of a sub-goal
//	goal-evaluation       Goal             complex: date, status, author, note
//	grant-revoked         Consent.provision.provision  valueDateTime: when the citizen revoked the grant
//	recorded-by           Consent          valueReference: who recorded the consent
//	meeting-minutes       Encounter        valueString
//	meeting-place         Encounter, Appointment  valueString
//	meeting-participant   Encounter, Appointment  valueReference: participants the element cannot hold (Patient, Organization)
//	plan                  Encounter, Appointment  valueReference: the CarePlan the meeting is about
//	appointed-by          EpisodeOfCare    valueReference
//	appointment-reasons   EpisodeOfCare    valueString: why the citizen's proposal was not followed
//	course-provider       Practitioner.qualification  valueString
const (
	extCurrentService     = "current-service"
	extProposedCoord      = "proposed-coordinator"
	extCitizenConsent     = "citizen-consent"
	extPlanResource       = "plan-resource"
	extPlanNeed           = "plan-need"
	extOwnContribution    = "own-contribution"
	extCoordination       = "coordination"
	extEvaluationDate     = "evaluation-date"
	extCooperation        = "cooperation"
	extCoordinatorKind    = "coordinator-kind"
	extMeasureScope       = "measure-scope"
	extDecision           = "decision"
	extContribution       = "contribution"
	extParentGoal         = "parent-goal"
	extGoalEvaluation     = "goal-evaluation"
	extGrantRevoked       = "grant-revoked"
	extRecordedBy         = "recorded-by"
	extMeetingMinutes     = "meeting-minutes"
	extMeetingPlace       = "meeting-place"
	extMeetingParticipant = "meeting-participant"
	extPlan               = "plan"
	extAppointedBy        = "appointed-by"
	extAppointmentReasons = "appointment-reasons"
	extCourseProvider     = "course-provider"
)
