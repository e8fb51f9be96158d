package pathways

import (
	"context"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// NewRule returns the pathways' write rule (a records.Rule) on EpisodeOfCare typed in the
// pathway-kind code system (another episode, a coordinator appointment, passes untouched):
//   - for every writer, systems included, the new version reads as a pathway (FromFHIR) and
//     passes Catalog.Check (a known pathway in force on its start, milestones in order, …);
//   - a person writes one only as staff of the coordinating unit that manages it, or as its
//     coordinator (careManager, before and after) who is the citizen's appointed coordinator:
//     starting a pathway gives its coordinator reach, so it must not be a way to gain it.
//
// cat nil (the shipped pathways did not load) refuses every pathway write.
func NewRule(env workflow.RuleEnv, cat *Catalog) records.Rule {
	r := rule{env: env, cat: cat}
	return workflow.Checks{"EpisodeOfCare": workflow.Refuses(r.pathway)}
}

type rule struct {
	env workflow.RuleEnv
	cat *Catalog
}

func (r rule) pathway(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !IsPathway(before) && !IsPathway(after) {
		return r.otherEpisode(ctx)
	}
	if r.cat == nil {
		return apperr.New(apperr.Unavailable, "the pathway catalog did not load")
	}
	if after != nil {
		in, err := FromFHIR(after)
		if err != nil {
			return err
		}
		if err := r.cat.Check(in); err != nil {
			return err
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	for _, res := range []*fhir.Resource{before, after} {
		if res != nil && !r.mayWrite(ctx, rd, p, res) {
			return kernel.Text{NB: "Bare enhetens ansatte og innbyggerens koordinator fører forløpet.",
				EN: "Only the unit's staff and the citizen's coordinator keep the pathway."}.Err(apperr.Forbidden)
		}
	}
	return nil
}

// otherEpisode: the write policy lets a coordinator write EpisodeOfCare for the pathways alone;
// any other episode stays the unit lead's and the case officers' (an episode names its care
// manager, who reaches its citizen).
func (r rule) otherEpisode(ctx context.Context) error {
	p, ok := access.Person(ctx)
	if !ok || p.Has(access.UnitLead) || p.Has(access.CaseOfficer) {
		return nil
	}
	return kernel.Text{NB: "Din rolle kan bare føre pasientforløp, ikke andre forløp eller oppnevninger.",
		EN: "Your role may keep care pathways only, not other episodes or appointments."}.Err(apperr.Forbidden)
}

// mayWrite: p is staff of the unit managing res, or its coordinator with a running appointment
// for its citizen.
func (r rule) mayWrite(ctx context.Context, rd store.Reader, p *access.Principal, res *fhir.Resource) bool {
	o := res.Object()
	if r.env.IsUnitStaff(p) && kernel.PathString(o, "managingOrganization", "reference") == kernel.Ref("Organization", r.env.Unit()) {
		return true
	}
	me := kernel.Ref("Practitioner", p.PractitionerID)
	if !p.Has(access.Coordinator) || p.PractitionerID == "" || kernel.PathString(o, "careManager", "reference") != me {
		return false
	}
	patient := kernel.PathString(o, "patient", "reference")
	eps, err := records.Find(ctx, rd, "EpisodeOfCare", "patient", patient, "care-manager", me, "status", "active")
	if err != nil {
		return false
	}
	for _, e := range eps {
		if kernel.HasCoding(e.Object(), "type", kernel.CSCoordinatorKind) {
			return true
		}
	}
	return false
}
