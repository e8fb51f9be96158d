package allocation

import (
	"strings"
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// The office's own words for its services. The shipped catalogue (catalogue/services.json) is
// the starting point; the office's unit lead rewrites a service's name, summary, who it is for
// and what it costs, in the three languages, and the words are kept on the office's
// Organization (so every change is a version of it: who changed what and when). The legal
// basis, the appeal route and the fee's rule are law data, not the office's words.

// ServiceWords are the words of one service the office may rewrite.
type ServiceWords struct {
	Name, Summary, ForWhom, Cost Words
}

// wordFields are the fields of ServiceWords by their name in the record.
var wordFields = []string{"name", "summary", "forWhom", "cost"}

func (w ServiceWords) field(name string) Words {
	switch name {
	case "name":
		return w.Name
	case "summary":
		return w.Summary
	case "forWhom":
		return w.ForWhom
	}
	return w.Cost
}

func (w *ServiceWords) set(name string, v Words) {
	switch name {
	case "name":
		w.Name = v
	case "summary":
		w.Summary = v
	case "forWhom":
		w.ForWhom = v
	default:
		w.Cost = v
	}
}

// WordsOf is a kind's words.
func WordsOf(k ServiceKind) ServiceWords {
	return ServiceWords{Name: k.Name, Summary: k.Summary, ForWhom: k.ForWhom, Cost: k.Cost}
}

// With is k with w's words.
func (k ServiceKind) With(w ServiceWords) ServiceKind {
	k.Name, k.Summary, k.ForWhom, k.Cost = w.Name, w.Summary, w.ForWhom, w.Cost
	return k
}

// ValidateWords: every text in bokmål, nynorsk and English, within its limit.
func ValidateWords(w ServiceWords) error {
	for _, name := range wordFields {
		v := w.field(name)
		if strings.TrimSpace(v.NB) == "" || strings.TrimSpace(v.NN) == "" || strings.TrimSpace(v.EN) == "" {
			return kernel.Violation("Skriv hver tekst på bokmål, nynorsk og engelsk.", "Write every text in bokmål, nynorsk and English.")
		}
	}
	return kernel.CheckTexts(WordsFields(w), nil)
}

// WordsFields are the words' stored texts.
func WordsFields(w ServiceWords) []kernel.Field {
	var fs kernel.Fields
	for _, name := range wordFields {
		max := kernel.MaxText
		if name == "name" {
			max = kernel.MaxName
		}
		v := w.field(name)
		fs.Add(kernel.Text{NB: "Teksten", EN: "The text"}, max, v.NB, v.NN, v.EN)
	}
	return fs
}

// CatalogueChange is one change of the office's words: which service, which of its texts,
// who and when.
type CatalogueChange struct {
	Code   string
	Fields []string // name, summary, forWhom, cost
	By     string   // Practitioner/...
	At     time.Time
}

// officeWords reads the office's words from its Organization, by service code.
func officeWords(org *fhir.Resource) map[string]ServiceWords {
	out := map[string]ServiceWords{}
	for _, e := range kernel.Extensions(org.Object(), kernel.ExtCatalogueText) {
		code, field := kernel.ExtString(e, "service", "Code"), kernel.ExtString(e, "field", "Code")
		w := out[code]
		w.set(field, Words{NB: kernel.ExtString(e, "nb", "String"), NN: kernel.ExtString(e, "nn", "String"), EN: kernel.ExtString(e, "en", "String")})
		out[code] = w
	}
	return out
}

// lastChange is the change the Organization's version records; zero when it records none.
func lastChange(org *fhir.Resource) CatalogueChange {
	es := kernel.Extensions(org.Object(), kernel.ExtCatalogueChange)
	if len(es) == 0 {
		return CatalogueChange{}
	}
	e := es[0] // a version records one change: the one that made it
	c := CatalogueChange{Code: kernel.ExtString(e, "service", "Code"), By: kernel.ExtRef(e, "by"),
		At: kernel.ParseTime(kernel.ExtString(e, "at", "DateTime"))}
	for _, f := range kernel.Extensions(e, "field") {
		if s, ok := f.String("valueCode"); ok {
			c.Fields = append(c.Fields, s)
		}
	}
	return c
}

// withWords is the office's Organization with w as service code's words and the change
// recorded (replacing the record of the one before).
func withWords(org *fhir.Resource, code string, w ServiceWords, before ServiceWords, by string, at time.Time) (*fhir.Resource, CatalogueChange) {
	o := org.Object().Clone()
	change := CatalogueChange{Code: code, By: by, At: at}
	var kept []any
	for _, v := range kernel.Objects(o, "extension") {
		url, _ := v.String("url")
		switch {
		case url == kernel.ExtensionBase+kernel.ExtCatalogueChange:
		case url == kernel.ExtensionBase+kernel.ExtCatalogueText && kernel.ExtString(v, "service", "Code") == code:
		default:
			kept = append(kept, v)
		}
	}
	for _, name := range wordFields {
		v := w.field(name)
		if v != before.field(name) {
			change.Fields = append(change.Fields, name)
		}
		kept = append(kept, kernel.ComplexExt(kernel.ExtCatalogueText, kernel.SubExt("service", "Code", code), kernel.SubExt("field", "Code", name),
			kernel.SubExt("nb", "String", v.NB), kernel.SubExt("nn", "String", v.NN), kernel.SubExt("en", "String", v.EN)))
	}
	subs := []*fhir.Object{kernel.SubExt("service", "Code", code), kernel.SubExt("by", "Reference", kernel.Reference(by)), kernel.SubExt("at", "DateTime", kernel.DateTime(at))}
	for _, f := range change.Fields {
		subs = append(subs, kernel.SubExt("field", "Code", f))
	}
	kept = append(kept, kernel.ComplexExt(kernel.ExtCatalogueChange, subs...))
	o.Set("extension", kept)
	r, _ := fhir.FromObject(o)
	return r, change
}
