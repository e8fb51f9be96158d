package access

import (
	"context"
	"fmt"
	"slices"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/search"
	"veiviser/internal/store"
)

// Need-to-know is decided here, once, for the API and the UI. The model:
//
//   - A record is about the citizens its Patient references name through the Patient-compartment
//     parameters (CarePlan.subject, CareTeam.subject, ...), plus Task.for and Task.focus and
//     Communication.subject; a Patient is about itself. Records about nobody (Practitioner,
//     Organization, PractitionerRole, ...) are readable by every staff member and by systems.
//   - Reach is the set of citizens a principal may see, computed from the records on every
//     request (no cache), so a withdrawn consent or a removal from a care team counts at once:
//     a citizen: their own Patient, and the Patient of each of their RelatedPerson links whose
//     relationship is guardian or parent (v3 RoleCode GUARD, PRN, FTH, MTH);
//     a relative: the Patient of each RelatedPerson link named as actor of an active Consent
//     whose provision.period covers now;
//     a coordinator or service provider: the subject of an active CareTeam where their
//     Practitioner is a participant whose period covers now, the patient of an active
//     EpisodeOfCare they are care manager of, the "for" of an open Task they own;
//     a unit lead or case officer: the patient of an active EpisodeOfCare managed by one of
//     their units, the subject of an open ServiceRequest whose performer is one of their units;
//     the subject of a decision (a ServiceRequest of intent order) one of their units made; or
//     the "for" of an open Task owned by one of their units;
//     a service provider, besides: the subject of an active decision their unit carries out;
//     a staff member who stated a reason for emergency access: that citizen while the grant
//     lasts (emergency.go);
//     an administrator: nobody.
//   - A system client sees every citizen; its scope limits the types and interactions.
//   - A citizen's access log (AuditEvent) has a narrower audience than their records:
//     AccessLogReach (logreach.go). What a person may write inside reach is the write policy's
//     (writepolicy.go) and then the domain rules'.

// Reach is what a principal may see.
type Reach struct {
	All      bool            // every citizen (a system client)
	Staff    bool            // records about nobody are readable
	Citizens map[string]bool // Patient ids
}

// Decider computes reach from the records.
type Decider struct {
	rd    store.Reader
	clock func() time.Time
}

// NewDecider returns a Decider reading rd; clock is "now" for periods.
func NewDecider(rd store.Reader, clock func() time.Time) *Decider {
	if clock == nil {
		clock = time.Now
	}
	return &Decider{rd: rd, clock: clock}
}

// Reach computes p's reach now.
func (d *Decider) Reach(ctx context.Context, p *Principal) (Reach, error) {
	if p.IsSystem() {
		// O(1): no lookups and no set; Sees and Narrow answer All before they look at Citizens
		return Reach{All: true, Staff: true}, nil
	}
	r := Reach{Citizens: map[string]bool{}}
	for _, role := range p.Roles {
		if role != Citizen && role != Relative {
			r.Staff = true
		}
	}
	steps := []struct {
		when bool
		fn   func(context.Context, *Principal, *Reach) error
	}{
		{p.Has(Citizen), d.citizen},
		{p.Has(Citizen) || p.Has(Relative), d.relative},
		{p.Has(Coordinator) || p.Has(ServiceProvider), d.careTeam},
		{p.Has(UnitLead) || p.Has(CaseOfficer), d.unit},
		{p.Has(ServiceProvider), d.providingUnit},
		{true, d.emergency},
	}
	for _, s := range steps {
		if s.when {
			if err := s.fn(ctx, p, &r); err != nil {
				return Reach{}, fmt.Errorf("need-to-know: %w", err)
			}
		}
	}
	return r, nil
}

func (d *Decider) citizen(ctx context.Context, p *Principal, r *Reach) error {
	if p.PatientID != "" {
		r.Citizens[p.PatientID] = true
	}
	for _, id := range p.RelatedPersonIDs {
		rp, ok, err := d.get(ctx, "RelatedPerson", id)
		if err != nil || !ok {
			return err
		}
		if isGuardian(rp) {
			addRefs(r, rp, "patient")
		}
	}
	return nil
}

func (d *Decider) relative(ctx context.Context, p *Principal, r *Reach) error {
	consented := func(c *fhir.Resource) bool { return d.periodCovers(c, "provision", "period") }
	for _, id := range p.RelatedPersonIDs {
		if err := d.follow(ctx, r, "RelatedPerson", id, link{"Consent", "actor", "active", "patient", consented}); err != nil {
			return err
		}
	}
	return nil
}

func (d *Decider) careTeam(ctx context.Context, p *Principal, r *Reach) error {
	if p.PractitionerID == "" {
		return nil
	}
	member := func(t *fhir.Resource) bool { return d.memberNow(t, p.PractitionerID) }
	return d.follow(ctx, r, "Practitioner", p.PractitionerID,
		link{"CareTeam", "participant", "active", "patient", member},
		link{"EpisodeOfCare", "care-manager", "active", "patient", nil},
		link{"Task", "owner", "", "patient", isOpenTask})
}

func (d *Decider) unit(ctx context.Context, p *Principal, r *Reach) error {
	for _, u := range p.Units {
		// a Task owned by the unit: such as the flag of an emergency access to review
		err := d.follow(ctx, r, "Organization", u,
			link{"EpisodeOfCare", "organization", "active", "patient", nil},
			link{"ServiceRequest", "performer", "active", "subject", nil},
			// a decision the unit made (the allocation office's): it keeps its cases, for
			// appeals, change requests and reviews, after the application is decided
			link{"ServiceRequest", "requester", "", "subject", isDecision},
			link{"Task", "owner", "", "patient", isOpenTask})
		if err != nil {
			return err
		}
	}
	return nil
}

// providingUnit: a service provider reaches the citizens whose running decisions their unit
// carries out (a ServiceRequest of intent order, active, with the unit as performer).
func (d *Decider) providingUnit(ctx context.Context, p *Principal, r *Reach) error {
	for _, u := range p.Units {
		if err := d.follow(ctx, r, "Organization", u, link{"ServiceRequest", "performer", "active", "subject", isDecision}); err != nil {
			return err
		}
	}
	return nil
}

// isDecision: a ServiceRequest of intent order (an allocation decision; applications and
// inquiries are proposals).
func isDecision(sr *fhir.Resource) bool {
	intent, _ := sr.Object().String("intent")
	return intent == "order"
}

// link is a kind of record that gives reach: the records of typ that refer to the person (or
// their unit) at refParam, with status when status is not "", and that keep accepts (nil: all),
// reach the citizen they name at param.
type link struct {
	typ, refParam, status, param string
	keep                         func(*fhir.Resource) bool
}

// follow adds to r the citizens the records of links reach, for the person refType/refID.
func (d *Decider) follow(ctx context.Context, r *Reach, refType, refID string, links ...link) error {
	for _, l := range links {
		tokenParam := ""
		if l.status != "" {
			tokenParam = "status"
		}
		found, err := d.find(ctx, l.typ, l.refParam, refType, refID, tokenParam, l.status)
		if err != nil {
			return err
		}
		for _, res := range found {
			if l.keep == nil || l.keep(res) {
				addRefs(r, res, l.param)
			}
		}
	}
	return nil
}

func isOpenTask(t *fhir.Resource) bool {
	st, _ := t.Object().String("status")
	return OpenTask(st)
}

func OpenTask(status string) bool {
	return !slices.Contains([]string{"completed", "cancelled", "rejected", "failed", "entered-in-error"}, status)
}

func isGuardian(rp *fhir.Resource) bool {
	rels, _ := rp.Object().Array("relationship")
	for _, v := range rels {
		cc, _ := v.(*fhir.Object)
		if cc == nil {
			continue
		}
		codings, _ := cc.Array("coding")
		for _, cv := range codings {
			c, _ := cv.(*fhir.Object)
			if c == nil {
				continue
			}
			if code, _ := c.String("code"); slices.Contains([]string{"GUARD", "PRN", "FTH", "MTH", "guardian", "parent"}, code) {
				return true
			}
		}
	}
	return false
}

// memberNow reports whether the practitioner is a participant of team whose period covers now.
func (d *Decider) memberNow(team *fhir.Resource, practitionerID string) bool {
	parts, _ := team.Object().Array("participant")
	for _, v := range parts {
		o, _ := v.(*fhir.Object)
		if o == nil {
			continue
		}
		m, _ := o.Object("member")
		if m == nil {
			continue
		}
		if ref, _ := m.String("reference"); ref == "Practitioner/"+practitionerID && d.covers(o, "period") {
			return true
		}
	}
	return false
}

func (d *Decider) periodCovers(r *fhir.Resource, parent, key string) bool {
	o, _ := r.Object().Object(parent)
	if o == nil {
		return true // no provision: the consent as a whole
	}
	return d.covers(o, key)
}

// covers reports whether o[key], a Period, covers now; a missing period or end is open.
func (d *Decider) covers(o *fhir.Object, key string) bool {
	p, _ := o.Object(key)
	if p == nil {
		return true
	}
	now := d.clock()
	if s, ok := p.String("start"); ok {
		// the start counts from its whole second: the workflows' clock has whole seconds and the
		// record layer's milliseconds, so a period started (an emergency grant) in the middle of
		// the second it is first read in would otherwise not cover it yet
		if t, err := ParseDate(s); err == nil && now.Before(t.Truncate(time.Second)) {
			return false
		}
	}
	if s, ok := p.String("end"); ok {
		if t, err := ParseDate(s); err == nil && !now.Before(t) {
			return false
		}
	}
	return true
}

func ParseDate(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a date: %q", s)
}

// addRefs adds the Patients r's param names to the reach.
func addRefs(reach *Reach, r *fhir.Resource, param string) {
	for _, e := range fhir.Index(r) {
		if e.Param == param && e.Kind == search.Reference && e.RefType == "Patient" {
			reach.Citizens[e.RefID] = true
		}
	}
}

func (d *Decider) get(ctx context.Context, typ, id string) (*fhir.Resource, bool, error) {
	rec, err := d.rd.Get(ctx, typ, id)
	if err != nil || rec.Deleted {
		return nil, false, nil //nolint:nilerr // a link to a missing record grants nothing
	}
	r, err := fhir.Parse(rec.Body)
	return r, err == nil, err
}

// find searches typ for refParam = refType/refID, and tokenParam = code when tokenParam is set.
func (d *Decider) find(ctx context.Context, typ, refParam, refType, refID, tokenParam, code string) ([]*fhir.Resource, error) {
	q := search.Query{Type: typ, Clauses: []search.Clause{
		{Param: refParam, Kind: search.Reference, Values: []search.Value{{RefType: refType, RefID: refID}}},
	}}
	if tokenParam != "" {
		// the code first: the store drives the query by its first clause, and the code is the
		// rarer (an emergency grant among every access this practitioner made)
		q.Clauses = append([]search.Clause{{Param: tokenParam, Kind: search.Token,
			Values: []search.Value{{AnySystem: true, Code: code}}}}, q.Clauses...)
	}
	recs, err := store.SearchAll(ctx, d.rd, q)
	if err != nil {
		return nil, err
	}
	out := make([]*fhir.Resource, 0, len(recs))
	for _, rec := range recs {
		r, err := fhir.Parse(rec.Body)
		if err != nil {
			return nil, fmt.Errorf("parse %s/%s: %w", rec.Type, rec.ID, err)
		}
		out = append(out, r)
	}
	return out, nil
}
