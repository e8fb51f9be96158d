package access

import (
	"context"
	"fmt"
	"time"

	"veiviser/internal/fhir"
)

// Emergency access ("break the glass") as need-to-know counts it: a staff member without
// need-to-know who stated a reason reaches the citizen for EmergencyDuration. The grant is an
// AuditEvent (subtype EmergencyAccess, purposeOfEvent BTG, period = the grant's time) that
// internal/emergency writes; this file reads the grants in force.

// EmergencyAccess is the AuditEvent subtype of a grant.
const EmergencyAccess = "emergency-access"

// EmergencyDuration is how long a grant lasts.
const EmergencyDuration = 4 * time.Hour

// MayAskEmergencyAccess reports whether p may ask: staff with a Practitioner record, not an
// administrator only (administrators see no health data) and not a system.
func MayAskEmergencyAccess(p *Principal) bool {
	if p.IsSystem() || p.PractitionerID == "" {
		return false
	}
	for _, r := range []Role{Coordinator, ServiceProvider, UnitLead, CaseOfficer} {
		if p.Has(r) {
			return true
		}
	}
	return false
}

// emergency adds the citizens of the principal's grants whose period covers now.
func (d *Decider) emergency(ctx context.Context, p *Principal, r *Reach) error {
	if !MayAskEmergencyAccess(p) {
		return nil
	}
	grants, err := d.find(ctx, "AuditEvent", "agent", "Practitioner", p.PractitionerID, "subtype", EmergencyAccess)
	if err != nil {
		return err
	}
	for _, g := range grants {
		if d.periodCoversNow(g) {
			addRefs(r, g, "patient")
		}
	}
	return nil
}

// periodCoversNow reports whether a grant's period covers now; a grant without one holds nothing.
func (d *Decider) periodCoversNow(g *fhir.Resource) bool {
	o := g.Object()
	if p, _ := o.Object("period"); p == nil {
		return false
	}
	return d.covers(o, "period")
}

// EmergencyUntil returns when p's grant for patient (a Patient id) ends, and false when no grant
// of theirs for that citizen is in force now.
func (d *Decider) EmergencyUntil(ctx context.Context, p *Principal, patient string) (time.Time, bool, error) {
	if !MayAskEmergencyAccess(p) {
		return time.Time{}, false, nil
	}
	grants, err := d.find(ctx, "AuditEvent", "agent", "Practitioner", p.PractitionerID, "subtype", EmergencyAccess)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("emergency grants: %w", err)
	}
	var until time.Time
	for _, g := range grants {
		r := Reach{Citizens: map[string]bool{}}
		addRefs(&r, g, "patient")
		if !r.Citizens[patient] || !d.periodCoversNow(g) {
			continue
		}
		per, _ := g.Object().Object("period")
		end, _ := per.String("end")
		if t, err := ParseDate(end); err == nil && t.After(until) {
			until = t
		}
	}
	return until, !until.IsZero(), nil
}
