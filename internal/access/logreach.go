package access

import (
	"context"
	"fmt"
)

// AccessLogReach is whose access log p may read: a citizen's log is for the citizen, their
// guardian, and the unit lead and case officers of the unit that has the case (the web's
// coordination.AccessLogFor keeps the same audience). It is narrower than Reach: a coordinator,
// a service provider or a relative sees the citizen's records but not who else opened them,
// and an emergency grant opens the records, not the log. The agent of an entry does not see
// it for being its agent: the log is the citizen's account of who opened their data, and a
// staff member's own accesses are reviewed by the unit lead. A system client sees every log.
func (d *Decider) AccessLogReach(ctx context.Context, p *Principal) (Reach, error) {
	r := Reach{Citizens: map[string]bool{}}
	if p.IsSystem() {
		r.All, r.Staff = true, true
		return r, nil
	}
	if p.Has(Citizen) {
		if err := d.citizen(ctx, p, &r); err != nil {
			return Reach{}, fmt.Errorf("access log reach: %w", err)
		}
	}
	if p.Has(UnitLead) || p.Has(CaseOfficer) {
		if err := d.unit(ctx, p, &r); err != nil {
			return Reach{}, fmt.Errorf("access log reach: %w", err)
		}
	}
	return r, nil
}
