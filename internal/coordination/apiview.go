package coordination

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// APIView is the read rule of the coordinating unit's records for the FHIR API: what the consent
// does not share does not leave the server through the API either. It returns, for one request
// of p, the function that gives each record as p may see it: a participant who sees a citizen's
// plan by a grant gets the plan's records without the parts the grant leaves out, and the intake
// without its content (plan.Mask), as the pages show them (view); the citizen, a guardian, the
// citizen's coordinator, the unit's staff and system clients get the records whole. What it reads
// of a citizen (plans, consents, appointments) it reads once per request.
func (s *Service) APIView(ctx context.Context, p *access.Principal) func(store.Record) (store.Record, bool, error) {
	views := map[string]*citizenView{}
	return func(rec store.Record) (store.Record, bool, error) {
		if p == nil || p.IsSystem() {
			return rec, false, nil
		}
		ids, personal, ok := access.RecordCitizens(rec)
		if !ok || !personal {
			return rec, false, nil
		}
		var res *fhir.Resource
		for _, id := range ids {
			v, found := views[id]
			if !found {
				var err error
				if v, err = s.citizenView(ctx, p, id); err != nil {
					return rec, false, err
				}
				views[id] = v
			}
			if v.full {
				continue
			}
			if res == nil {
				if res = records.Parsed(rec); res == nil {
					return rec, false, nil
				}
			}
			plan.Mask(res, v.plans, v.viewers, v.see)
		}
		if res == nil {
			return rec, false, nil
		}
		masked := res.Bytes()
		if string(masked) == string(rec.Body) {
			return rec, false, nil
		}
		rec.Body = masked
		return rec, true, nil
	}
}

// citizenView is how one principal sees one citizen's records.
type citizenView struct {
	full    bool
	plans   plan.CitizenPlans
	viewers []string
	see     func(consent.PlanPart) bool
}

func (s *Service) citizenView(ctx context.Context, p *access.Principal, patient string) (*citizenView, error) {
	if p.PatientID == patient || s.wf.IsUnitStaff(p) {
		return &citizenView{full: true}, nil
	}
	if guardian, err := s.isGuardianOf(ctx, p, patient); err != nil || guardian {
		return &citizenView{full: true}, err
	}
	plans, err := s.wf.Find(ctx, "CarePlan", "subject", kernel.Ref("Patient", patient))
	if err != nil {
		return nil, err
	}
	coordinator, err := s.coordinates(ctx, p, patient, plans)
	if err != nil || coordinator {
		return &citizenView{full: true}, err
	}
	consents, err := s.consentService.Read(ctx, patient)
	if err != nil {
		return nil, err
	}
	sh := consent.SharingAt(consents, kernel.Ref("Patient", patient), s.wf.Now())
	v := &citizenView{plans: plan.PlansOf(plans), viewers: viewerRefs(p)}
	var see []consent.PlanPart
	for _, who := range v.viewers {
		for _, part := range sh.Access[who].See {
			if !slices.Contains(see, part) {
				see = append(see, part)
			}
		}
	}
	v.see = func(part consent.PlanPart) bool { return slices.Contains(see, part) }
	return v, nil
}

// viewerRefs are the references a grant may name the principal by.
func viewerRefs(p *access.Principal) []string {
	var out []string
	if p.PractitionerID != "" {
		out = append(out, kernel.Ref("Practitioner", p.PractitionerID))
	}
	for _, rp := range p.RelatedPersonIDs {
		out = append(out, kernel.Ref("RelatedPerson", rp))
	}
	for _, u := range p.Units {
		out = append(out, kernel.Ref("Organization", u))
	}
	return out
}

// isGuardianOf reports whether one of p's RelatedPerson links makes them patient's guardian.
func (s *Service) isGuardianOf(ctx context.Context, p *access.Principal, patient string) (bool, error) {
	if !p.Has(access.Citizen) {
		return false, nil
	}
	for _, id := range p.RelatedPersonIDs {
		rp, _, err := s.wf.Get(ctx, "RelatedPerson", id)
		if err != nil {
			continue // a link to a missing record grants nothing
		}
		if kernel.PathString(rp.Object(), "patient", "reference") == kernel.Ref("Patient", patient) && kernel.IsGuardian(rp) {
			return true, nil
		}
	}
	return false, nil
}

// coordinates reports whether p is the citizen's coordinator: of one of their individual plans,
// or by an active appointment (EpisodeOfCare care manager).
func (s *Service) coordinates(ctx context.Context, p *access.Principal, patient string, plans []*fhir.Resource) (bool, error) {
	if p.PractitionerID == "" {
		return false, nil
	}
	me := kernel.Ref("Practitioner", p.PractitionerID)
	for _, cp := range plans {
		if plan.IsIndividualPlan(cp) && kernel.PathString(cp.Object(), "author", "reference") == me {
			return true, nil
		}
	}
	episodes, err := s.wf.Find(ctx, "EpisodeOfCare", "patient", kernel.Ref("Patient", patient), "status", "active")
	if err != nil {
		return false, err
	}
	for _, e := range episodes {
		if kernel.PathString(e.Object(), "careManager", "reference") == me {
			return true, nil
		}
	}
	return false, nil
}
