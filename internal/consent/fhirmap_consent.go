package consent

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// ConsentToFHIR is the consent as a Consent resource: scope patient-privacy, category
// individual-plan, performer who consented (the citizen, or the guardian as a RelatedPerson),
// dateTime when. The top provision permits for the consent's life (period.end is the
// withdrawal) and, with code make-plan, covers making the plan. Each participant's grant is a
// nested provision with the participant as actor, period From-Until, action access with the parts
// they may see as codes, and a second nested provision with action correct for what they may
// write. A withdrawn consent has status inactive. The top provision also lists, as actors, every
// participant whose grant is not revoked, because the R4 search parameter "actor" indexes only
// Consent.provision.actor: a search finds the consents naming a participant, and the nested
// provisions (read through ConsentFromFHIR and SharingAt) say what they may see and until when. The consent's history is the resource's version
// history (each change is a new version), so History is not mapped.
func ConsentToFHIR(c Consent) *fhir.Resource {
	status := "active"
	if c.Status == ConsentWithdrawn {
		status = "inactive"
	}
	var top []any
	if c.MakePlan {
		top = kernel.List(kernel.Concept(kernel.CSConsentPurpose, "make-plan"))
	}
	var nested, actors []any
	seen := map[string]bool{}
	for _, g := range c.Grants {
		if g.RevokedAt.IsZero() && !seen[g.Participant] {
			seen[g.Participant] = true
			actors = append(actors, kernel.ObjectOf("role", kernel.Concept(kernel.CSParticipantRole, string(g.Role)), "reference", kernel.Reference(g.Participant)))
		}
		nested = append(nested, grantProvision(g, "access", g.See))
		if len(g.Write) > 0 {
			nested = append(nested, grantProvision(g, "correct", g.Write))
		}
	}
	return kernel.NewResource("Consent", c.ID,
		"extension", kernel.List(kernel.Ext(kernel.ExtRecordedBy, "Reference", kernel.Reference(c.RecordedBy))),
		"status", status,
		"scope", kernel.Concept(kernel.CSConsentScope, "patient-privacy"),
		"category", kernel.List(kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSConsentCategory, "individual-plan")), "text", "Samtykke til individuell plan")),
		"patient", kernel.Reference(c.Patient),
		"dateTime", kernel.DateTime(c.GivenAt),
		"performer", kernel.List(kernel.Reference(c.GivenBy)),
		"policyRule", kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSConsentPolicy, "individual-plan")),
			"text", "Samtykke til å utarbeide individuell plan og dele opplysninger med deltakerne / consent to making the plan and sharing it with the participants"),
		"provision", kernel.ObjectOf("type", "permit",
			"period", kernel.FHIRPeriod(kernel.Period{Start: c.GivenAt, End: c.WithdrawnAt}),
			"actor", actors,
			"code", top,
			"provision", nested),
	)
}

func grantProvision(g Grant, action string, parts []PlanPart) *fhir.Object {
	var codes []any
	for _, p := range parts {
		codes = append(codes, kernel.Concept(kernel.CSPlanPart, string(p)))
	}
	return kernel.ObjectOf(
		"extension", kernel.List(kernel.Ext(kernel.ExtGrantRevoked, "DateTime", kernel.DateTime(g.RevokedAt))),
		"type", "permit",
		"period", kernel.FHIRPeriod(kernel.Period{Start: g.From, End: g.Until}),
		"actor", kernel.List(kernel.ObjectOf("role", kernel.Concept(kernel.CSParticipantRole, string(g.Role)), "reference", kernel.Reference(g.Participant))),
		"action", kernel.List(kernel.Concept(kernel.CSConsentAction, action)),
		"code", codes,
	)
}

// ConsentFromFHIR reads a consent back from its Consent resource.
func ConsentFromFHIR(r *fhir.Resource) (Consent, error) {
	if err := kernel.Expect(r, "Consent"); err != nil {
		return Consent{}, err
	}
	o := r.Object()
	c := Consent{
		ID:         r.ID(),
		Patient:    kernel.PathString(o, "patient", "reference"),
		GivenBy:    kernel.PathString(o, "performer", "reference"),
		GivenAt:    kernel.PathTime(o, "dateTime"),
		RecordedBy: kernel.ExtRef(o, kernel.ExtRecordedBy),
		Status:     ConsentActive,
	}
	c.ByGuardian = kernel.TypeOf(c.GivenBy) == "RelatedPerson"
	if s, _ := o.String("status"); s == "inactive" {
		c.Status = ConsentWithdrawn
	}
	prov, _ := o.Object("provision")
	if prov == nil {
		return c, nil
	}
	c.WithdrawnAt = kernel.PathTime(prov, "period", "end")
	c.MakePlan = kernel.ConceptsCode(prov, "code", kernel.CSConsentPurpose) == "make-plan"
	for _, n := range kernel.Objects(prov, "provision") {
		c.Grants = mergeGrant(c.Grants, n)
	}
	return c, nil
}

// mergeGrant adds a nested provision to the grants: an access provision starts a grant, a
// correct provision for the same actor and period adds what they may write.
func mergeGrant(grants []Grant, n *fhir.Object) []Grant {
	actor := kernel.PathString(n, "actor", "reference", "reference")
	per := kernel.PathPeriod(n, "period")
	var parts []PlanPart
	for _, cc := range kernel.Objects(n, "code") {
		if p := kernel.CodeIn(cc, kernel.CSPlanPart); p != "" {
			parts = append(parts, PlanPart(p))
		}
	}
	action := kernel.ConceptsCode(n, "action", kernel.CSConsentAction)
	if action == "correct" {
		for i := range grants {
			if grants[i].Participant == actor && grants[i].From.Equal(per.Start) && grants[i].Until.Equal(per.End) {
				grants[i].Write = parts
				return grants
			}
		}
	}
	role, _ := kernel.Path(n, "actor", "role").(*fhir.Object)
	g := Grant{Participant: actor, Role: kernel.Role(kernel.CodeIn(role, kernel.CSParticipantRole)), From: per.Start, Until: per.End,
		RevokedAt: kernel.ParseTime(kernel.ExtString(n, kernel.ExtGrantRevoked, "DateTime"))}
	if action == "correct" {
		g.Write = parts
	} else {
		g.See = parts
	}
	return append(grants, g)
}
