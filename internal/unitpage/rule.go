package unitpage

import (
	"context"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// NewRule returns the public page's write rule (a records.Rule): the unit's Organization,
// written by anyone (the web, the API), holds a page that passes Check. Another Organization is
// not the page's.
func NewRule(env workflow.RuleEnv) records.Rule {
	return workflow.Checks{"Organization": workflow.Refuses(rule{env}.organization)}
}

type rule struct{ env workflow.RuleEnv }

func (r rule) organization(_ context.Context, _ store.Reader, before, after *fhir.Resource) error {
	if after == nil || after.ID() != r.env.Unit() {
		return nil
	}
	var stored []kernel.Field
	if before != nil {
		stored = Fields(FromFHIR(before))
	}
	return Check(FromFHIR(after), stored)
}
