package plan

import (
	"slices"
	"strings"

	"veiviser/internal/consent"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// Masking what the consent does not share, in the FHIR records themselves, for the API (the web
// shows a plan through a view that leaves those parts out of the domain plan). A participant who
// sees the plan by a grant gets each record of the plan with the elements of the parts the grant
// does not cover removed; the intake (the inquiry, the assessment, its letter) is the citizen's
// and the unit's, so they get it without its content unless they wrote or own it. A record with
// anything removed carries meta.security REDACTED, and an element R4 requires is kept as a
// data-absent-reason "masked" in place of its value, so the record is still valid R4.

const (
	csObservationValue = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue"
	extDataAbsent      = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
)

// CitizenPlans is what masking needs to know of one citizen's individual plans: their ids and
// the Goals and CareTeams they name.
type CitizenPlans struct {
	Plans, Goals, Teams map[string]bool // resource ids
}

// PlansOf indexes a citizen's CarePlans (records of other categories are not plans).
func PlansOf(carePlans []*fhir.Resource) CitizenPlans {
	cp := CitizenPlans{Plans: map[string]bool{}, Goals: map[string]bool{}, Teams: map[string]bool{}}
	for _, r := range carePlans {
		if !IsIndividualPlan(r) {
			continue
		}
		cp.Plans[r.ID()] = true
		for _, g := range kernel.RefsOf(r.Object(), "goal") {
			cp.Goals[kernel.RefID(g)] = true
		}
		for _, t := range kernel.RefsOf(r.Object(), "careTeam") {
			cp.Teams[kernel.RefID(t)] = true
		}
	}
	return cp
}

// IsIndividualPlan reports whether r is an individual plan: a CarePlan with a category coding
// in the plan-category code system.
func IsIndividualPlan(r *fhir.Resource) bool {
	return r != nil && r.Type() == "CarePlan" && kernel.ConceptsCode(r.Object(), "category", kernel.CSPlanCategory) != ""
}

// hasKind reports whether the CodeableConcept at key has a coding in system: the unit's kinds
// of record are known by their code system, whatever other codings they carry.
func hasKind(o *fhir.Object, key, system string) bool {
	cc, _ := o.Object(key)
	return kernel.CodeIn(cc, system) != ""
}

// partOf reports whether id is the plan's, or a part named by a plan's id (a goal proposal not
// yet in the plan's list).
func (cp CitizenPlans) partOf(id string, listed map[string]bool) bool {
	if listed[id] {
		return true
	}
	for i := strings.LastIndex(id, "-"); i > 0; i = strings.LastIndex(id[:i], "-") {
		if cp.Plans[id[:i]] {
			return true
		}
	}
	return false
}

// Mask removes from r, a record about the citizen whose plans are cp, what a participant may not
// see: viewers are their references (Practitioner/x, RelatedPerson/y, the Organization they act
// for), see the parts their grants show them now. It reports whether anything was removed; a
// record that is no part of the plan or the intake is left as it is.
func Mask(r *fhir.Resource, cp CitizenPlans, viewers []string, see func(consent.PlanPart) bool) bool {
	o := r.Object()
	var removed bool
	switch r.Type() {
	case "CarePlan":
		if cp.Plans[r.ID()] {
			removed = maskPlan(o, see)
		}
	case "Goal":
		if cp.partOf(r.ID(), cp.Goals) {
			removed = maskGoal(o, see)
		}
	case "CareTeam":
		if cp.partOf(r.ID(), cp.Teams) {
			removed = maskTeam(o, see)
		}
	case "Encounter", "Appointment":
		if cp.Plans[kernel.RefID(kernel.ExtRef(o, kernel.ExtPlan))] && !see(consent.PartMeetings) {
			removed = maskMeeting(o, r.Type() == "Appointment", viewers)
		}
	case "Consent":
		if kernel.ConceptsCode(o, "category", kernel.CSConsentCategory) != "" && !see(consent.PartConsent) {
			removed = maskConsent(o, viewers)
		}
	case "ServiceRequest":
		if hasKind(o, "code", kernel.CSInquiryKind) && !slices.Contains(viewers, kernel.PathString(o, "requester", "reference")) {
			removed = drop(o, "extension", "reasonCode", "reasonReference", "note", "requester", "supportingInfo", "patientInstruction")
		}
	case "Task":
		if hasKind(o, "code", kernel.CSTaskKind) && !slices.Contains(viewers, kernel.PathString(o, "owner", "reference")) {
			removed = drop(o, "input", "output", "note", "description")
		}
	case "Communication":
		if !slices.Contains(viewers, kernel.PathString(o, "sender", "reference")) && !namesAny(kernel.RefsOf(o, "recipient"), viewers) {
			removed = drop(o, "payload", "note")
		}
	}
	if removed {
		markRedacted(o)
	}
	return removed
}

// planPartElements are the CarePlan's elements and extensions by the part they hold.
var planPartElements = []struct {
	part     consent.PlanPart
	elements []string
	exts     []string
}{
	{consent.PartResources, nil, []string{kernel.ExtPlanResource}},
	{consent.PartNeeds, nil, []string{kernel.ExtPlanNeed}},
	{consent.PartOwnContribution, nil, []string{kernel.ExtOwnContribution}},
	{consent.PartCoordination, nil, []string{kernel.ExtCoordination}},
	{consent.PartCooperation, nil, []string{kernel.ExtCooperation}},
	{consent.PartPeriod, []string{"period"}, []string{kernel.ExtEvaluationDate}},
	{consent.PartCoordinator, []string{"author"}, []string{kernel.ExtCoordinatorKind}},
	{consent.PartParticipants, []string{"careTeam"}, nil},
	{consent.PartConsent, []string{"supportingInfo"}, nil},
	{consent.PartGoalWords, []string{"goal"}, nil},
	{consent.PartMeasures, []string{"activity"}, nil},
	{consent.PartComments, []string{"note"}, nil},
}

// extPlanLog is the plan's log of changes, for the coordinator's page alone.
const extPlanLog = "plan-log"

func maskPlan(o *fhir.Object, see func(consent.PlanPart) bool) bool {
	removed := dropExtensions(o, extPlanLog)
	for _, pe := range planPartElements {
		if see(pe.part) {
			continue
		}
		removed = drop(o, pe.elements...) || removed
		removed = dropExtensions(o, pe.exts...) || removed
	}
	if see(consent.PartMeasures) && !see(consent.PartMeasureProgress) {
		for _, act := range kernel.Objects(o, "activity") {
			removed = drop(act, "progress") || removed
		}
	}
	return removed
}

func maskGoal(o *fhir.Object, see func(consent.PlanPart) bool) bool {
	if s, _ := o.String("lifecycleStatus"); s == "proposed" {
		// a proposal is the citizen's words to the coordinator: the goal-proposals part alone
		if see(consent.PartGoalProposals) {
			return false
		}
		removed := maskDescription(o)
		return drop(o, "target", "note", "expressedBy") || removed
	}
	removed := false
	if !see(consent.PartGoalWords) {
		removed = maskDescription(o)
	}
	if !see(consent.PartGoalTargets) {
		removed = drop(o, "target") || removed
		removed = dropExtensions(o, kernel.ExtParentGoal) || removed
	}
	if !see(consent.PartEvaluations) {
		removed = drop(o, "achievementStatus") || removed
		removed = dropExtensions(o, kernel.ExtGoalEvaluation) || removed
	}
	return removed
}

// maskDescription keeps Goal.description, which R4 requires, as masked.
func maskDescription(o *fhir.Object) bool {
	if _, ok := o.Get("description"); !ok {
		return false
	}
	o.Set("description", masked())
	return true
}

func maskTeam(o *fhir.Object, see func(consent.PlanPart) bool) bool {
	parts, _ := o.Array("participant")
	var kept []any
	removed := false
	for _, v := range parts {
		pt, _ := v.(*fhir.Object)
		if pt == nil {
			continue
		}
		coordinator := kernel.ConceptsCode(pt, "role", kernel.CSParticipantRole) == string(kernel.RoleCoordinator)
		if (coordinator && !see(consent.PartCoordinator)) || (!coordinator && !see(consent.PartParticipants)) {
			removed = true
			continue
		}
		if !see(consent.PartContributions) {
			removed = dropExtensions(pt, kernel.ExtContribution) || removed
		}
		kept = append(kept, pt)
	}
	if removed {
		setOrDrop(o, "participant", kept)
	}
	return removed
}

// maskMeeting keeps when and that a meeting of the plan is, and the viewer's own place in it.
func maskMeeting(o *fhir.Object, appointment bool, viewers []string) bool {
	removed := dropExtensions(o, kernel.ExtMeetingMinutes, kernel.ExtMeetingPlace, kernel.ExtMeetingParticipant)
	removed = drop(o, "reasonCode", "reasonReference", "diagnosis", "description", "comment", "patientInstruction", "serviceType") || removed
	key, member := "participant", "individual"
	if appointment {
		member = "actor"
	}
	parts, _ := o.Array(key)
	var kept []any
	for _, v := range parts {
		pt, _ := v.(*fhir.Object)
		if pt != nil && slices.Contains(viewers, kernel.PathString(pt, member, "reference")) {
			kept = append(kept, pt)
		} else {
			removed = true
		}
	}
	if appointment && len(kept) == 0 && len(parts) > 0 {
		// an Appointment has at least one participant: the first, with whom withheld
		first := parts[0].(*fhir.Object).Clone()
		first.Set("actor", masked())
		kept = []any{first}
	}
	if removed {
		setOrDrop(o, key, kept)
	}
	return removed
}

// maskConsent keeps the consent's kind and state, and the grants of the viewer's own.
func maskConsent(o *fhir.Object, viewers []string) bool {
	removed := drop(o, "extension", "performer", "sourceAttachment", "sourceReference")
	top, _ := o.Object("provision")
	if top == nil {
		return removed
	}
	nested, _ := top.Array("provision")
	var kept []any
	for _, v := range nested {
		n, _ := v.(*fhir.Object)
		if n != nil && namesAny(actorRefs(n), viewers) {
			kept = append(kept, n)
		} else {
			removed = true
		}
	}
	actors, _ := top.Array("actor")
	var keptActors []any
	for _, v := range actors {
		a, _ := v.(*fhir.Object)
		if a != nil && slices.Contains(viewers, kernel.PathString(a, "reference", "reference")) {
			keptActors = append(keptActors, a)
		} else {
			removed = true
		}
	}
	setOrDrop(top, "provision", kept)
	setOrDrop(top, "actor", keptActors)
	return removed
}

func actorRefs(provision *fhir.Object) []string {
	var out []string
	for _, a := range kernel.Objects(provision, "actor") {
		out = append(out, kernel.PathString(a, "reference", "reference"))
	}
	return out
}

func namesAny(refs, viewers []string) bool {
	for _, r := range refs {
		if r != "" && slices.Contains(viewers, r) {
			return true
		}
	}
	return false
}

// drop removes the keys o has and reports whether it had any.
func drop(o *fhir.Object, keys ...string) bool {
	removed := false
	for _, k := range keys {
		if _, ok := o.Get(k); ok {
			o.Delete(k)
			removed = true
		}
	}
	return removed
}

// dropExtensions removes o's extensions of Veiviser's names.
func dropExtensions(o *fhir.Object, names ...string) bool {
	exts, _ := o.Array("extension")
	var kept []any
	for _, v := range exts {
		e, _ := v.(*fhir.Object)
		if e != nil && slices.ContainsFunc(names, func(n string) bool { return kernel.PathString(e, "url") == kernel.ExtensionBase+n }) {
			continue
		}
		kept = append(kept, v)
	}
	if len(kept) == len(exts) {
		return false
	}
	setOrDrop(o, "extension", kept)
	return true
}

func setOrDrop(o *fhir.Object, key string, v []any) {
	if len(v) == 0 {
		o.Delete(key)
		return
	}
	o.Set(key, v)
}

// masked is an element whose value is withheld (data-absent-reason masked).
func masked() *fhir.Object {
	return kernel.ObjectOf("extension", kernel.List(kernel.ObjectOf("url", extDataAbsent, "valueCode", "masked")))
}

// markRedacted adds the REDACTED security label to the record's meta.
func markRedacted(o *fhir.Object) {
	meta, _ := o.Object("meta")
	if meta == nil {
		meta = kernel.ObjectOf()
		o.Set("meta", meta)
	}
	labels, _ := meta.Array("security")
	meta.Set("security", append(labels, kernel.Coding(csObservationValue, "REDACTED")))
}
