package care

// The stored text limited of each of care's records, with their limits, for CheckTexts.

// field names, bokmål and English, as the refusal names them
var (
	nameTitle          = Text{"Tittelen", "The title"}
	nameGoal           = Text{"Målet", "The goal"}
	nameTarget         = Text{"Det målbare i målet", "The goal's target"}
	nameResource       = Text{"Ressursen", "The resource"}
	nameNeed           = Text{"Behovet", "The need"}
	nameParticipant    = Text{"Deltakerens navn", "The participant's name"}
	nameCoordinator    = Text{"Koordinatorens navn", "The coordinator's name"}
	nameOwnPart        = Text{"Innbyggerens eget bidrag", "The citizen's own contribution"}
	nameContribution   = Text{"Bidraget", "The contribution"}
	nameMeasure        = Text{"Tiltakets navn", "The measure's title"}
	nameDescription    = Text{"Beskrivelsen av tiltaket", "The measure's description"}
	nameScope          = Text{"Omfanget av tiltaket", "The measure's scope"}
	nameResponsible    = Text{"Navnet på den ansvarlige", "The responsible's name"}
	nameProgress       = Text{"Fremdriftsnotatet", "The progress note"}
	nameCoordination   = Text{"Samordningen", "How the services are coordinated"}
	nameParty          = Text{"Samarbeidsparten", "The cooperation partner"}
	namePurpose        = Text{"Hva samarbeidet gjelder", "What the cooperation is about"}
	nameEvaluation     = Text{"Evalueringsnotatet", "The evaluation note"}
	nameComment        = Text{"Kommentaren", "The comment"}
	nameProposal       = Text{"Målforslaget", "The goal proposal"}
	nameService        = Text{"Tjenesten", "The service"}
	nameProposedCoord  = Text{"Forslaget til koordinator", "The proposed coordinator"}
	nameReasons        = Text{"Begrunnelsen", "The reasons"}
	nameReferredTo     = Text{"Hvem saken er henvist til", "Whom the case is referred to"}
	nameLocation       = Text{"Møtestedet", "The meeting place"}
	nameMinutes        = Text{"Referatet", "The minutes"}
	nameFollowUp       = Text{"Oppfølgingspunktet", "The follow-up"}
	nameMessage        = Text{"Meldingen", "The message"}
	nameCoordinatorReg = Text{"Navnet", "The name"}
	nameContact        = Text{"Kontaktopplysningen", "The contact detail"}
	nameCourse         = Text{"Kursets navn", "The course's name"}
	nameCourseBy       = Text{"Hvem som holdt kurset", "Who gave the course"}
)

// limited collects Field values.
type limited []Field

func (fs *limited) add(name Text, max int, values ...string) {
	for _, v := range values {
		*fs = append(*fs, Field{Name: name, Value: v, Max: max})
	}
}

// PlanFields are the plan's stored texts, every element's.
func PlanFields(p IndividualPlan) []Field {
	var fs limited
	fs.add(nameTitle, MaxName, p.Title)
	for _, g := range p.Goals {
		fs.add(nameGoal, MaxText, g.Text)
		fs.add(nameTarget, MaxText, g.Target)
	}
	for _, e := range p.Resources {
		fs.add(nameResource, MaxText, e.Text)
	}
	for _, e := range p.Needs {
		fs.add(nameNeed, MaxText, e.Text)
	}
	for _, pt := range p.Participants {
		fs.add(nameParticipant, MaxName, pt.Name)
	}
	fs.add(nameCoordinator, MaxName, p.CoordinatorName)
	fs.add(nameOwnPart, MaxText, p.OwnContribution)
	for _, c := range p.Contributions {
		fs.add(nameContribution, MaxText, c.Text)
	}
	for _, m := range p.Measures {
		fs.add(nameMeasure, MaxName, m.Title)
		fs.add(nameDescription, MaxText, m.Description)
		fs.add(nameScope, MaxName, m.Scope)
		fs.add(nameResponsible, MaxName, m.ProviderName, m.ResponsibleName)
		for _, n := range m.Progress {
			fs.add(nameProgress, MaxText, n.Text)
		}
	}
	fs.add(nameCoordination, MaxLongText, p.Coordination)
	for _, c := range p.Cooperation {
		fs.add(nameParty, MaxName, c.Party)
		fs.add(namePurpose, MaxText, c.Purpose)
	}
	for _, e := range p.Evaluations {
		fs.add(nameEvaluation, MaxText, e.Note)
	}
	for _, c := range p.Comments {
		fs.add(nameComment, MaxText, c.Text)
	}
	for _, gp := range p.GoalProposals {
		fs.add(nameProposal, MaxText, gp.Text)
	}
	return fs
}

// InquiryFields are the inquiry's stored texts.
func InquiryFields(q Inquiry) []Field {
	var fs limited
	fs.add(nameNeed, MaxText, q.Need)
	fs.add(nameService, MaxName, q.CurrentServices...)
	fs.add(nameProposedCoord, MaxName, q.ProposedCoordinator)
	return fs
}

// AssessmentFields are the assessment's stored texts.
func AssessmentFields(a Assessment) []Field {
	var fs limited
	fs.add(nameService, MaxName, a.Facts.Services...)
	fs.add(nameReasons, MaxText, a.Reasons)
	fs.add(nameReferredTo, MaxName, a.ReferredTo)
	return fs
}

// AppointmentFields are the coordinator appointment's stored texts.
func AppointmentFields(a CoordinatorAppointment) []Field {
	var fs limited
	fs.add(nameProposedCoord, MaxName, a.Proposal)
	fs.add(nameReasons, MaxText, a.Reasons)
	return fs
}

// MeetingFields are the meeting's stored texts, its follow-ups' too.
func MeetingFields(m Meeting) []Field {
	var fs limited
	fs.add(nameLocation, MaxName, m.Location)
	fs.add(nameMinutes, MaxLongText, m.Minutes)
	for _, a := range m.Actions {
		fs = append(fs, FollowUpFields(a)...)
	}
	return fs
}

// FollowUpFields are the follow-up's stored texts.
func FollowUpFields(f FollowUp) []Field {
	var fs limited
	fs.add(nameFollowUp, MaxText, f.Description)
	fs.add(nameResponsible, MaxName, f.OwnerName)
	return fs
}

// MessageFields are the message's stored texts.
func MessageFields(m Message) []Field {
	var fs limited
	fs.add(nameMessage, MaxLongText, m.Text)
	return fs
}

// CoordinatorFields are the register entry's stored texts.
func CoordinatorFields(c Coordinator) []Field {
	var fs limited
	fs.add(nameCoordinatorReg, MaxName, c.Name)
	fs.add(nameContact, MaxName, c.Phone, c.Email)
	for _, k := range c.Courses {
		fs.add(nameCourse, MaxName, k.Name)
		fs.add(nameCourseBy, MaxName, k.Provider)
	}
	return fs
}
