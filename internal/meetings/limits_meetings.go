package meetings

import (
	"veiviser/internal/kernel"
)

// MeetingFields are the meeting's stored texts, its follow-ups' too.
func MeetingFields(m Meeting) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Møtestedet", EN: "The meeting place"}, kernel.MaxName, m.Location)
	fs.Add(kernel.Text{NB: "Referatet", EN: "The minutes"}, kernel.MaxLongText, m.Minutes)
	for _, a := range m.Actions {
		fs = append(fs, FollowUpFields(a)...)
	}
	return fs
}

// FollowUpFields are the follow-up's stored texts.
func FollowUpFields(f FollowUp) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Oppfølgingspunktet", EN: "The follow-up"}, kernel.MaxText, f.Description)
	fs.Add(kernel.Text{NB: "Navnet på den ansvarlige", EN: "The responsible's name"}, kernel.MaxName, f.OwnerName)
	return fs
}
