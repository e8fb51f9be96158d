package plan

import (
	"context"
	"fmt"
	"slices"
	"time"

	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
)

// withdrawal: what a write of a consent to the individual plan does to the plan at once (who
// may write one is the consent rule's). A Consent of another category (treatment, research,
// ...) is not the unit's: this rule does not act on it.
func (r Rule) withdrawal(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
	var versions []consent.Consent // the versions of the write that are consents to the plan
	for _, res := range []*fhir.Resource{before, after} {
		if !consent.IsPlanConsent(res) {
			continue
		}
		c, err := consent.ConsentFromFHIR(res)
		if err != nil {
			return nil, err
		}
		versions = append(versions, c)
	}
	if len(versions) == 0 {
		return nil, nil
	}
	var out []*fhir.Resource
	for _, patient := range patientsOf(versions) {
		more, err := r.unlessPlanConsent(ctx, rd, patient, versions[0].ID, after)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

func patientsOf(cs []consent.Consent) []string {
	var out []string
	for _, c := range cs {
		if !slices.Contains(out, c.Patient) {
			out = append(out, c.Patient)
		}
	}
	return out
}

// unlessPlanConsent: when, with the consent id written as after (nil: deleted), no consent to
// making the plan is in force for patient, the withdrawal's consequences follow.
func (r Rule) unlessPlanConsent(ctx context.Context, rd store.Reader, patient, id string, after *fhir.Resource) ([]*fhir.Resource, error) {
	consents, err := consent.InTx(ctx, rd, patient)
	if err != nil {
		return nil, err
	}
	consents = slices.DeleteFunc(consents, func(x consent.Consent) bool { return x.ID == id })
	if consent.IsPlanConsent(after) && consent.Given(after) {
		c, err := consent.ConsentFromFHIR(after)
		if err != nil {
			return nil, err
		}
		consents = append(consents, c)
	}
	if _, err := consent.PlanConsent(consents, patient, r.env.Now()); err == nil {
		return nil, nil // a consent to making the plan is still in force
	}
	return r.afterWithdrawal(ctx, rd, patient)
}

// afterWithdrawal: with no consent to making the plan left, the citizen's active individual
// plans go on hold and every participant but the coordinator leaves each plan's CareTeam now.
// Other CarePlans and CareTeams of the citizen are not the plan's and stay as they are.
func (r Rule) afterWithdrawal(ctx context.Context, rd store.Reader, patient string) ([]*fhir.Resource, error) {
	now := r.env.Now()
	var out []*fhir.Resource
	plans, err := individualPlansOf(ctx, rd, patient)
	if err != nil {
		return nil, err
	}
	for _, cp := range plans {
		if st, _ := cp.Object().String("status"); st == string(PlanActive) {
			out = append(out, onHold(cp, now))
		}
		team, err := activeTeamOf(ctx, rd, cp.ID())
		if err != nil {
			return nil, err
		}
		if t := endParticipants(team, now); t != nil {
			out = append(out, t)
		}
	}
	return out, nil
}

// onHold is the plan put on hold, with the withdrawal in its log.
func onHold(cp *fhir.Resource, now time.Time) *fhir.Resource {
	cp = cp.Clone()
	cp.Object().Set("status", string(PlanOnHold))
	exts, _ := cp.Object().Array("extension")
	cp.Object().Set("extension", append(exts, logExtension(logEntry("", "consent-withdrawn",
		"Samtykket er trukket; planen er satt på vent.", "The consent was withdrawn; the plan is on hold.", now))))
	return cp
}

// activeTeamOf is the plan's CareTeam (<plan id>-team) when it is there and active; nil else.
func activeTeamOf(ctx context.Context, rd store.Reader, planID string) (*fhir.Resource, error) {
	rec, err := rd.Get(ctx, "CareTeam", planID+"-team")
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the team of plan %s: %w", planID, err)
	}
	t := records.Parsed(rec)
	if t == nil {
		return nil, nil
	}
	if st, _ := t.Object().String("status"); st != "active" {
		return nil, nil
	}
	return t, nil
}

// endParticipants ends the period of every participant but the coordinator at now; nil when
// nothing changes.
func endParticipants(t *fhir.Resource, now time.Time) *fhir.Resource {
	if t == nil {
		return nil
	}
	t = t.Clone()
	changed := false
	for _, pt := range kernel.Objects(t.Object(), "participant") {
		roles := ""
		for _, rc := range kernel.Objects(pt, "role") {
			for _, c := range kernel.Objects(rc, "coding") {
				if code, _ := c.String("code"); code == string(kernel.RoleCoordinator) {
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
		if end := kernel.ParseTime(kernel.PathString(per, "end")); !end.IsZero() && !end.After(now) {
			continue
		}
		if start := kernel.ParseTime(kernel.PathString(per, "start")); !start.IsZero() && start.After(now) {
			per.Set("start", kernel.DateTimeUTC(now))
		}
		per.Set("end", kernel.DateTimeUTC(now))
		pt.Set("period", per)
		changed = true
	}
	if !changed {
		return nil
	}
	return t
}
