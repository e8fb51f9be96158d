package coordination

import (
	"context"
	"reflect"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/meetings"
	"veiviser/internal/messages"
	"veiviser/internal/plan"
	"veiviser/internal/store"
)

// meeting: a responsibility-group meeting belongs to an individual plan and is about its
// citizen (for every writer); a person plans, holds, changes or removes it only as the plan's
// coordinator while a consent to the plan is in force (care.MayEdit, PartMeetings).
func (r *Rules) meeting(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	if !isMeeting(before) && !isMeeting(after) {
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
		if err := r.plan().MayEditPlan(ctx, rd, p, ip, []plan.Edit{{Part: consent.PartMeetings}}); err != nil {
			return err
		}
	}
	return nil
}

// meetingPlan is the plan a meeting names; for the new version (strict) it must exist and be
// about the meeting's citizen, else the write is refused as unprocessable.
func meetingPlan(ctx context.Context, rd store.Reader, res *fhir.Resource, strict bool) (plan.IndividualPlan, error) {
	m, err := meetings.MeetingFromFHIR(res, nil)
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

// communication: the unit's messages (isUnitMessage: about an individual plan, or the unit's
// letters) are sent, changed or removed by a person only in their own name, or in the name of an
// organisation they work in; the coordinating unit's letters are its lead's and case officers'.
// For every writer, such a message about a citizen has a sender, a recipient, text and a time,
// and one about a plan is about the plan's citizen. Other Communications are not the unit's.
func (r *Rules) communication(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
	var ours []*fhir.Resource
	for _, res := range []*fhir.Resource{before, after} {
		ok, err := r.isUnitMessage(ctx, rd, res)
		if err != nil {
			return err
		}
		if ok {
			ours = append(ours, res)
		}
	}
	if len(ours) == 0 {
		return nil
	}
	if after != nil && slices.Contains(ours, after) {
		if err := r.validMessage(ctx, rd, after); err != nil {
			return err
		}
	}
	p, ok := access.Person(ctx)
	if !ok {
		return nil
	}
	for _, res := range ours {
		if sender := kernel.PathString(res.Object(), "sender", "reference"); !r.maySendAs(p, sender) {
			return kernel.Text{NB: "Du kan bare sende og endre meldinger i ditt eget navn.",
				EN: "You may send and change messages only in your own name."}.Err(apperr.Forbidden)
		}
	}
	return nil
}

// validMessage: a message about a citizen is complete, and one about a plan is about the
// plan's citizen.
func (r *Rules) validMessage(ctx context.Context, rd store.Reader, after *fhir.Resource) error {
	if after == nil || kernel.TypeOfRef(kernel.PathString(after.Object(), "subject", "reference")) != "Patient" {
		return nil
	}
	m, err := messages.MessageFromFHIR(after)
	if err != nil {
		return err
	}
	if err := messages.ValidateMessage(m); err != nil {
		return err
	}
	if id := kernel.IDOfType(m.Plan, "CarePlan"); id != "" {
		ip, ok, err := plan.ByID(ctx, rd, id)
		if err != nil {
			return err
		}
		if ok && ip.Patient != m.Patient {
			return kernel.Text{NB: "En melding om planen må gjelde innbyggeren planen gjelder.",
				EN: "A message about the plan must be about the citizen the plan is about."}.Err(apperr.Unprocessable)
		}
	}
	return nil
}

// maySendAs: the principal's own record, a RelatedPerson they are, or an organisation they
// work in (the coordinating unit: its lead and case officers only).
func (r *Rules) maySendAs(p *access.Principal, sender string) bool {
	switch {
	case sender == "":
		return false
	case p.Has(access.Administrator):
		return true
	case sender == kernel.Ref("Organization", r.env.Unit()):
		return r.env.IsUnitStaff(p)
	case sender == kernel.Ref("Practitioner", p.PractitionerID) || sender == kernel.Ref("Patient", p.PatientID):
		return true
	}
	return slices.ContainsFunc(p.RelatedPersonIDs, func(id string) bool { return sender == kernel.Ref("RelatedPerson", id) }) ||
		slices.ContainsFunc(p.Units, func(u string) bool { return sender == kernel.Ref("Organization", u) })
}

// task: follow-ups from meetings are the plan coordinator's, and their owner's to close. Only
// Tasks with a code in the unit's task-kind code system are the unit's (a version that drops
// the code is still checked as what it was).
func (r *Rules) task(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
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
	f, err := meetings.FollowUpFromFHIR(res)
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
		old, err := meetings.FollowUpFromFHIR(before)
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
