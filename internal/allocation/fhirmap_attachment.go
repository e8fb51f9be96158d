package allocation

import (
	"encoding/base64"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// The DocumentReference.category of an application's attachment and of a document the office
// added to a case.
const (
	attachmentCategory   = "application-attachment"
	caseDocumentCategory = "case-document"
)

// AttachmentToFHIR is the file as a DocumentReference with the content inline (so a backup of
// the store holds it, on both stores), the file's name as its title and description.
func AttachmentToFHIR(a Attachment) *fhir.Resource {
	category, context := attachmentCategory, any(nil)
	if a.Case != "" {
		category, context = caseDocumentCategory, kernel.ObjectOf("related", kernel.List(kernel.Reference(a.Case)))
	}
	return kernel.NewResource("DocumentReference", a.ID,
		"status", "current",
		"category", kernel.List(kernel.Concept(kernel.CSDocumentKind, category)),
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
		"context", context,
	)
}

// IsAttachment: a DocumentReference in the application-attachment or case-document category.
func IsAttachment(r *fhir.Resource) bool {
	if r == nil || r.Type() != "DocumentReference" {
		return false
	}
	c := kernel.ConceptsCode(r.Object(), "category", kernel.CSDocumentKind)
	return c == attachmentCategory || c == caseDocumentCategory
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
		Case:        kernel.PathString(o, "context", "related", "reference"),
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
