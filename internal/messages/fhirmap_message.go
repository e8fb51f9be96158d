package messages

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// MessageToFHIR is a message as a Communication.
func MessageToFHIR(m Message) *fhir.Resource {
	var to []any
	for _, r := range m.To {
		to = append(to, kernel.Reference(r))
	}
	var reply []any
	if m.InResponseTo != "" {
		reply = kernel.List(kernel.Reference(m.InResponseTo))
	}
	return kernel.NewResource("Communication", m.ID,
		"inResponseTo", reply,
		"status", "completed",
		"subject", kernel.Reference(m.Patient),
		"about", kernel.List(kernel.Reference(m.Plan)),
		"sent", kernel.DateTime(m.Sent),
		"recipient", to,
		"sender", kernel.Reference(m.From),
		"payload", kernel.List(kernel.ObjectOf("contentString", m.Text)),
	)
}

// MessageFromFHIR reads a message back from its Communication.
func MessageFromFHIR(r *fhir.Resource) (Message, error) {
	if err := kernel.Expect(r, "Communication"); err != nil {
		return Message{}, err
	}
	o := r.Object()
	return Message{
		ID:           r.ID(),
		Patient:      kernel.PathString(o, "subject", "reference"),
		Plan:         kernel.PathString(o, "about", "reference"),
		From:         kernel.PathString(o, "sender", "reference"),
		To:           kernel.RefsOf(o, "recipient"),
		Sent:         kernel.PathTime(o, "sent"),
		Text:         kernel.PathString(o, "payload", "contentString"),
		InResponseTo: kernel.PathString(o, "inResponseTo", "reference"),
	}, nil
}
