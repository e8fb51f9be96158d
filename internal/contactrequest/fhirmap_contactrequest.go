package contactrequest

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// TaskKind is the request's Task.code in kernel.CSTaskKind.
const TaskKind = "contact-request"

// SystemReference is the identifier system of the requests' reference numbers (KK-...).
const SystemReference = "https://veiviser.no/fhir/sid/contact-request-reference"

// The inputs' and outputs' names (Task.input.type.text, Task.output.type.text).
const (
	inName, inPhone, inEmail, inWho, inAbout, inConsent = "name", "phone", "email", "who", "about", "consent"
	outHow, outNote, outBy                              = "how", "note", "by"
)

// ToFHIR is the request as a Task: status requested while open and completed once answered,
// intent order, owner the unit's Organization, no for (the person is not known yet),
// authoredOn when it came, restriction.period.end the answer-by date, the contact details as
// inputs (valueString), and the answer as outputs (how, note; by, the Practitioner, as
// valueReference) with executionPeriod.end when it was answered.
func ToFHIR(r Request, unit string) *fhir.Resource {
	in := func(name, v string) any {
		if v == "" {
			return nil
		}
		return kernel.ObjectOf("type", kernel.TextConcept(name), "valueString", v)
	}
	consent := ""
	if r.Consent {
		consent = "yes"
	}
	inputs := kernel.List(in(inName, r.Name), in(inPhone, r.Phone), in(inEmail, r.Email), in(inWho, string(r.Who)),
		in(inAbout, r.About), in(inConsent, consent))
	status := "requested"
	var outputs []any
	var exec, owner any
	owner = kernel.Reference(kernel.Ref("Organization", unit))
	if a := r.Answer; a != nil {
		status = "completed"
		var by any
		if a.By != "" {
			by = kernel.ObjectOf("type", kernel.TextConcept(outBy), "valueReference", kernel.Reference(a.By))
		}
		outputs = kernel.List(in(outHow, string(a.How)), in(outNote, a.Note), by)
		exec = kernel.ObjectOf("end", kernel.DateTime(a.At))
	}
	return kernel.NewResource("Task", r.ID,
		"identifier", kernel.List(kernel.ObjectOf("system", SystemReference, "value", r.Reference)),
		"status", status, "intent", "order",
		"code", kernel.ObjectOf("coding", kernel.List(kernel.Coding(kernel.CSTaskKind, TaskKind)), "text", "Kontakt fra kreftkoordinatorskjemaet"),
		"authoredOn", kernel.DateTime(r.Received),
		"owner", owner,
		"restriction", kernel.ObjectOf("period", kernel.ObjectOf("end", kernel.DateTime(r.AnswerBy))),
		"executionPeriod", exec,
		"input", inputs,
		"output", outputs)
}

// IsRequest reports whether t is a contact request's Task.
func IsRequest(t *fhir.Resource) bool { return t != nil && kernel.TaskKind(t) == TaskKind }

// FromFHIR reads a request back from its Task.
func FromFHIR(t *fhir.Resource) (Request, error) {
	if err := kernel.Expect(t, "Task"); err != nil {
		return Request{}, err
	}
	o := t.Object()
	vals := func(key string) map[string]string {
		m := map[string]string{}
		for _, x := range kernel.Objects(o, key) {
			v := kernel.PathString(x, "valueString")
			if v == "" {
				v = kernel.PathString(x, "valueReference", "reference")
			}
			m[kernel.PathString(x, "type", "text")] = v
		}
		return m
	}
	in := vals("input")
	r := Request{ID: t.ID(), Received: kernel.PathTime(o, "authoredOn"), AnswerBy: kernel.PathTime(o, "restriction", "period", "end"),
		Input: Input{Name: in[inName], Phone: in[inPhone], Email: in[inEmail], Who: Who(in[inWho]), About: in[inAbout], Consent: in[inConsent] == "yes"}}
	for _, id := range kernel.Objects(o, "identifier") {
		if kernel.PathString(id, "system") == SystemReference {
			r.Reference = kernel.PathString(id, "value")
		}
	}
	if kernel.PathString(o, "status") == "completed" {
		out := vals("output")
		r.Answer = &Answer{At: kernel.PathTime(o, "executionPeriod", "end"), How: How(out[outHow]), Note: out[outNote],
			By: out[outBy]}
	}
	return r, nil
}
