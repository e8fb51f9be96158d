package contactrequest

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// NewRule returns the contact requests' write rule: a Task of kind contact-request is owned by
// the unit, about nobody, and passes Check with its texts within their limits, for every writer
// (systems included: the public form writes as one); a person changes one only as a handler
// (MayHandle). Other Tasks pass untouched.
func NewRule(env workflow.RuleEnv) records.Rule {
	r := rule{env}
	return workflow.Checks{"Task": workflow.Refuses(r.task)}
}

type rule struct{ env workflow.RuleEnv }

func (r rule) task(ctx context.Context, _ store.Reader, before, after *fhir.Resource) error {
	if workflow.TaskKind(before, after) != TaskKind {
		return nil
	}
	if p, ok := access.Person(ctx); ok && !MayHandle(p, r.env.Unit()) {
		return kernel.Forbidden("Bare koordinerende enhet og kreftkoordinatoren behandler kontaktforespørsler.",
			"Only the coordinating unit and the cancer coordinator handle contact requests.")
	}
	if after == nil {
		return nil
	}
	o := after.Object()
	if kernel.PathString(o, "owner", "reference") != kernel.Ref("Organization", r.env.Unit()) {
		return kernel.Violation("En kontaktforespørsel eies av koordinerende enhet.", "A contact request is owned by the coordinating unit.")
	}
	if _, about := o.Get("for"); about {
		return kernel.Violation("En kontaktforespørsel gjelder ingen registrert innbygger.", "A contact request is about no registered citizen.")
	}
	if s := kernel.PathString(o, "status"); s != "requested" && s != "completed" {
		return kernel.Violation("En kontaktforespørsel er åpen eller besvart.", "A contact request is open or answered.")
	}
	req, err := FromFHIR(after)
	if err != nil {
		return err
	}
	var stored []kernel.Field
	if before != nil {
		if b, err := FromFHIR(before); err == nil {
			stored = Fields(b)
		}
	}
	if err := kernel.CheckTexts(Fields(req), stored); err != nil {
		return err
	}
	return Check(req)
}

// MayHandle reports whether p reads and answers contact requests: the unit's staff (its lead and
// case officers) and the coordinators who work in the unit, the cancer coordinator among them.
func MayHandle(p *access.Principal, unit string) bool {
	if p == nil {
		return false
	}
	return p.IsUnitStaff(unit) || (p.Has(access.Coordinator) && slices.Contains(p.Units, unit))
}
