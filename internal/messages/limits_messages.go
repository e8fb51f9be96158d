package messages

import (
	"veiviser/internal/kernel"
)

// MessageFields are the message's stored texts.
func MessageFields(m Message) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Meldingen", EN: "The message"}, kernel.MaxLongText, m.Text)
	return fs
}
