package unitpage

import (
	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
)

// The extensions on the unit's Organization (kernel.ExtensionBase + name).
const (
	ExtIntro        = "public-intro"  // valueString
	ExtOpeningHours = "opening-hours" // valueString
	ExtQA           = "public-qa"     // complex, repeats: question, answer
)

// FromFHIR reads the page from the unit's Organization.
func FromFHIR(org *fhir.Resource) Page {
	o := org.Object()
	p := Page{Name: kernel.PathString(o, "name"), Intro: kernel.ExtString(o, ExtIntro, "String"),
		OpeningHours: kernel.ExtString(o, ExtOpeningHours, "String")}
	for _, t := range kernel.Objects(o, "telecom") {
		switch kernel.PathString(t, "system") {
		case "phone":
			if p.Phone == "" {
				p.Phone = kernel.PathString(t, "value")
			}
		case "email":
			if p.Email == "" {
				p.Email = kernel.PathString(t, "value")
			}
		}
	}
	if a := kernel.Objects(o, "address"); len(a) > 0 {
		p.Address = kernel.PathString(a[0], "text")
	}
	for _, e := range kernel.Extensions(o, ExtQA) {
		var q QA
		for _, sub := range kernel.Objects(e, "extension") {
			switch kernel.PathString(sub, "url") {
			case "question":
				q.Question = kernel.PathString(sub, "valueString")
			case "answer":
				q.Answer = kernel.PathString(sub, "valueString")
			}
		}
		p.QA = append(p.QA, q)
	}
	return p
}

// ToFHIR writes the page onto the unit's Organization, keeping everything else it holds (its
// name, identifiers, other telecoms and extensions).
func ToFHIR(org *fhir.Resource, p Page) *fhir.Resource {
	org = org.Clone()
	o := org.Object()
	var exts []any
	for _, e := range kernel.Objects(o, "extension") {
		if u := kernel.PathString(e, "url"); u != kernel.ExtensionBase+ExtIntro && u != kernel.ExtensionBase+ExtOpeningHours && u != kernel.ExtensionBase+ExtQA {
			exts = append(exts, e)
		}
	}
	exts = append(exts, nonNil(kernel.Ext(ExtIntro, "String", p.Intro), kernel.Ext(ExtOpeningHours, "String", p.OpeningHours))...)
	for _, q := range p.QA {
		exts = append(exts, kernel.ComplexExt(ExtQA, kernel.SubExt("question", "String", q.Question), kernel.SubExt("answer", "String", q.Answer)))
	}
	setOrDrop(o, "extension", exts)
	var telecom []any
	for _, t := range kernel.Objects(o, "telecom") {
		if s := kernel.PathString(t, "system"); s != "phone" && s != "email" {
			telecom = append(telecom, t)
		}
	}
	for _, t := range []struct{ system, value string }{{"phone", p.Phone}, {"email", p.Email}} {
		if t.value != "" {
			telecom = append(telecom, kernel.ObjectOf("system", t.system, "value", t.value, "use", "work"))
		}
	}
	setOrDrop(o, "telecom", telecom)
	var address []any
	if p.Address != "" {
		address = []any{kernel.ObjectOf("use", "work", "text", p.Address)}
	}
	setOrDrop(o, "address", address)
	return org
}

func nonNil(objs ...*fhir.Object) []any {
	var out []any
	for _, o := range objs {
		if o != nil {
			out = append(out, o)
		}
	}
	return out
}

// setOrDrop sets key to v, or removes it when v is empty (FHIR forbids empty arrays).
func setOrDrop(o *fhir.Object, key string, v []any) {
	if len(v) == 0 {
		o.Delete(key)
		return
	}
	o.Set(key, v)
}
