package consent

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// NewRule returns the consents' write rule (a records.Rule) of the unit env names, over
// Consents to the individual plan (a Consent of another category, treatment or research, is not
// the unit's: neither refused nor acted on):
//   - for every writer, a consent given on the citizen's behalf names a guardian: a
//     RelatedPerson of the citizen with a guardian relationship;
//   - a person writes one only as the citizen, the guardian who gave it, the citizen's running
//     coordinator or the coordinating unit's staff.
//
// What a withdrawal does to the plan (on hold, the participants out of its team) is the plan's
// rule's.
func NewRule(env workflow.RuleEnv) records.Rule {
	return workflow.Checks{"Consent": workflow.Refuses(rule{env}.consent)}
}

type rule struct{ env workflow.RuleEnv }

func (r rule) consent(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	var versions []Consent // the versions of the write that are consents to the plan
	for _, res := range []*fhir.Resource{before, after} {
		if !IsPlanConsent(res) {
			continue
		}
		c, err := ConsentFromFHIR(res)
		if err != nil {
			return err
		}
		versions = append(versions, c)
	}
	if len(versions) == 0 {
		return nil
	}
	if IsPlanConsent(after) {
		if err := r.guardianNamed(ctx, rd, before, versions[len(versions)-1]); err != nil {
			return err
		}
	}
	if p, ok := access.Person(ctx); ok {
		for _, c := range versions {
			if err := r.mayWrite(ctx, rd, p, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// guardianNamed: a consent given on the citizen's behalf (new, or given by someone new) names
// a RelatedPerson of the citizen recorded as guardian.
func (r rule) guardianNamed(ctx context.Context, rd store.Reader, before *fhir.Resource, c Consent) error {
	if !c.ByGuardian {
		return nil
	}
	if IsPlanConsent(before) {
		if old, err := ConsentFromFHIR(before); err == nil && old.GivenBy == c.GivenBy {
			return nil // as it was given
		}
	}
	rec, err := rd.Get(ctx, "RelatedPerson", kernel.IDOfType(c.GivenBy, "RelatedPerson"))
	if err == nil {
		if rp := records.Parsed(rec); rp != nil && kernel.PathString(rp.Object(), "patient", "reference") == c.Patient && kernel.IsGuardian(rp) {
			return nil
		}
	}
	return kernel.Text{NB: "Den som samtykker på vegne av innbyggeren må være registrert som verge eller foresatt.",
		EN: "Whoever consents on the citizen's behalf must be recorded as guardian."}.Err(apperr.Unprocessable)
}

// mayWrite: the citizen, the guardian who gave it, the unit's staff, or the citizen's running
// coordinator.
func (r rule) mayWrite(ctx context.Context, rd store.Reader, p *access.Principal, c Consent) error {
	switch {
	case p.PatientID != "" && kernel.Ref("Patient", p.PatientID) == c.Patient:
		return nil
	case slices.Contains(p.RelatedPersonIDs, kernel.IDOf(c.GivenBy)) && c.ByGuardian:
		return nil
	case (p.Has(access.UnitLead) || p.Has(access.CaseOfficer)) && slices.Contains(p.Units, r.env.Unit()):
		return nil
	case p.Has(access.Coordinator) && p.PractitionerID != "":
		eps, err := coordinators.RunningAppointments(ctx, rd, c.Patient, kernel.Ref("Practitioner", p.PractitionerID))
		if err != nil || len(eps) > 0 {
			return err
		}
	}
	return kernel.Text{NB: "Bare innbyggeren, en foresatt eller koordinatoren kan registrere eller trekke samtykke.",
		EN: "Only the citizen, a guardian or the coordinator may record or withdraw consent."}.Err(apperr.Forbidden)
}
