package unitpage

import (
	"context"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// Rule is the public page's write rule (a records.Rule): the unit's Organization, written by
// anyone (the web, the API), holds a page that passes Check. Another Organization is not the
// page's.
type Rule struct {
	env workflow.RuleEnv
}

var _ records.Rule = Rule{}

// NewRule returns the rule of the unit env names.
func NewRule(env workflow.RuleEnv) Rule { return Rule{env: env} }

// CheckWrite implements records.Rule.
func (r Rule) CheckWrite(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
	return workflow.Checks{"Organization": workflow.Refuses(r.organization)}.CheckWrite(ctx, rd, before, after)
}

func (r Rule) organization(_ context.Context, _ store.Reader, before, after *fhir.Resource) error {
	if after == nil || after.ID() != r.env.Unit() {
		return nil
	}
	var stored []kernel.Field
	if before != nil {
		stored = Fields(FromFHIR(before))
	}
	return Check(FromFHIR(after), stored)
}
