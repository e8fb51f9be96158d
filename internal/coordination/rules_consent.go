package coordination

import (
	"context"
	"reflect"
	"slices"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/care"
	"veiviser/internal/fhir"
	"veiviser/internal/store"
)

// consent: who may write it, and what a withdrawal does at once.
func (r *Rules) consent(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
	res := after
	if res == nil {
		res = before
	}
	c, err := care.ConsentFromFHIR(res)
	if err != nil {
		return nil, err
	}
	if p, ok := person(ctx); ok {
		if err := r.mayWriteConsent(ctx, rd, p, c); err != nil {
			return nil, err
		}
	}
	consents, err := consentsIn(ctx, rd, c.Patient)
	if err != nil {
		return nil, err
	}
	consents = slices.DeleteFunc(consents, func(x care.Consent) bool { return x.ID == c.ID })
	if after != nil {
		consents = append(consents, c)
	}
	now := r.now()
	if _, err := care.PlanConsent(consents, c.Patient, now); err == nil {
		return nil, nil // a consent to making the plan is still in force
	}
	return r.afterWithdrawal(ctx, rd, c.Patient, consents)
}

func (r *Rules) mayWriteConsent(ctx context.Context, rd store.Reader, p *access.Principal, c care.Consent) error {
	switch {
	case p.PatientID != "" && ref("Patient", p.PatientID) == c.Patient:
		return nil
	case slices.Contains(p.RelatedPersonIDs, care.IDOf(c.GivenBy)) && c.ByGuardian:
		return nil
	case (p.Has(access.UnitLead) || p.Has(access.CaseOfficer)) && slices.Contains(p.Units, r.unit):
		return nil
	case p.Has(access.Coordinator) && p.PractitionerID != "":
		eps, err := findIn(ctx, rd, "EpisodeOfCare", "patient", c.Patient, "care-manager", ref("Practitioner", p.PractitionerID), "status", "active")
		if err != nil || len(eps) > 0 {
			return err
		}
	}
	return care.Text{NB: "Bare innbyggeren, en foresatt eller koordinatoren kan registrere eller trekke samtykke.",
		EN: "Only the citizen, a guardian or the coordinator may record or withdraw consent."}.Err(apperr.Forbidden)
}

// afterWithdrawal: with no consent to making the plan left, active plans go on hold and every
// participant but the coordinator leaves the care teams now.
func (r *Rules) afterWithdrawal(ctx context.Context, rd store.Reader, patient string, consents []care.Consent) ([]*fhir.Resource, error) {
	now := r.now()
	var out []*fhir.Resource
	plans, err := findIn(ctx, rd, "CarePlan", "subject", patient, "status", "active")
	if err != nil {
		return nil, err
	}
	for _, cp := range plans {
		if !isIndividualPlan(cp) {
			continue
		}
		cp = cp.Clone()
		cp.Object().Set("status", string(care.PlanOnHold))
		exts, _ := cp.Object().Array("extension")
		cp.Object().Set("extension", append(exts, logExtension(logEntry("", "consent-withdrawn",
			"Samtykket er trukket; planen er satt på vent.", "The consent was withdrawn; the plan is on hold.", now))))
		out = append(out, cp)
	}
	teams, err := findIn(ctx, rd, "CareTeam", "subject", patient, "status", "active")
	if err != nil {
		return nil, err
	}
	for _, t := range teams {
		if t = endParticipants(t, now); t != nil {
			out = append(out, t)
		}
	}
	return out, nil
}

// endParticipants ends the period of every participant but the coordinator at now; nil when
// nothing changes.
func endParticipants(t *fhir.Resource, now time.Time) *fhir.Resource {
	t = t.Clone()
	changed := false
	for _, pt := range care.Objects(t.Object(), "participant") {
		roles := ""
		for _, rc := range care.Objects(pt, "role") {
			for _, c := range care.Objects(rc, "coding") {
				if code, _ := c.String("code"); code == string(care.RoleCoordinator) {
					roles = "coordinator"
				}
			}
		}
		if roles == "coordinator" {
			continue
		}
		per, _ := pt.Object("period")
		if per == nil {
			per = fhir.NewObject()
		}
		if end := care.ParseTime(care.PathString(per, "end")); !end.IsZero() && !end.After(now) {
			continue
		}
		if start := care.ParseTime(care.PathString(per, "start")); !start.IsZero() && start.After(now) {
			per.Set("start", care.DateTimeUTC(now))
		}
		per.Set("end", care.DateTimeUTC(now))
		pt.Set("period", per)
		changed = true
	}
	if !changed {
		return nil
	}
	return t
}

// task: follow-ups from meetings are the plan coordinator's, and their owner's to close.
func (r *Rules) task(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	res := after
	if res == nil {
		res = before
	}
	code := care.PathString(res.Object(), "code", "coding", "code")
	if code != "meeting-action" && !hasCoding(res.Object(), "code", care.CSTaskKind) {
		return nil
	}
	switch code {
	case "assessment":
		return r.assessment(ctx, before, after)
	case care.TaskAppointCoordinator:
		return r.unitTask(ctx, before, after)
	case "meeting-action":
	default:
		return nil
	}
	p, ok := person(ctx)
	if !ok {
		return nil
	}
	f, err := care.FollowUpFromFHIR(res)
	if err != nil {
		return err
	}
	me := ownRef(p)
	if rec, err := rd.Get(ctx, "CarePlan", care.IDOf(f.Plan)); err == nil {
		if cp := parsed(rec); cp != nil && care.PathString(cp.Object(), "author", "reference") == me && me != "" {
			return nil
		}
	}
	if before != nil && after != nil && (f.Owner == me || slices.ContainsFunc(p.Units, func(u string) bool { return f.Owner == ref("Organization", u) })) {
		old, err := care.FollowUpFromFHIR(before)
		if err != nil {
			return err
		}
		old.Status, old.Done = f.Status, f.Done
		if reflect.DeepEqual(old, f) {
			return nil // the owner changes the status only
		}
	}
	return care.Text{NB: "Bare koordinatoren endrer oppfølgingsoppgaver; den ansvarlige kan melde dem utført.",
		EN: "Only the coordinator changes follow-up tasks; their owner may mark them done."}.Err(apperr.Forbidden)
}
