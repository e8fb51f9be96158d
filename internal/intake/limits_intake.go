package intake

import (
	"veiviser/internal/kernel"
)

// InquiryFields are the inquiry's stored texts.
func InquiryFields(q Inquiry) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Behovet", EN: "The need"}, kernel.MaxText, q.Need)
	fs.Add(kernel.Text{NB: "Tjenesten", EN: "The service"}, kernel.MaxName, q.CurrentServices...)
	fs.Add(kernel.Text{NB: "Forslaget til koordinator", EN: "The proposed coordinator"}, kernel.MaxName, q.ProposedCoordinator)
	return fs
}

// AssessmentFields are the assessment's stored texts.
func AssessmentFields(a Assessment) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Tjenesten", EN: "The service"}, kernel.MaxName, a.Facts.Services...)
	fs.Add(kernel.Text{NB: "Begrunnelsen", EN: "The reasons"}, kernel.MaxText, a.Reasons)
	fs.Add(kernel.Text{NB: "Hvem saken er henvist til", EN: "Whom the case is referred to"}, kernel.MaxName, a.ReferredTo)
	return fs
}
