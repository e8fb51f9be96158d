package coordinators

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// AppointmentFields are the coordinator appointment's stored texts.
func AppointmentFields(a CoordinatorAppointment) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Forslaget til koordinator", EN: "The proposed coordinator"}, kernel.MaxName, a.Proposal)
	fs.Add(kernel.Text{NB: "Begrunnelsen", EN: "The reasons"}, kernel.MaxText, a.Reasons)
	return fs
}

// CoordinatorFields are the register entry's stored texts.
func CoordinatorFields(c Coordinator) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Navnet", EN: "The name"}, kernel.MaxName, c.Name)
	fs.Add(kernel.Text{NB: "Kontaktopplysningen", EN: "The contact detail"}, kernel.MaxName, c.Phone, c.Email)
	for _, k := range c.Courses {
		fs.Add(kernel.Text{NB: "Kursets navn", EN: "The course's name"}, kernel.MaxName, k.Name)
		fs.Add(kernel.Text{NB: "Hvem som holdt kurset", EN: "Who gave the course"}, kernel.MaxName, k.Provider)
	}
	return fs
}

// PractitionerFields are the texts of a Practitioner as the coordinator register keeps it: the
// name, phone and e-mail, the courses.
func PractitionerFields(r *fhir.Resource) ([]kernel.Field, error) {
	c, err := CoordinatorFromFHIR(r, kernel.NewResource("PractitionerRole", ""))
	if err != nil {
		return nil, err
	}
	return CoordinatorFields(c), nil
}
