package pathways

import (
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/kernel"
	"veiviser/internal/lawdata"
)

// The pathways' own builders and readers of FHIR JSON, beside the kernel's (kernel.ObjectOf,
// kernel.PathString and the rest): calendar dates, and extensions named by their full URL.

// dateString is a date as FHIR's date; "" for the zero date.
func dateString(d lawdata.Date) string {
	if isZero(d) {
		return ""
	}
	return d.String()
}

// complexExt is one of Veiviser's extensions made of parts.
func complexExt(url string, parts ...*fhir.Object) *fhir.Object {
	var ps []any
	for _, p := range parts {
		if !kernel.IsEmpty(p) {
			ps = append(ps, p)
		}
	}
	return kernel.ObjectOf("url", url, "extension", ps)
}

// subOf is the value of a complex extension's part.
func subOf(e *fhir.Object, name, typ string) string {
	for _, p := range kernel.Objects(e, "extension") {
		if u, _ := p.String("url"); u == name {
			if typ == "Reference" {
				return kernel.PathString(p, "valueReference", "reference")
			}
			s, _ := p.String("value" + typ)
			return s
		}
	}
	return ""
}

// readDate reads a FHIR date or dateTime as the calendar date it names (a dateTime's own date
// in its own offset); the zero date for "".
func readDate(s string) (lawdata.Date, bool) {
	if s == "" {
		return lawdata.Date{}, true
	}
	if d, err := lawdata.ParseDate(s); err == nil {
		return d, true
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return lawdata.DateOf(t), true
	}
	return lawdata.Date{}, false
}

// hasCoding reports whether a CodeableConcept array at key has a coding in system, and its code.
func hasCoding(o *fhir.Object, key, system string) (string, bool) {
	for _, cc := range kernel.Objects(o, key) {
		for _, c := range kernel.Objects(cc, "coding") {
			if s, _ := c.String("system"); s == system {
				code, _ := c.String("code")
				return code, true
			}
		}
	}
	return "", false
}
