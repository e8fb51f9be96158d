package messages

import (
	"context"
	"slices"

	"veiviser/internal/access"
	"veiviser/internal/apperr"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/plan"
	"veiviser/internal/records"
	"veiviser/internal/store"
	"veiviser/internal/workflow"
)

// NewRule returns the messages' write rule (a records.Rule) over the unit's Communications: sent in
// one's own name, complete, about the plan's citizen, and within their text limits.
func NewRule(env workflow.RuleEnv) records.Rule {
	return workflow.Checks{"Communication": workflow.Texts(nil, messageTexts, workflow.Refuses(rule{env}.communication))}
}

type rule struct{ env workflow.RuleEnv }

func messageTexts(r *fhir.Resource) ([]kernel.Field, error) {
	m, err := MessageFromFHIR(r)
	return MessageFields(m), err
}

// communication: the unit's messages (isUnitMessage: about an individual plan, or the unit's
// letters) are sent, changed or removed by a person only in their own name, or in the name of an
// organisation they work in; the coordinating unit's letters are its lead's and case officers'.
// For every writer, such a message about a citizen has a sender, a recipient, text and a time,
// and one about a plan is about the plan's citizen. Other Communications are not the unit's.
func (r rule) communication(ctx context.Context, rd store.Reader, before, after *fhir.Resource) error {
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
func (r rule) validMessage(ctx context.Context, rd store.Reader, after *fhir.Resource) error {
	if after == nil || kernel.TypeOfRef(kernel.PathString(after.Object(), "subject", "reference")) != "Patient" {
		return nil
	}
	m, err := MessageFromFHIR(after)
	if err != nil {
		return err
	}
	if err := ValidateMessage(m); err != nil {
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
func (r rule) maySendAs(p *access.Principal, sender string) bool {
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

// isUnitMessage: a Communication that is the unit's: about an individual plan, or sent by the
// coordinating unit (its letters). Other messages about a citizen are another workflow's.
func (r rule) isUnitMessage(ctx context.Context, rd store.Reader, res *fhir.Resource) (bool, error) {
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
