package allocation

import (
	"encoding/base64"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// attachmentCategory is the DocumentReference.category of an application's attachment.
const attachmentCategory = "application-attachment"

// AttachmentToFHIR is the file as a DocumentReference with the content inline (so a backup of
// the store holds it, on both stores), the file's name as its title and description.
func AttachmentToFHIR(a Attachment) *fhir.Resource {
	return kernel.NewResource("DocumentReference", a.ID,
		"status", "current",
		"category", kernel.List(kernel.Concept(kernel.CSDocumentKind, attachmentCategory)),
		"subject", kernel.Reference(a.Subject),
		"date", kernel.DateTime(a.Created),
		"author", kernel.List(kernel.Reference(a.Author)),
		"description", a.Name,
		"content", kernel.List(kernel.ObjectOf("attachment", kernel.ObjectOf(
			"contentType", a.ContentType,
			"data", base64.StdEncoding.EncodeToString(a.Data),
			"size", len(a.Data),
			"title", a.Name,
			"creation", kernel.DateTime(a.Created),
		))),
	)
}

// IsAttachment: a DocumentReference in the application-attachment category.
func IsAttachment(r *fhir.Resource) bool {
	return r != nil && r.Type() == "DocumentReference" && kernel.ConceptsCode(r.Object(), "category", kernel.CSDocumentKind) == attachmentCategory
}

// AttachmentFromFHIR reads the file back.
func AttachmentFromFHIR(r *fhir.Resource) (Attachment, error) {
	if err := kernel.Expect(r, "DocumentReference"); err != nil {
		return Attachment{}, err
	}
	o := r.Object()
	a := Attachment{
		ID:          r.ID(),
		Name:        kernel.PathString(o, "description"),
		Subject:     kernel.PathString(o, "subject", "reference"),
		Created:     kernel.PathTime(o, "date"),
		ContentType: kernel.PathString(o, "content", "attachment", "contentType"),
	}
	if authors := kernel.RefsOf(o, "author"); len(authors) > 0 {
		a.Author = authors[0]
	}
	data, err := base64.StdEncoding.DecodeString(kernel.PathString(o, "content", "attachment", "data"))
	if err != nil {
		return a, kernel.Violation("Vedlegget kan ikke leses.", "The attachment cannot be read.")
	}
	a.Data = data
	return a, nil
}
