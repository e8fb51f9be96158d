package allocation

import (
	"strings"
	"time"

	"veiviser/internal/fees"
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// TaskIncome is the CSTaskKind code of the Task that holds an income statement: what a citizen
// documented of their income for the fees (egenandelsforskriften), to the office.
const TaskIncome = "income-statement"

// MaxIncomeDocuments bounds the documents sent with one statement (the tax assessment and a
// few more).
const MaxIncomeDocuments = 5

// maxIncome bounds an income: a hundred million kroner a year.
const maxIncome = 10_000_000_000 // øre

// IncomeStatement is one statement of a citizen's income, per year, in øre. The latest one is
// what the fees are computed from; an earlier one stays, so a fee can be explained afterwards.
type IncomeStatement struct {
	ID        string
	Subject   string // Patient/...
	Sender    string // Patient/..., RelatedPerson/... (a guardian) or Practitioner/... (the office, from paper)
	Year      int    // the income year the figures are for (the tax assessment's)
	Income    fees.Income
	Documents []string // DocumentReference/...: the tax assessment and other proof
	Note      string
	Received  time.Time
}

// ValidateIncome: a year, amounts that are not negative and within bounds, gross income not
// below tax plus debt interest, at most MaxIncomeDocuments documents, the note within its limit.
func ValidateIncome(s IncomeStatement, now time.Time) error {
	in := s.Income
	switch {
	case s.Year < 2000 || s.Year > now.Year():
		return kernel.Violation("Velg hvilket år inntekten gjelder.", "Choose the year the income is for.")
	case in.Gross < 0 || in.Tax < 0 || in.DebtInterest < 0 || in.Household < 0:
		return kernel.Violation("Et beløp kan ikke være negativt.", "An amount cannot be negative.")
	case in.Gross >= maxIncome || in.Tax >= maxIncome || in.DebtInterest >= maxIncome || in.Household >= maxIncome:
		return kernel.Violation("Et beløp er for stort. Kontakt tildelingskontoret.", "An amount is too large. Contact the allocation office.")
	case in.Gross == 0 && in.Household == 0:
		return kernel.Violation("Skriv inntekten din eller husstandens inntekt.", "Write your income or the household's.")
	case in.Tax+in.DebtInterest > in.Gross && in.Gross > 0:
		return kernel.Violation("Skatt og gjeldsrenter kan ikke være mer enn inntekten.", "Tax and debt interest cannot be more than the income.")
	case len(s.Documents) > MaxIncomeDocuments:
		return kernel.Violation("Legg ved høyst fem dokumenter.", "Attach at most five documents.")
	}
	return kernel.CheckTexts([]kernel.Field{{Name: kernel.Text{NB: "Merknaden", EN: "The note"}, Max: kernel.MaxText, Value: s.Note}}, nil)
}

// The inputs of an income statement's Task, by their type's text.
const (
	inGross     = "gross-income"
	inTax       = "tax"
	inInterest  = "debt-interest"
	inHousehold = "household-income"
	inYear      = "income-year"
	inDocument  = "income-document"
)

// IncomeToFHIR is the statement as a Task: for the citizen, from the sender, to the office,
// completed when received (nothing waits on it), the amounts as Money inputs.
func IncomeToFHIR(s IncomeStatement, office string) *fhir.Resource {
	inputs := []any{
		kernel.ObjectOf("type", kernel.TextConcept(inYear), "valueInteger", s.Year),
		kernel.ObjectOf("type", kernel.TextConcept(inGross), "valueMoney", kernel.Money(s.Income.Gross)),
		kernel.ObjectOf("type", kernel.TextConcept(inTax), "valueMoney", kernel.Money(s.Income.Tax)),
		kernel.ObjectOf("type", kernel.TextConcept(inInterest), "valueMoney", kernel.Money(s.Income.DebtInterest)),
		kernel.ObjectOf("type", kernel.TextConcept(inHousehold), "valueMoney", kernel.Money(s.Income.Household)),
	}
	for _, d := range s.Documents {
		inputs = append(inputs, kernel.ObjectOf("type", kernel.TextConcept(inDocument), "valueReference", kernel.Reference(d)))
	}
	var note any
	if strings.TrimSpace(s.Note) != "" {
		note = kernel.List(kernel.ObjectOf("text", s.Note))
	}
	return kernel.NewResource("Task", s.ID,
		"status", "completed",
		"intent", "proposal",
		"code", kernel.Concept(kernel.CSTaskKind, TaskIncome),
		"for", kernel.Reference(s.Subject),
		"requester", kernel.Reference(s.Sender),
		"owner", kernel.Reference("Organization/"+office),
		"authoredOn", kernel.DateTime(s.Received),
		"input", inputs,
		"note", note,
	)
}

// IsIncome: a Task coded income-statement.
func IsIncome(r *fhir.Resource) bool {
	return r != nil && kernel.TaskKind(r) == TaskIncome
}

// IncomeFromFHIR reads a statement back.
func IncomeFromFHIR(r *fhir.Resource) (IncomeStatement, error) {
	if err := kernel.Expect(r, "Task"); err != nil {
		return IncomeStatement{}, err
	}
	o := r.Object()
	s := IncomeStatement{ID: r.ID(), Subject: kernel.PathString(o, "for", "reference"),
		Sender: kernel.PathString(o, "requester", "reference"), Received: kernel.PathTime(o, "authoredOn"),
		Note: kernel.PathString(o, "note", "text")}
	for _, in := range kernel.Objects(o, "input") {
		øre, _ := kernel.MoneyØre(in, "valueMoney")
		switch kernel.PathString(in, "type", "text") {
		case inYear:
			n, _ := kernel.Number(in, "valueInteger")
			s.Year = int(n)
		case inGross:
			s.Income.Gross = øre
		case inTax:
			s.Income.Tax = øre
		case inInterest:
			s.Income.DebtInterest = øre
		case inHousehold:
			s.Income.Household = øre
		case inDocument:
			s.Documents = append(s.Documents, kernel.PathString(in, "valueReference", "reference"))
		}
	}
	return s, nil
}
