package care

import (
	"veiviser/internal/fhir"
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
		top = list(concept(CSConsentPurpose, "make-plan"))
	}
	var nested, actors []any
	seen := map[string]bool{}
	for _, g := range c.Grants {
		if g.RevokedAt.IsZero() && !seen[g.Participant] {
			seen[g.Participant] = true
			actors = append(actors, obj("role", concept(CSParticipantRole, string(g.Role)), "reference", reference(g.Participant)))
		}
		nested = append(nested, grantProvision(g, "access", g.See))
		if len(g.Write) > 0 {
			nested = append(nested, grantProvision(g, "correct", g.Write))
		}
	}
	return resource("Consent", c.ID,
		"extension", list(ext(extRecordedBy, "Reference", reference(c.RecordedBy))),
		"status", status,
		"scope", concept(csConsentScope, "patient-privacy"),
		"category", list(obj("coding", list(coding(CSConsentCategory, "individual-plan")), "text", "Samtykke til individuell plan")),
		"patient", reference(c.Patient),
		"dateTime", dateTime(c.GivenAt),
		"performer", list(reference(c.GivenBy)),
		"policyRule", obj("coding", list(coding(CSConsentPolicy, "individual-plan")),
			"text", "Samtykke til å utarbeide individuell plan og dele opplysninger med deltakerne / consent to making the plan and sharing it with the participants"),
		"provision", obj("type", "permit",
			"period", period(Period{Start: c.GivenAt, End: c.WithdrawnAt}),
			"actor", actors,
			"code", top,
			"provision", nested),
	)
}

func grantProvision(g Grant, action string, parts []PlanPart) *fhir.Object {
	var codes []any
	for _, p := range parts {
		codes = append(codes, concept(CSPlanPart, string(p)))
	}
	return obj(
		"extension", list(ext(extGrantRevoked, "DateTime", dateTime(g.RevokedAt))),
		"type", "permit",
		"period", period(Period{Start: g.From, End: g.Until}),
		"actor", list(obj("role", concept(CSParticipantRole, string(g.Role)), "reference", reference(g.Participant))),
		"action", list(concept(csConsentAction, action)),
		"code", codes,
	)
}

// ConsentFromFHIR reads a consent back from its Consent resource.
func ConsentFromFHIR(r *fhir.Resource) (Consent, error) {
	if err := expect(r, "Consent"); err != nil {
		return Consent{}, err
	}
	o := r.Object()
	c := Consent{
		ID:         r.ID(),
		Patient:    pathStr(o, "patient", "reference"),
		GivenBy:    pathStr(o, "performer", "reference"),
		GivenAt:    pathTime(o, "dateTime"),
		RecordedBy: extRef(o, extRecordedBy),
		Status:     ConsentActive,
	}
	c.ByGuardian = typeOf(c.GivenBy) == "RelatedPerson"
	if s, _ := o.String("status"); s == "inactive" {
		c.Status = ConsentWithdrawn
	}
	prov, _ := o.Object("provision")
	if prov == nil {
		return c, nil
	}
	c.WithdrawnAt = pathTime(prov, "period", "end")
	c.MakePlan = conceptsCode(prov, "code", CSConsentPurpose) == "make-plan"
	for _, n := range objects(prov, "provision") {
		c.Grants = mergeGrant(c.Grants, n)
	}
	return c, nil
}

// mergeGrant adds a nested provision to the grants: an access provision starts a grant, a
// correct provision for the same actor and period adds what they may write.
func mergeGrant(grants []Grant, n *fhir.Object) []Grant {
	actor := pathStr(n, "actor", "reference", "reference")
	per := pathPeriod(n, "period")
	var parts []PlanPart
	for _, cc := range objects(n, "code") {
		if p := codeIn(cc, CSPlanPart); p != "" {
			parts = append(parts, PlanPart(p))
		}
	}
	action := conceptsCode(n, "action", csConsentAction)
	if action == "correct" {
		for i := range grants {
			if grants[i].Participant == actor && grants[i].From.Equal(per.Start) && grants[i].Until.Equal(per.End) {
				grants[i].Write = parts
				return grants
			}
		}
	}
	role, _ := path(n, "actor", "role").(*fhir.Object)
	g := Grant{Participant: actor, Role: Role(codeIn(role, CSParticipantRole)), From: per.Start, Until: per.End,
		RevokedAt: parseTime(extStr(n, extGrantRevoked, "DateTime"))}
	if action == "correct" {
		g.Write = parts
	} else {
		g.See = parts
	}
	return append(grants, g)
}
