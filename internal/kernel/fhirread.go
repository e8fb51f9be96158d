package kernel

import (
	"strings"
	"time"

	"veiviser/internal/fhir"
)

// The helpers below read FHIR JSON built with fhirbuild.go's helpers, or sent by a client: a
// missing or mistyped member reads as the zero value.

// Path follows object members; an array on the way yields its first element.
func Path(o *fhir.Object, keys ...string) any {
	var v any = o
	for _, k := range keys {
		if a, ok := v.([]any); ok {
			if len(a) == 0 {
				return nil
			}
			v = a[0]
		}
		m, ok := v.(*fhir.Object)
		if !ok || m == nil {
			return nil
		}
		v, _ = m.Get(k)
	}
	return v
}

func PathString(o *fhir.Object, keys ...string) string {
	s, _ := Path(o, keys...).(string)
	return s
}

func PathTime(o *fhir.Object, keys ...string) time.Time { return ParseTime(PathString(o, keys...)) }

func ParseTime(s string) time.Time {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t
	}
	return time.Time{}
}

func PathPeriod(o *fhir.Object, key string) Period {
	return Period{Start: PathTime(o, key, "start"), End: PathTime(o, key, "end")}
}

// Objects returns the objects of an array member.
func Objects(o *fhir.Object, key string) []*fhir.Object {
	a, _ := o.Array(key)
	var out []*fhir.Object
	for _, x := range a {
		if m, ok := x.(*fhir.Object); ok {
			out = append(out, m)
		}
	}
	return out
}

// CodeIn is the code of the first coding of system in a CodeableConcept.
func CodeIn(cc *fhir.Object, system string) string {
	if cc == nil {
		return ""
	}
	for _, c := range Objects(cc, "coding") {
		if s, _ := c.String("system"); s == system {
			code, _ := c.String("code")
			return code
		}
	}
	return ""
}

// ConceptsCode finds the code of system in an array of CodeableConcepts.
func ConceptsCode(o *fhir.Object, key, system string) string {
	for _, cc := range Objects(o, key) {
		if c := CodeIn(cc, system); c != "" {
			return c
		}
	}
	return ""
}

// Extensions returns o's extensions of Veiviser's named name.
func Extensions(o *fhir.Object, name string) []*fhir.Object {
	var out []*fhir.Object
	for _, e := range Objects(o, "extension") {
		if u, _ := e.String("url"); u == ExtensionBase+name || u == name {
			out = append(out, e)
		}
	}
	return out
}

func ExtString(o *fhir.Object, name, typ string) string {
	for _, e := range Extensions(o, name) {
		if s, ok := e.String("value" + typ); ok {
			return s
		}
	}
	return ""
}

func ExtStrings(o *fhir.Object, name, typ string) []string {
	var out []string
	for _, e := range Extensions(o, name) {
		if s, ok := e.String("value" + typ); ok {
			out = append(out, s)
		}
	}
	return out
}

func ExtRef(o *fhir.Object, name string) string {
	for _, e := range Extensions(o, name) {
		if s := PathString(e, "valueReference", "reference"); s != "" {
			return s
		}
	}
	return ""
}

func ExtRefs(o *fhir.Object, name string) []string {
	var out []string
	for _, e := range Extensions(o, name) {
		if s := PathString(e, "valueReference", "reference"); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// RefsOf returns the reference strings of an array of References.
func RefsOf(o *fhir.Object, key string) []string {
	var out []string
	for _, r := range Objects(o, key) {
		if s, _ := r.String("reference"); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func TypeOf(ref string) string {
	t, _, _ := strings.Cut(ref, "/")
	return t
}

func RefID(ref string) string {
	_, id, _ := strings.Cut(ref, "/")
	return id
}

// Expect checks a resource's type before reading it.
func Expect(r *fhir.Resource, typ string) error {
	if r == nil || r.Type() != typ {
		return Violation("Ventet en "+typ+"-ressurs.", "Expected a "+typ+" resource.")
	}
	return nil
}

// IDOf is the id part of a reference "Type/id". Unlike the mapping's own idOf, a bare id
// is returned as it is, since callers pass both references and ids.
func IDOf(s string) string {
	if _, id, ok := strings.Cut(s, "/"); ok {
		return id
	}
	return s
}
