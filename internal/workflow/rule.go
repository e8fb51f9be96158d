package workflow

import (
	"time"

	"veiviser/internal/access"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
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
