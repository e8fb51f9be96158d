package allocation

import (
	"encoding/json"
	"strings"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// TaskAppeal is the CSTaskKind code of the Task that keeps an appeal against a decision.
const TaskAppeal = "allocation-appeal"

// AppealStatus is where an appeal is (appeal-status).
type AppealStatus string

// The statuses of an appeal. The office reviews an appeal first (pbrl § 7-2; fvl § 33): it
// changes the decision, or upholds it and forwards the case to the appeal body, whose outcome
// closes it.
const (
	AppealReceived  AppealStatus = "received"  // in, not yet reassessed
	AppealChanged   AppealStatus = "changed"   // the office changed the decision as asked (closed)
	AppealForwarded AppealStatus = "forwarded" // upheld by the office, sent to the appeal body
	AppealUpheld    AppealStatus = "upheld"    // the appeal body upheld the decision (closed)
	AppealReversed  AppealStatus = "reversed"  // the appeal body changed the decision (closed; the office carries it out)
	AppealQuashed   AppealStatus = "quashed"   // the appeal body quashed it and sent it back to be decided anew (closed)
	AppealDismissed AppealStatus = "dismissed" // not taken up (too late without cause, or no right to appeal) (closed)
)

// Closed says whether nothing more happens with the appeal.
func (s AppealStatus) Closed() bool { return s != AppealReceived && s != AppealForwarded }

// Appeal is an appeal (klage) against a decision.
type Appeal struct {
	ID        string
	Decision  string // ServiceRequest/...: the decision appealed against
	Reference string // the application's reference number
	Subject   string // Patient/...
	Appellant string // Patient/... or RelatedPerson/... (a guardian, or the carer as a party)
	Recorder  string // Practitioner/... who registered a paper appeal; "" for one sent in Veiviser
	Text      string // what the appellant writes
	Received  time.Time
	// DaysLate is how many days after the last day to appeal it came; 0 in time. A late appeal
	// can still be taken up (fvl § 31).
	DaysLate int
	Status   AppealStatus
	// Assessment is the office's reassessment: why it changed or upheld the decision.
	Assessment string
	Forwarded  time.Time // when it went to the appeal body
	// Outcome is the appeal body's decision in words, and OutcomeDate its date.
	Outcome     string
	OutcomeDate time.Time
	NewDecision string // ServiceRequest/...: the decision that replaced the one appealed against
	// Documents are the case's documents sent with the appeal to the appeal body: the
	// application, its attachments, the case's documents, the decision and its letter.
	Documents []string
}

// DaysLate is how many days after appealBy an appeal received on received is; 0 when in time.
func DaysLate(appealBy, received time.Time) int {
	if n := kernel.DaysBetween(appealBy, received); n > 0 {
		return n
	}
	return 0
}

// ValidateAppeal checks an appeal as received on now: on a decision, with words, received by
// today.
func ValidateAppeal(a Appeal, now time.Time) error {
	switch {
	case kernel.TypeOf(a.Decision) != "ServiceRequest" || kernel.TypeOf(a.Subject) != "Patient" || a.Appellant == "":
		return kernel.Violation("Klagen må gjelde et vedtak og ha en klager.", "The appeal must be against a decision and have an appellant.")
	case strings.TrimSpace(a.Text) == "":
		return kernel.Violation("Skriv hva du klager på og hvorfor.", "Write what you appeal against and why.")
	case a.Received.IsZero() || kernel.DaysFromToday(now, a.Received) > 0:
		return kernel.Violation("Datoen klagen kom, kan ikke være etter i dag.", "The date the appeal came cannot be after today.")
	}
	return kernel.CheckTexts(AppealFields(a), nil)
}

// AppealFields are the appeal's stored texts.
func AppealFields(a Appeal) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Klagen", EN: "The appeal"}, kernel.MaxLongText, a.Text)
	fs.Add(kernel.Text{NB: "Vurderingen", EN: "The assessment"}, kernel.MaxText, a.Assessment)
	fs.Add(kernel.Text{NB: "Utfallet", EN: "The outcome"}, kernel.MaxText, a.Outcome)
	return fs
}

// AppealToFHIR is the appeal as a Task coded allocation-appeal: focus the decision, for the
// citizen, requester the appellant, owner the office while it is open (so its staff reach the
// citizen), businessStatus where it is (appeal-status), description the appellant's words,
// authoredOn the date received, the days late as an extension, the office's reassessment as a
// note, the case documents sent with it to the appeal body as inputs, and as outputs the date it
// was forwarded, the appeal body's outcome and the new decision.
func AppealToFHIR(a Appeal, office string) *fhir.Resource {
	status := "received"
	switch {
	case a.Status == AppealForwarded:
		status = "on-hold" // waiting for the appeal body
	case a.Status.Closed():
		status = "completed"
	}
	var outputs []any
	if !a.Forwarded.IsZero() {
		outputs = append(outputs, kernel.ObjectOf("type", kernel.TextConcept("forwarded"), "valueDateTime", kernel.DateTime(a.Forwarded)))
	}
	if a.Outcome != "" {
		outputs = append(outputs, kernel.ObjectOf("type", kernel.TextConcept("appeal-body-outcome"), "valueString", a.Outcome))
	}
	if !a.OutcomeDate.IsZero() {
		outputs = append(outputs, kernel.ObjectOf("type", kernel.TextConcept("appeal-body-date"), "valueDate", kernel.DateOnly(a.OutcomeDate)))
	}
	if a.NewDecision != "" {
		outputs = append(outputs, kernel.ObjectOf("type", kernel.TextConcept("new-decision"), "valueReference", kernel.Reference(a.NewDecision)))
	}
	var inputs []any
	for _, d := range a.Documents {
		inputs = append(inputs, kernel.ObjectOf("type", kernel.TextConcept("case-document"), "valueReference", kernel.Reference(d)))
	}
	var note any
	if a.Assessment != "" {
		note = kernel.List(kernel.ObjectOf("text", a.Assessment))
	}
	var days any
	if a.DaysLate > 0 {
		days = kernel.Ext(kernel.ExtDaysLate, "Integer", a.DaysLate)
	}
	return kernel.NewResource("Task", a.ID,
		"extension", kernel.List(days, kernel.Ext(kernel.ExtRecordedBy, "Reference", refOrNil(a.Recorder))),
		"groupIdentifier", kernel.ObjectOf("system", kernel.SystemApplicationReference, "value", a.Reference),
		"status", status,
		"businessStatus", kernel.Concept(kernel.CSAppealStatus, string(a.Status)),
		"intent", "order",
		"code", kernel.Concept(kernel.CSTaskKind, TaskAppeal),
		"description", a.Text,
		"focus", kernel.Reference(a.Decision),
		"for", kernel.Reference(a.Subject),
		"authoredOn", kernel.DateOnly(a.Received),
		"requester", kernel.Reference(a.Appellant),
		"owner", kernel.Reference(kernel.Ref("Organization", office)),
		"note", note,
		"input", inputs,
		"output", outputs,
	)
}

// intOf is a JSON integer as stored (int) or as parsed (json.Number); 0 for anything else.
func intOf(v any) int {
	switch n := v.(type) {
	case int:
		return n
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	}
	return 0
}

// IsAppeal: a Task coded allocation-appeal.
func IsAppeal(r *fhir.Resource) bool { return r != nil && kernel.TaskKind(r) == TaskAppeal }

// AppealFromFHIR reads an appeal back.
func AppealFromFHIR(r *fhir.Resource) (Appeal, error) {
	if err := kernel.Expect(r, "Task"); err != nil {
		return Appeal{}, err
	}
	o := r.Object()
	bs, _ := o.Object("businessStatus")
	a := Appeal{
		ID:         r.ID(),
		Decision:   kernel.PathString(o, "focus", "reference"),
		Reference:  kernel.PathString(o, "groupIdentifier", "value"),
		Subject:    kernel.PathString(o, "for", "reference"),
		Appellant:  kernel.PathString(o, "requester", "reference"),
		Recorder:   kernel.ExtRef(o, kernel.ExtRecordedBy),
		Text:       kernel.PathString(o, "description"),
		Received:   kernel.PathTime(o, "authoredOn"),
		Status:     AppealStatus(kernel.CodeIn(bs, kernel.CSAppealStatus)),
		Assessment: kernel.PathString(o, "note", "text"),
	}
	for _, e := range kernel.Extensions(o, kernel.ExtDaysLate) {
		if n, ok := e.Get("valueInteger"); ok {
			a.DaysLate = intOf(n)
		}
	}
	for _, in := range kernel.Objects(o, "input") {
		if kernel.PathString(in, "type", "text") == "case-document" {
			a.Documents = append(a.Documents, kernel.PathString(in, "valueReference", "reference"))
		}
	}
	for _, out := range kernel.Objects(o, "output") {
		switch kernel.PathString(out, "type", "text") {
		case "forwarded":
			a.Forwarded = kernel.PathTime(out, "valueDateTime")
		case "appeal-body-outcome":
			a.Outcome = kernel.PathString(out, "valueString")
		case "appeal-body-date":
			a.OutcomeDate = kernel.PathTime(out, "valueDate")
		case "new-decision":
			a.NewDecision = kernel.PathString(out, "valueReference", "reference")
		}
	}
	return a, nil
}
