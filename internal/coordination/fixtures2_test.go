package coordination

import (
	"veiviser/internal/care"
)

func careFacts() care.NeedFacts {
	return care.NeedFacts{LongTerm: true, Services: []string{"fysioterapi", "hjemmesykepleie"}}
}

func consentInput() ConsentInput {
	return ConsentInput{Patient: "p1", MakePlan: true, Grants: []care.Grant{
		{Participant: "Practitioner/f1", Role: care.RoleProvider, See: []care.PlanPart{care.PartGoalWords, care.PartMeasures, care.PartMeasureProgress}},
		{Participant: "RelatedPerson/rp1", Role: care.RoleRelative, See: care.AllParts(), Write: []care.PlanPart{care.PartComments}},
	}}
}

func participant() care.Participant {
	return care.Participant{Ref: "Practitioner/f1", Role: care.RoleProvider, Organization: "Organization/physio"}
}
