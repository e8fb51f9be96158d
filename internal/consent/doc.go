// Package consent is the citizen's (or a guardian's) consent to making the individual plan and
// to sharing it: who may see and write which part of the plan (PlanPart), until when, and what
// a withdrawal stops at once (SharingAt). It maps a consent to an R4 Consent.
package consent
