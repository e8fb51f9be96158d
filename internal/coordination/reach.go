package coordination

import (
	"context"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/store"
)

// Which records are the coordinating unit's. The rules act on these and on nothing else: a
// record of the same type that another workflow wrote (a hospital's CareTeam, a treatment
// consent, a lab order) is neither checked, refused nor changed by them. A record is the unit's
// when the element that says what kind it is carries one of the unit's code systems
// (care.CodeSystemBase), or when it is a part of an individual plan by care's resource ids.
// docs/fhir.md lists them per rule.

// isMeeting reports whether an Encounter or Appointment is a responsibility-group meeting: it
// carries the meeting kind or names the plan it belongs to.
func isMeeting(res *fhir.Resource) bool {
	if res == nil {
		return false
	}
	o := res.Object()
	if kernel.HasCoding(o, "type", kernel.CSMeetingKind) || kernel.HasCoding(o, "serviceType", kernel.CSMeetingKind) {
		return true
	}
	for _, e := range kernel.Objects(o, "extension") {
		if u, _ := e.String("url"); u == kernel.ExtensionBase+"plan" {
			return true
		}
	}
	return false
}

// isUnitMessage: a Communication that is the unit's: about an individual plan, or sent by the
// coordinating unit (its letters). Other messages about a citizen are another workflow's.
func (r *Rules) isUnitMessage(ctx context.Context, rd store.Reader, res *fhir.Resource) (bool, error) {
	if res == nil {
		return false, nil
	}
	o := res.Object()
	if kernel.PathString(o, "sender", "reference") == kernel.Ref("Organization", r.env.Unit()) {
		return true, nil
	}
	for _, a := range kernel.Objects(o, "about") {
		id := kernel.IDOfType(kernel.PathString(a, "reference"), "CarePlan")
		if id == "" {
			continue
		}
		if _, ok, err := plan.ByID(ctx, rd, id); err != nil || ok {
			return ok, err
		}
	}
	return false, nil
}
