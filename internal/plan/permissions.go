package plan

import (
	"slices"

	"veiviser/internal/consent"
	"veiviser/internal/kernel"
)

// Actor is who wants to change the plan: their role in it and their reference. A provider acts
// as its Organization (or as a person in it, with Organization set).
type Actor struct {
	Role         kernel.Role
	Ref          string
	Organization string // for a provider: the organisation it acts for
}

// Edit is what the actor wants to change: a part of the plan and, where the part belongs to
// someone (a measure's progress belongs to its provider), the owner.
type Edit struct {
	Part  consent.PlanPart
	Owner string // for PartMeasureProgress: the measure's Provider
}

// citizenParts are what the citizen (or the guardian acting for them) writes: the plan's own
// words, and their comments and proposals.
var citizenParts = []consent.PlanPart{consent.PartGoalWords, consent.PartOwnContribution, consent.PartComments, consent.PartGoalProposals}

// MayEdit decides whether actor may make the edit to the plan, given who coordinates it and the
// sharing in force now. It is a pure function:
//   - the citizen (or guardian): the goals in their own words, their own contribution, comments
//     and goal proposals;
//   - the plan's coordinator: everything but the citizen's own words, while a consent to making
//     the plan is in force;
//   - a provider: progress on its own measures only, while a grant lets it see the measures;
//   - a relative: what the citizen granted them to write, while the grant runs.
//
// It returns nil or a Forbidden error that says why.
func MayEdit(actor Actor, edit Edit, plan IndividualPlan, s consent.Sharing) error {
	switch actor.Role {
	case kernel.RoleCitizen, kernel.RoleGuardian:
		if actor.Role == kernel.RoleCitizen && actor.Ref != plan.Patient {
			return kernel.Forbidden("Bare innbyggeren planen gjelder kan skrive her.", "Only the citizen the plan is about may write here.")
		}
		if actor.Role == kernel.RoleGuardian && !s.IsGuardian(actor.Ref) {
			return kernel.Forbidden("Du er ikke registrert som verge/foresatt i samtykket.", "You are not recorded as guardian in the consent.")
		}
		if !slices.Contains(citizenParts, edit.Part) {
			return kernel.Forbidden("Denne delen skrives av koordinatoren; du kan kommentere eller foreslå mål.",
				"The coordinator writes this part; you may comment or propose a goal.")
		}
		return nil
	case kernel.RoleCoordinator:
		if actor.Ref != plan.Coordinator {
			return kernel.Forbidden("Du er ikke koordinator for denne planen.", "You are not this plan's coordinator.")
		}
		if !s.PlanConsent {
			return kernel.Forbidden("Planen kan ikke endres uten gyldig samtykke.", "The plan cannot be changed without a valid consent.")
		}
		if edit.Part == consent.PartGoalWords || edit.Part == consent.PartOwnContribution {
			return kernel.Forbidden("Innbyggerens egne ord endres bare av innbyggeren.", "Only the citizen changes the citizen's own words.")
		}
		return nil
	case kernel.RoleProvider:
		who := actor.Organization
		if who == "" {
			who = actor.Ref
		}
		if edit.Part != consent.PartMeasureProgress || edit.Owner == "" || edit.Owner != who {
			return kernel.Forbidden("En tjenesteyter kan bare rapportere på egne tiltak.", "A provider may only report on its own measures.")
		}
		if !s.MaySee(actor.Ref, consent.PartMeasures) && !s.MaySee(who, consent.PartMeasures) {
			return kernel.Forbidden("Samtykket gir deg ikke tilgang til planen nå.", "The consent does not give you access to the plan now.")
		}
		return nil
	case kernel.RoleRelative:
		if !slices.Contains(s.Access[actor.Ref].Write, edit.Part) {
			return kernel.Forbidden("Innbyggeren har ikke gitt deg lov til å skrive her.", "The citizen has not allowed you to write here.")
		}
		return nil
	}
	return kernel.Forbidden("Du har ingen rolle i denne planen.", "You have no role in this plan.")
}
