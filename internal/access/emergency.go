package access

import (
	"context"
	"time"

	"veiviser/internal/fhir"
)

// Emergency access ("break the glass"): a staff member without need-to-know states a reason and
// gets the citizen's records for EmergencyDuration. The grant is an AuditEvent (subtype
// EmergencyAccess, purposeOfEvent BTG, period = the grant's time): stored in the database,
// unchangeable like every log entry, with the reason, and in the citizen's own log. A Task owned
// by the staff member's unit flags it to the unit lead.

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
