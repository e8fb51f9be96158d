package messages

import (
	"encoding/base64"

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
		"payload", kernel.List(kernel.ObjectOf("contentString", m.Text), pdfPayload(m)),
	)
}

// pdfPayload is a letter's PDF as the Communication's second payload, inline, so a record
// system reading the letter over the API gets it as it was sent.
func pdfPayload(m Message) any {
	if m.PDF == nil {
		return nil
	}
	return kernel.ObjectOf("contentAttachment", kernel.ObjectOf("contentType", "application/pdf",
		"data", base64.StdEncoding.EncodeToString(m.PDF), "size", len(m.PDF), "creation", kernel.DateTime(m.Sent)))
}

// readPDF is the letter's PDF from its payloads; nil when it has none or it is not base64.
func readPDF(o *fhir.Object) []byte {
	for _, p := range kernel.Objects(o, "payload") {
		if kernel.PathString(p, "contentAttachment", "contentType") != "application/pdf" {
			continue
		}
		if data, err := base64.StdEncoding.DecodeString(kernel.PathString(p, "contentAttachment", "data")); err == nil {
			return data
		}
	}
	return nil
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
		PDF:          readPDF(o),
	}, nil
}
