package allocation

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

//go:embed catalogue/functions.json
var functionsJSON []byte

// FunctionVariable is one variable of the functional assessment (IPLOS).
type FunctionVariable struct {
	Code string `json:"code"`
	Name Words  `json:"name"`
}

// Functions are the functional assessment's variables and the scores each may have.
type Functions struct {
	Source    string             `json:"source"`
	ValidFrom string             `json:"validFrom"`
	Scores    []int              `json:"scores"`
	Variables []FunctionVariable `json:"variables"`
}

// LoadFunctions reads the embedded list of IPLOS variables and checks it: each variable named
// in three languages, once.
func LoadFunctions() (Functions, error) {
	f, err := lawdata.DecodeStrict[Functions](functionsJSON, "the IPLOS variables")
	if err != nil {
		return Functions{}, err
	}
	seen := map[string]bool{}
	for _, v := range f.Variables {
		if !codePattern.MatchString(v.Code) || !v.Name.complete() || seen[v.Code] {
			return Functions{}, fmt.Errorf("the IPLOS variables: %q is badly named or twice", v.Code)
		}
		seen[v.Code] = true
	}
	if len(f.Scores) == 0 || f.Source == "" {
		return Functions{}, fmt.Errorf("the IPLOS variables: no scores or no source")
	}
	return f, nil
}

// Has says whether code is a variable.
func (f Functions) Has(code string) bool {
	return slices.ContainsFunc(f.Variables, func(v FunctionVariable) bool { return v.Code == code })
}

// Assessment is the office's assessment in a case: the facts, the citizen's own view, the
// home visit (when, and who took part) and the functional assessment, a score per IPLOS
// variable.
type Assessment struct {
	Facts       string
	CitizenView string
	HomeVisit   time.Time // zero: none
	VisitedBy   string    // who took part in the home visit
	Scores      map[string]int
	By          string // Practitioner/... who wrote it last
	At          time.Time
}

// Note is a note in a case.
type Note struct {
	Author string // Practitioner/...
	Time   time.Time
	Text   string
}

// ValidateAssessment checks an assessment on now against the IPLOS variables: something
// written or scored, a home visit not in the future and with who took part, every score a
// known variable's with an allowed value.
func ValidateAssessment(a Assessment, f Functions, now time.Time) error {
	switch {
	case strings.TrimSpace(a.Facts) == "" && strings.TrimSpace(a.CitizenView) == "" && len(a.Scores) == 0 && a.HomeVisit.IsZero():
		return kernel.Violation("Kartleggingen er tom.", "The assessment is empty.")
	case !a.HomeVisit.IsZero() && kernel.DaysFromToday(now, a.HomeVisit) > 0:
		return kernel.Violation("Hjemmebesøket kan ikke være etter i dag.", "The home visit cannot be after today.")
	case !a.HomeVisit.IsZero() && strings.TrimSpace(a.VisitedBy) == "":
		return kernel.Violation("Skriv hvem som var med på hjemmebesøket.", "Write who took part in the home visit.")
	}
	for code, score := range a.Scores {
		if !f.Has(code) {
			return kernel.Violation("Ukjent variabel i funksjonskartleggingen.", "An unknown variable in the functional assessment.")
		}
		if !slices.Contains(f.Scores, score) {
			return kernel.Violation("Funksjonsnivået skåres 1 til 5, eller 9 når det ikke er relevant.", "Function is scored 1 to 5, or 9 when not relevant.")
		}
	}
	return kernel.CheckTexts(AssessmentFields(a), nil)
}

// AssessmentFields are the assessment's stored texts.
func AssessmentFields(a Assessment) []kernel.Field {
	var fs kernel.Fields
	fs.Add(kernel.Text{NB: "Faktum", EN: "The facts"}, kernel.MaxText, a.Facts)
	fs.Add(kernel.Text{NB: "Søkerens syn", EN: "The applicant's view"}, kernel.MaxText, a.CitizenView)
	fs.Add(kernel.Text{NB: "Hvem som var med", EN: "Who took part"}, kernel.MaxName, a.VisitedBy)
	return fs
}

// The Task.input types of an assessment (text types; the scores are coded iplos-variable).
const (
	inputFacts       = "facts"
	inputCitizenView = "citizen-view"
	inputHomeVisit   = "home-visit"
	inputVisitedBy   = "home-visit-participants"
	inputAssessedBy  = "assessed-by"
)

// assessmentInputs are the assessment as the case Task's inputs.
func assessmentInputs(a *Assessment) []any {
	if a == nil {
		return nil
	}
	text := func(typ, name string, v any) any {
		if kernel.IsEmpty(v) {
			return nil
		}
		return kernel.ObjectOf("type", kernel.TextConcept(typ), name, v)
	}
	out := []any{text(inputFacts, "valueString", a.Facts), text(inputCitizenView, "valueString", a.CitizenView),
		text(inputHomeVisit, "valueDate", kernel.DateOnly(a.HomeVisit)), text(inputVisitedBy, "valueString", a.VisitedBy)}
	if a.By != "" {
		out = append(out, kernel.ObjectOf("type", kernel.TextConcept(inputAssessedBy), "valueReference", kernel.Reference(a.By),
			"extension", kernel.List(kernel.Ext(kernel.ExtRecordedAt, "DateTime", kernel.DateTime(a.At)))))
	}
	codes := make([]string, 0, len(a.Scores))
	for c := range a.Scores {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, c := range codes {
		out = append(out, kernel.ObjectOf("type", kernel.Concept(kernel.CSIplosVariable, c), "valueInteger", a.Scores[c]))
	}
	return kernel.List(out...)
}

// assessmentFrom reads the assessment from the case Task's inputs; nil when there is none.
func assessmentFrom(o *fhir.Object) *Assessment {
	var a Assessment
	found := false
	for _, in := range kernel.Objects(o, "input") {
		found = true
		typ, _ := in.Object("type")
		if code := kernel.CodeIn(typ, kernel.CSIplosVariable); code != "" {
			if a.Scores == nil {
				a.Scores = map[string]int{}
			}
			v, _ := in.Get("valueInteger")
			a.Scores[code] = intOf(v)
			continue
		}
		switch kernel.PathString(in, "type", "text") {
		case inputFacts:
			a.Facts = kernel.PathString(in, "valueString")
		case inputCitizenView:
			a.CitizenView = kernel.PathString(in, "valueString")
		case inputHomeVisit:
			a.HomeVisit = kernel.PathTime(in, "valueDate")
		case inputVisitedBy:
			a.VisitedBy = kernel.PathString(in, "valueString")
		case inputAssessedBy:
			a.By = kernel.PathString(in, "valueReference", "reference")
			a.At = kernel.ParseTime(kernel.ExtString(in, kernel.ExtRecordedAt, "DateTime"))
		}
	}
	if !found {
		return nil
	}
	return &a
}

// notesToFHIR are the case's notes as Task.note annotations.
func notesToFHIR(notes []Note) []any {
	var out []any
	for _, n := range notes {
		out = append(out, kernel.ObjectOf("authorReference", kernel.Reference(n.Author), "time", kernel.DateTime(n.Time), "text", n.Text))
	}
	return out
}

func notesFrom(o *fhir.Object) []Note {
	var out []Note
	for _, n := range kernel.Objects(o, "note") {
		out = append(out, Note{Author: kernel.PathString(n, "authorReference", "reference"), Time: kernel.PathTime(n, "time"), Text: kernel.PathString(n, "text")})
	}
	return out
}
