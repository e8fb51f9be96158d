package contactrequest

import "veiviser/internal/kernel"

// The limits of a request's own fields (the name and note use kernel's).
const (
	MaxPhone = 40
	MaxEmail = 200
	MaxAbout = 1000 // "what it is about": a few lines, not a letter
)

// Fields are the request's texts with their limits, for kernel.CheckTexts.
func Fields(r Request) []kernel.Field {
	fs := []kernel.Field{
		{Name: kernel.Text{NB: "Navnet", EN: "The name"}, Value: r.Name, Max: kernel.MaxName},
		{Name: kernel.Text{NB: "Telefonnummeret", EN: "The phone number"}, Value: r.Phone, Max: MaxPhone},
		{Name: kernel.Text{NB: "E-postadressen", EN: "The e-mail address"}, Value: r.Email, Max: MaxEmail},
		{Name: kernel.Text{NB: "Hva det gjelder", EN: "What it is about"}, Value: r.About, Max: MaxAbout},
	}
	if r.Answer != nil {
		fs = append(fs, kernel.Field{Name: kernel.Text{NB: "Notatet", EN: "The note"}, Value: r.Answer.Note, Max: kernel.MaxText})
	}
	return fs
}
