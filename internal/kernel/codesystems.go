package kernel

// Veiviser's own code systems and extensions. They are URLs we own; nothing needs to resolve them,
// but each is documented here, and a code system's codes are the Go constants named beside it.
const (
	CodeSystemBase = "https://veiviser.no/fhir/CodeSystem/"
	ExtensionBase  = "https://veiviser.no/fhir/StructureDefinition/"

	// SystemInquiryReference is the identifier system of inquiry reference numbers (KE-2026-00042).
	SystemInquiryReference = "https://veiviser.no/fhir/sid/inquiry-reference"
	// SystemApplicationReference is the identifier system of application reference numbers
	// (TK-2026-00042), shared by the ServiceRequests of one application as their requisition.
	SystemApplicationReference = "https://veiviser.no/fhir/sid/application-reference"

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
	CSServiceKind       = CodeSystemBase + "service-kind"       // the allocation office's catalogue: home-help, safety-alarm, ...
	CSApplicationSource = CodeSystemBase + "application-source" // allocation.Source: citizen, guardian, relative, provider, paper
	CSDocumentKind      = CodeSystemBase + "document-kind"      // application-attachment
	CSDecisionOutcome   = CodeSystemBase + "decision-outcome"   // allocation.Outcome: granted, partly-granted, refused
	CSScopeUnit         = CodeSystemBase + "scope-unit"         // allocation.ScopeUnit: hours-per-week, ...
	CSAppealStatus      = CodeSystemBase + "appeal-status"      // allocation.AppealStatus: Task.businessStatus of an appeal
	CSIplosVariable     = CodeSystemBase + "iplos-variable"     // the functional assessment's variables (allocation/catalogue/functions.json)

	// HL7 code systems used as they are.
	CSConsentScope  = "http://terminology.hl7.org/CodeSystem/consentscope"
	CSConsentAction = "http://terminology.hl7.org/CodeSystem/consentaction"
	CSActCode       = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
	CSAchievement   = "http://terminology.hl7.org/CodeSystem/goal-achievement"
)

// The waiting list for long-term stays (allocation/waitinglist*.go).
const (
	CSWaitingListStatus = CodeSystemBase + "waiting-list-status" // allocation.WaitStatus: Task.businessStatus of a place on the waiting list
	CSLongTermPlacement = CodeSystemBase + "long-term-placement" // allocation.Placement: only-safe-option, safe-at-home
	CSLongTermCriteria  = CodeSystemBase + "long-term-criteria"  // the municipality's criteria (allocation/catalogue/long-term-stay-criteria.json): ServiceRequest.reasonCode
)

// Extensions (ExtensionBase + name) and where they sit:
//
//	current-service       ServiceRequest   valueString, repeats: services the citizen already has
//	current-help          ServiceRequest   valueString: an application's help the citizen has today
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
//	words-from-proposal   Goal             valueReference: the citizen's proposal (a proposed Goal) whose words replaced the goal's
//	grant-revoked         Consent.provision.provision  valueDateTime: when the citizen revoked the grant
//	recorded-by           Consent          valueReference: who recorded the consent
//	meeting-minutes       Encounter        valueString
//	meeting-place         Encounter, Appointment  valueString
//	meeting-participant   Encounter, Appointment  valueReference: participants the element cannot hold (Patient, Organization)
//	plan                  Encounter, Appointment  valueReference: the CarePlan the meeting is about
//	appointed-by          EpisodeOfCare    valueReference
//	appointment-reasons   EpisodeOfCare    valueString: why the citizen's proposal was not followed
//	course-provider       Practitioner.qualification  valueString
//	decision-outcome      ServiceRequest   valueCode (decision-outcome): what a decision gives
//	decision-reasons      ServiceRequest   complex: rules, facts, considerations (fvl § 25)
//	review-date           ServiceRequest   valueDate: when a decision is reviewed
//	user-fee              ServiceRequest   valueString: a decision's fee and how it was computed
//	appeal-by             ServiceRequest   valueDate: a decision's last day to appeal
//	party                 ServiceRequest, Task  valueReference: a party besides the citizen (the carer)
//	drafted-by            ServiceRequest   valueReference: the officer who drafted a decision
//	signed-by             ServiceRequest   valueReference: the officer who signed it
//	days-late             Task             valueInteger: how late an appeal came (fvl § 31)
//	recorded-at           Task.input       valueDateTime: when an allocation case's assessment was written
//	catalogue-text        Organization     complex: service, field, nb, nn, en: the office's words for a service
//	catalogue-change      Organization     complex: service, by, at, field (repeats): what the version changed
//	long-term-placement   ServiceRequest   valueCode (long-term-placement): a long-term stay the only safe option, or safe at home while waiting
//	place-offer           Task             complex, repeats: unit, start, offered, offered-by, answer, answered, recorded-by (a waiting-list offer)
//	carer-pay             ServiceRequest   complex: hourly-rate, hours-per-month, per-month (a carer allowance's pay; amounts in øre)
const (
	ExtCurrentService     = "current-service"
	ExtCurrentHelp        = "current-help"
	ExtProposedCoord      = "proposed-coordinator"
	ExtCitizenConsent     = "citizen-consent"
	ExtPlanResource       = "plan-resource"
	ExtPlanNeed           = "plan-need"
	ExtOwnContribution    = "own-contribution"
	ExtCoordination       = "coordination"
	ExtEvaluationDate     = "evaluation-date"
	ExtCooperation        = "cooperation"
	ExtCoordinatorKind    = "coordinator-kind"
	ExtMeasureScope       = "measure-scope"
	ExtDecision           = "decision"
	ExtContribution       = "contribution"
	ExtParentGoal         = "parent-goal"
	ExtGoalEvaluation     = "goal-evaluation"
	ExtWordsFromProposal  = "words-from-proposal"
	ExtGrantRevoked       = "grant-revoked"
	ExtRecordedBy         = "recorded-by"
	ExtMeetingMinutes     = "meeting-minutes"
	ExtMeetingPlace       = "meeting-place"
	ExtMeetingParticipant = "meeting-participant"
	ExtPlan               = "plan"
	ExtAppointedBy        = "appointed-by"
	ExtAppointmentReasons = "appointment-reasons"
	ExtCourseProvider     = "course-provider"
	ExtDecisionOutcome    = "decision-outcome"
	ExtDecisionReasons    = "decision-reasons"
	ExtReviewDate         = "review-date"
	ExtUserFee            = "user-fee"
	ExtAppealBy           = "appeal-by"
	ExtParty              = "party"
	ExtDraftedBy          = "drafted-by"
	ExtSignedBy           = "signed-by"
	ExtDaysLate           = "days-late"
	ExtRecordedAt         = "recorded-at"
	ExtCatalogueText      = "catalogue-text"
	ExtCatalogueChange    = "catalogue-change"
	ExtLongTermPlacement  = "long-term-placement"
	ExtPlaceOffer         = "place-offer"
	ExtCarerPay           = "carer-pay"
)
