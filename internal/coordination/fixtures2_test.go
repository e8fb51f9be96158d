package coordination

import (
	"veiviser/internal/consent"
	"veiviser/internal/intake"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
)

func careFacts() intake.NeedFacts {
	return intake.NeedFacts{LongTerm: true, Services: []string{"fysioterapi", "hjemmesykepleie"}}
}

func consentInput() consent.ConsentInput {
	return consent.ConsentInput{Patient: "p1", MakePlan: true, Grants: []consent.Grant{
		{Participant: "Practitioner/f1", Role: kernel.RoleProvider, See: []consent.PlanPart{consent.PartGoalWords, consent.PartMeasures, consent.PartMeasureProgress}},
		{Participant: "RelatedPerson/rp1", Role: kernel.RoleRelative, See: consent.AllParts(), Write: []consent.PlanPart{consent.PartComments}},
	}}
}

func participant() plan.Participant {
	return plan.Participant{Ref: "Practitioner/f1", Role: kernel.RoleProvider, Organization: "Organization/physio"}
}
