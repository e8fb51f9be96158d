package coordination

import (
	"context"
	"time"

	"veiviser/internal/allocation"
	"veiviser/internal/consent"
	"veiviser/internal/contactrequest"
	"veiviser/internal/coordinators"
	"veiviser/internal/fhir"
	"veiviser/internal/intake"
	"veiviser/internal/lawdata"
	"veiviser/internal/meetings"
	"veiviser/internal/messages"
	"veiviser/internal/pathways"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/unitpage"
	"veiviser/internal/workflow"
)

// Rules is the coordinating unit's write rules as one records.Rule, so they hold for every
// write, the FHIR API's included: each area's rule (coordinators, intake, consent, plan), then
// the meetings' and messages' still here. They act only on the unit's own records (each rule
// says how it recognises them; docs/fhir.md lists what each reads and may change): a record of
// the same type from another workflow is stored as sent and never changed as a consequence.
//   - Task (of the unit's task kinds): meeting-action follow-ups are the plan coordinator's to
//     create or change, and their owner's (a person, or a person of the owning organisation) to
//     mark done.
//   - Encounter and Appointment that are responsibility-group meetings, the unit's
//     Communications (rules_meeting.go): meetings are the plan coordinator's; messages are sent
//     in one's own name.
//   - Every text these records store (rules_limits.go) is at most its limit, for every writer.
//
// Rules that say who may write bind people; the structural ones bind system clients too, whom
// the API trusts for authorship. A rule violation is apperr.Unprocessable (422), a role not
// allowed apperr.Forbidden (403).
type Rules struct {
	env       workflow.RuleEnv
	mayEdit   plan.EditPermission
	catalogue *allocation.Catalogue // nil when the shipped catalogue did not load: applications are refused
	law       *lawdata.Table        // the law table the allocation office's settings come from
	pathways  *pathways.Catalog     // nil when the shipped pathways did not load: pathway writes are refused
}

var _ records.Rule = (*Rules)(nil)

// NewRules returns the rules; clock is "now" for consents and periods.
func NewRules(clock func() time.Time) *Rules {
	r := &Rules{env: workflow.NewRuleEnv(clock, DefaultUnit)}
	if law, err := lawdata.New(); err == nil {
		r.law = law
		r.catalogue, _ = allocation.LoadCatalogue(law) // a failure is caught by the catalogue's tests and refuses applications
		r.pathways, _ = pathways.NewCatalog(law)       // likewise caught by the pathways' tests, and refuses pathway writes
	}
	return r
}

// WithUnit names the coordinating unit's Organization id (default DefaultUnit).
func (r *Rules) WithUnit(unit string) *Rules {
	r.env = workflow.NewRuleEnv(r.env.Now, unit)
	return r
}

// WithLaw replaces the national law table with law (one with the municipality's settings), so
// the rules and the services read the same settings.
func (r *Rules) WithLaw(law *lawdata.Table) *Rules {
	if c, err := allocation.LoadCatalogue(law); err == nil {
		r.law, r.catalogue = law, c
	}
	if c, err := pathways.NewCatalog(law); err == nil {
		r.pathways = c
	}
	return r
}

// WithEditPermission replaces plan.MayEdit with f in the plan's rule, which then sees every
// evaluation (a test counts them with it; f may call plan.MayEdit).
func (r *Rules) WithEditPermission(f plan.EditPermission) *Rules {
	r.mayEdit = f
	return r
}

// areas are the coordinating unit's rules, one per area.
func (r *Rules) areas() []records.Rule {
	p := plan.NewRule(r.env, r.mayEdit)
	return []records.Rule{coordinators.NewRule(), intake.NewRule(), consent.NewRule(r.env), p, meetings.NewRule(p),
		messages.NewRule(r.env), unitpage.NewRule(r.env), allocation.NewRule(r.env, r.catalogue, r.law),
		pathways.NewRule(r.env, r.pathways), contactrequest.NewRule(r.env)}
}

// CheckWrite implements records.Rule.
func (r *Rules) CheckWrite(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
	var out []*fhir.Resource
	for _, rule := range r.areas() {
		more, err := rule.CheckWrite(ctx, rd, before, after)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}
