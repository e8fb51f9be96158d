package workflow

import (
	"context"
	"time"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/store"
)

// RuleEnv is what every area's write rule knows besides the records it reads: the time, for
// consents and periods, and the coordinating unit.
type RuleEnv struct {
	clock func() time.Time
	unit  string
}

// NewRuleEnv returns the rules' env; clock nil is time.Now, unit "" is DefaultUnit.
func NewRuleEnv(clock func() time.Time, unit string) RuleEnv {
	if clock == nil {
		clock = time.Now
	}
	if unit == "" {
		unit = DefaultUnit
	}
	return RuleEnv{clock: clock, unit: unit}
}

// Now is the rules' time.
func (e RuleEnv) Now() time.Time { return e.clock().UTC() }

// Unit is the coordinating unit's Organization id.
func (e RuleEnv) Unit() string { return e.unit }

// IsUnitStaff reports whether p is a unit lead or case officer of the coordinating unit.
func (e RuleEnv) IsUnitStaff(p *access.Principal) bool { return p.IsUnitStaff(e.unit) }

// Written is the version a write is about: after, or before for a delete; nil for neither.
func Written(before, after *fhir.Resource) *fhir.Resource {
	if after != nil {
		return after
	}
	return before
}

// CheckTexts is the rule every writer keeps, systems included: no stored text of an area's
// record is longer than its limit (fields reads them, with their limits, from a version of the
// record). A text stored already passes unchanged, so a record from before the limits can
// still be changed in its other parts. A version fields cannot read is left to the record's own
// rule to refuse.
func CheckTexts(before, after *fhir.Resource, fields func(*fhir.Resource) ([]kernel.Field, error)) error {
	if after == nil {
		return nil
	}
	a, err := fields(after)
	if err != nil {
		return nil
	}
	var b []kernel.Field
	if before != nil && before.Type() == after.Type() {
		b, _ = fields(before)
	}
	return kernel.CheckTexts(a, b)
}

// TaskKind is the kind (kernel.TaskKind) of the Task a write is about: the new version's, or the
// old one's when the write drops it, so a Task cannot leave its rule by losing its code.
func TaskKind(before, after *fhir.Resource) string {
	if kind := kernel.TaskKind(after); kind != "" {
		return kind
	}
	return kernel.TaskKind(before)
}

// Check is what a write of one resource type must pass in an area's write rule: an error
// refuses it (and its transaction), and the resources returned are written with it as its
// consequences (records.Rule says how).
type Check func(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error)

// Checks is an area's write rule by resource type, as a records.Rule: a write of a type not in
// it is not the area's and passes.
type Checks map[string]Check

// CheckWrite implements records.Rule.
func (c Checks) CheckWrite(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
	res := Written(before, after)
	if res == nil {
		return nil, nil
	}
	if check, ok := c[res.Type()]; ok {
		return check(ctx, rd, before, after)
	}
	return nil, nil
}

// Pass is a Check that asks nothing more (of a record whose texts alone are bounded).
func Pass(context.Context, store.Reader, *fhir.Resource, *fhir.Resource) ([]*fhir.Resource, error) {
	return nil, nil
}

// Refuses is a Check that only refuses: it has no consequences.
func Refuses(f func(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error) Check {
	return func(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
		return nil, f(ctx, rd, before, after)
	}
}

// Texts is next after CheckTexts: the written version's texts within their limits, when is
// says the version is the area's record (is nil: every version of the type is).
func Texts(is func(*fhir.Resource) bool, fields func(*fhir.Resource) ([]kernel.Field, error), next Check) Check {
	return func(ctx context.Context, rd store.Reader, before, after *fhir.Resource) ([]*fhir.Resource, error) {
		if after != nil && (is == nil || is(after)) {
			if err := CheckTexts(before, after, fields); err != nil {
				return nil, err
			}
		}
		return next(ctx, rd, before, after)
	}
}
