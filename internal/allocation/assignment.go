package allocation

import (
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// TaskCase is the CSTaskKind code of the Task that keeps an application's case: who in the
// office handles it.
const TaskCase = "allocation-case"

// Assignment is which officer handles an application.
type Assignment struct {
	Reference string // the application's
	Subject   string // Patient/...
	Officer   string // Practitioner/...
	Office    string // Organization id
	Services  []string
	Since     string // when it was assigned, as FHIR dateTime
	// ReplyExpected is the date a preliminary reply promised the decision by, and ReplyLetter
	// the letter (Communication/...); zero and "" before one is sent.
	ReplyExpected time.Time
	ReplyLetter   string
	// Closed: every service applied for is decided (the Task is completed).
	Closed bool
	// Assessment is the office's assessment of the case (nil before one), and Notes its notes.
	Assessment *Assessment
	Notes      []Note
}

// CaseID is the id of an application's case Task: one per application.
func CaseID(reference string) string { return "case-" + reference }

// AssignmentToFHIR is the case as an in-progress Task: owner the officer, requester the office,
// for the citizen, based on the application's ServiceRequests, the reference number as its
// groupIdentifier.
func AssignmentToFHIR(a Assignment) *fhir.Resource {
	var based []any
	for _, id := range a.Services {
		based = append(based, kernel.Reference("ServiceRequest/"+id))
	}
	var focus any
	if len(a.Services) > 0 {
		focus = kernel.Reference("ServiceRequest/" + a.Services[0])
	}
	return kernel.NewResource("Task", CaseID(a.Reference),
		"groupIdentifier", kernel.ObjectOf("system", kernel.SystemApplicationReference, "value", a.Reference),
		"status", caseStatus(a.Closed),
		"intent", "order",
		"code", kernel.Concept(kernel.CSTaskKind, TaskCase),
		"basedOn", kernel.List(based...),
		"focus", focus,
		"for", kernel.Reference(a.Subject),
		"lastModified", a.Since,
		"requester", kernel.Reference(kernel.Ref("Organization", a.Office)),
		"owner", kernel.Reference(a.Officer),
		"restriction", restriction(a.ReplyExpected),
		"input", assessmentInputs(a.Assessment),
		"output", kernel.List(replyOutput(a.ReplyLetter)),
		"note", notesToFHIR(a.Notes),
	)
}

func caseStatus(closed bool) string {
	if closed {
		return "completed"
	}
	return "in-progress"
}

func restriction(expected time.Time) any {
	if expected.IsZero() {
		return nil
	}
	return kernel.ObjectOf("period", kernel.ObjectOf("end", kernel.DateOnly(expected)))
}

// replyOutput is the preliminary reply as the case's output: the letter it sent.
func replyOutput(letter string) any {
	if letter == "" {
		return nil
	}
	return kernel.ObjectOf("type", kernel.TextConcept("preliminary-reply"), "valueReference", kernel.Reference(letter))
}

// AssignmentFromFHIR reads the case back.
func AssignmentFromFHIR(r *fhir.Resource) Assignment {
	o := r.Object()
	a := Assignment{
		Reference:     kernel.PathString(o, "groupIdentifier", "value"),
		Subject:       kernel.PathString(o, "for", "reference"),
		Officer:       kernel.PathString(o, "owner", "reference"),
		Office:        kernel.IDOf(kernel.PathString(o, "requester", "reference")),
		Since:         kernel.PathString(o, "lastModified"),
		ReplyExpected: kernel.PathTime(o, "restriction", "period", "end"),
		ReplyLetter:   kernel.PathString(o, "output", "valueReference", "reference"),
	}
	status, _ := o.String("status")
	a.Closed = status == "completed"
	a.Assessment, a.Notes = assessmentFrom(o), notesFrom(o)
	for _, ref := range kernel.RefsOf(o, "basedOn") {
		a.Services = append(a.Services, kernel.IDOf(ref))
	}
	return a
}
