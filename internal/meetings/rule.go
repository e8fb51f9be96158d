package meetings

import (
	"context"
	"reflect"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// NewRule returns the meetings' write rule (a records.Rule): responsibility-group meetings (Encounter
// and Appointment) belong to an individual plan and are about its citizen, and are the plan
// coordinator's; their follow-up Tasks are the coordinator's to create or change and their
// owner's to mark done; their texts are within their limits, for every writer.
//
// Who may edit the plan's meetings part is the plan rule's answer.
func NewRule(p plan.Rule) records.Rule {
	r := rule{plan: p}
	meeting := workflow.Texts(IsMeeting, meetingTexts, workflow.Refuses(r.meeting))
	return workflow.Checks{
		"Encounter":   meeting,
		"Appointment": meeting,
		"Task":        workflow.Texts(isFollowUp, followUpTexts, workflow.Refuses(r.task)),
	}
}

type rule struct{ plan plan.Rule }

// isFollowUp: a Task coded meeting-action, a meeting's follow-up.
func isFollowUp(t *fhir.Resource) bool { return kernel.TaskKind(t) == "meeting-action" }

func meetingTexts(r *fhir.Resource) ([]kernel.Field, error) {
	m, err := MeetingFromFHIR(r, nil)
	return MeetingFields(m), err
}

func followUpTexts(r *fhir.Resource) ([]kernel.Field, error) {
	f, err := FollowUpFromFHIR(r)
	return FollowUpFields(f), err
}

// meeting: a responsibility-group meeting belongs to an individual plan and is about its
// citizen (for every writer); a person plans, holds, changes or removes it only as the plan's
// coordinator while a consent to the plan is in force (plan.MayEdit, PartMeetings).
func (r rule) meeting(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !IsMeeting(before) && !IsMeeting(after) {
		return nil
	}
	var plans []plan.IndividualPlan
	for _, res := range []*fhir.Resource{before, after} {
		if res == nil {
			continue
		}
		ip, err := meetingPlan(ctx, rd, res, res == after)
		if err != nil {
			return err
		}
		if ip.ID != "" && !slices.ContainsFunc(plans, func(p plan.IndividualPlan) bool { return p.ID == ip.ID }) {
			plans = append(plans, ip)
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	for _, ip := range plans {
		if err := r.plan.MayEditPlan(ctx, rd, p, ip, []plan.Edit{{Part: consent.PartMeetings}}); err != nil {
			return err
		}
	}
	return nil
}

// meetingPlan is the plan a meeting names; for the new version (strict) it must exist and be
// about the meeting's citizen, else the write is refused as unprocessable.
func meetingPlan(ctx context.Context, rd store.Reader, res *fhir.Resource, strict bool) (plan.IndividualPlan, error) {
	m, err := MeetingFromFHIR(res, nil)
	if err != nil {
		return plan.IndividualPlan{}, err
	}
	ip, ok, err := plan.ByID(ctx, rd, kernel.IDOfType(m.Plan, "CarePlan"))
	if err != nil || !strict {
		return ip, err
	}
	if !ok {
		return ip, kernel.Text{NB: "Et ansvarsgruppemøte må høre til en individuell plan (utvidelsen «plan»).",
			EN: "A responsibility-group meeting must belong to an individual plan (the “plan” extension)."}.Err(apperr.Unprocessable)
	}
	if m.Patient != ip.Patient {
		return ip, kernel.Text{NB: "Møtet må gjelde innbyggeren planen gjelder (" + ip.Patient + ").",
			EN: "The meeting must be about the citizen the plan is about (" + ip.Patient + ")."}.Err(apperr.Unprocessable)
	}
	return ip, nil
}

// task: follow-ups from meetings are the plan coordinator's, and their owner's to close. Only
// Tasks with a code in the unit's task-kind code system are the unit's (a version that drops
// the code is still checked as what it was).
func (r rule) task(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	res := after
	if res == nil {
		res = before
	}
	kind := kernel.TaskKind(after)
	if kind == "" {
		kind = kernel.TaskKind(before)
	}
	switch kind {
	case "meeting-action":
	default:
		return nil
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	f, err := FollowUpFromFHIR(res)
	if err != nil {
		return err
	}
	me := p.Ref()
	ip, ok, err := plan.ByID(ctx, rd, kernel.IDOfType(f.Plan, "CarePlan"))
	if err != nil {
		return err
	}
	if ok && me != "" && ip.Coordinator == me {
		return nil
	}
	if before != nil && after != nil && (f.Owner == me || slices.ContainsFunc(p.Units, func(u string) bool { return f.Owner == kernel.Ref("Organization", u) })) {
		old, err := FollowUpFromFHIR(before)
		if err != nil {
			return err
		}
		old.Status, old.Done = f.Status, f.Done
		if reflect.DeepEqual(old, f) {
			return nil // the owner changes the status only
		}
	}
	return kernel.Text{NB: "Bare koordinatoren endrer oppfølgingsoppgaver; den ansvarlige kan melde dem utført.",
		EN: "Only the coordinator changes follow-up tasks; their owner may mark them done."}.Err(apperr.Forbidden)
}

// IsMeeting reports whether an Encounter or Appointment is a responsibility-group meeting: it
// carries the meeting kind or names the plan it belongs to.
func IsMeeting(res *fhir.Resource) bool {
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
