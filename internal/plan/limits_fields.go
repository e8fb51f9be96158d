package plan

import (
	"veiviser/internal/kernel"
)

// The stored texts of the plan's records, with their limits, for CheckTexts.

// field names, bokmål and English, as the refusal names them
var (
	nameTitle        = kernel.Text{NB: "Tittelen", EN: "The title"}
	nameGoal         = kernel.Text{NB: "Målet", EN: "The goal"}
	nameTarget       = kernel.Text{NB: "Det målbare i målet", EN: "The goal's target"}
	nameResource     = kernel.Text{NB: "Ressursen", EN: "The resource"}
	nameNeed         = kernel.Text{NB: "Behovet", EN: "The need"}
	nameParticipant  = kernel.Text{NB: "Deltakerens navn", EN: "The participant's name"}
	nameCoordinator  = kernel.Text{NB: "Koordinatorens navn", EN: "The coordinator's name"}
	nameOwnPart      = kernel.Text{NB: "Innbyggerens eget bidrag", EN: "The citizen's own contribution"}
	nameContribution = kernel.Text{NB: "Bidraget", EN: "The contribution"}
	nameMeasure      = kernel.Text{NB: "Tiltakets navn", EN: "The measure's title"}
	nameDescription  = kernel.Text{NB: "Beskrivelsen av tiltaket", EN: "The measure's description"}
	nameScope        = kernel.Text{NB: "Omfanget av tiltaket", EN: "The measure's scope"}
	nameResponsible  = kernel.Text{NB: "Navnet på den ansvarlige", EN: "The responsible's name"}
	nameProgress     = kernel.Text{NB: "Fremdriftsnotatet", EN: "The progress note"}
	nameCoordination = kernel.Text{NB: "Samordningen", EN: "How the services are coordinated"}
	nameParty        = kernel.Text{NB: "Samarbeidsparten", EN: "The cooperation partner"}
	namePurpose      = kernel.Text{NB: "Hva samarbeidet gjelder", EN: "What the cooperation is about"}
	nameEvaluation   = kernel.Text{NB: "Evalueringsnotatet", EN: "The evaluation note"}
	nameComment      = kernel.Text{NB: "Kommentaren", EN: "The comment"}
	nameProposal     = kernel.Text{NB: "Målforslaget", EN: "The goal proposal"}
)

// PlanFields are the plan's stored texts, every element's.
func PlanFields(p IndividualPlan) []kernel.Field {
	var fs kernel.Fields
	fs.Add(nameTitle, kernel.MaxName, p.Title)
	for _, g := range p.Goals {
		fs.Add(nameGoal, kernel.MaxText, g.Text)
		fs.Add(nameTarget, kernel.MaxText, g.Target)
	}
	for _, e := range p.Resources {
		fs.Add(nameResource, kernel.MaxText, e.Text)
	}
	for _, e := range p.Needs {
		fs.Add(nameNeed, kernel.MaxText, e.Text)
	}
	for _, pt := range p.Participants {
		fs.Add(nameParticipant, kernel.MaxName, pt.Name)
	}
	fs.Add(nameCoordinator, kernel.MaxName, p.CoordinatorName)
	fs.Add(nameOwnPart, kernel.MaxText, p.OwnContribution)
	for _, c := range p.Contributions {
		fs.Add(nameContribution, kernel.MaxText, c.Text)
	}
	for _, m := range p.Measures {
		fs.Add(nameMeasure, kernel.MaxName, m.Title)
		fs.Add(nameDescription, kernel.MaxText, m.Description)
		fs.Add(nameScope, kernel.MaxName, m.Scope)
		fs.Add(nameResponsible, kernel.MaxName, m.ProviderName, m.ResponsibleName)
		for _, n := range m.Progress {
			fs.Add(nameProgress, kernel.MaxText, n.Text)
		}
	}
	fs.Add(nameCoordination, kernel.MaxLongText, p.Coordination)
	for _, c := range p.Cooperation {
		fs.Add(nameParty, kernel.MaxName, c.Party)
		fs.Add(namePurpose, kernel.MaxText, c.Purpose)
	}
	for _, e := range p.Evaluations {
		fs.Add(nameEvaluation, kernel.MaxText, e.Note)
	}
	for _, c := range p.Comments {
		fs.Add(nameComment, kernel.MaxText, c.Text)
	}
	for _, gp := range p.GoalProposals {
		fs.Add(nameProposal, kernel.MaxText, gp.Text)
	}
	return fs
}
