package pathways

import (
	"time"

	"veiviser/internal/fhir"
	"veiviser/internal/lawdata"
)

// Small builders and readers of FHIR JSON on internal/fhir's Object, as care has its own; the
// restructure's kernel is to hold one set for every area. Builders leave out empty values,
// since FHIR forbids empty strings, objects and arrays.

func obj(kv ...any) *fhir.Object {
	o := fhir.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		if v := kv[i+1]; !empty(v) {
			o.Set(kv[i].(string), v)
		}
	}
	return o
}

func empty(v any) bool {
	switch t := v.(type) {
	case nil:
		return true
	case string:
		return t == ""
	case *fhir.Object:
		return t == nil || t.Len() == 0
	case []any:
		return len(t) == 0
	}
	return false
}

func reference(ref string) *fhir.Object { return obj("reference", ref) }

// dateString is a date as FHIR's date; "" for the zero date.
func dateString(d lawdata.Date) string {
	if isZero(d) {
		return ""
	}
	return d.String()
}

// sub is one part of a complex extension; nil when the value is empty.
func sub(name, typ string, v any) *fhir.Object {
	if empty(v) {
		return nil
	}
	return obj("url", name, "value"+typ, v)
}

// complexExt is one of Veiviser's extensions made of parts.
func complexExt(url string, parts ...*fhir.Object) *fhir.Object {
	var ps []any
	for _, p := range parts {
		if !empty(p) {
			ps = append(ps, p)
		}
	}
	return obj("url", url, "extension", ps)
}

func objects(o *fhir.Object, key string) []*fhir.Object {
	a, _ := o.Array(key)
	var out []*fhir.Object
	for _, x := range a {
		if m, ok := x.(*fhir.Object); ok {
			out = append(out, m)
		}
	}
	return out
}

// str follows object members to a string; "" when any is missing.
func str(o *fhir.Object, keys ...string) string {
	for i, k := range keys {
		if o == nil {
			return ""
		}
		if i == len(keys)-1 {
			s, _ := o.String(k)
			return s
		}
		o, _ = o.Object(k)
	}
	return ""
}

// subOf is the value of a complex extension's part.
func subOf(e *fhir.Object, name, typ string) string {
	for _, p := range objects(e, "extension") {
		if u, _ := p.String("url"); u == name {
			if typ == "Reference" {
				return str(p, "valueReference", "reference")
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
	for _, cc := range objects(o, key) {
		for _, c := range objects(cc, "coding") {
			if s, _ := c.String("system"); s == system {
				code, _ := c.String("code")
				return code, true
			}
		}
	}
	return "", false
}
