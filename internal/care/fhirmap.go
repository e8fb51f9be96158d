package care

import (
	"strings"
	"time"

	"veiviser/internal/fhir"
)

// The helpers below build and read FHIR JSON with internal/fhir's Object. Builders leave out
// empty values, since FHIR forbids empty strings, objects and arrays.

// obj builds an object from name/value pairs, skipping empty values.
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

// resource builds a resource of typ with id and the members.
func resource(typ, id string, kv ...any) *fhir.Resource {
	o := obj(append([]any{"resourceType", typ, "id", id}, kv...)...)
	r, _ := fhir.FromObject(o) // typ is never empty
	return r
}

// list keeps the non-empty items; nil when none is left.
func list(items ...any) []any {
	var out []any
	for _, x := range items {
		if !empty(x) {
			out = append(out, x)
		}
	}
	return out
}

func reference(ref string) *fhir.Object { return obj("reference", ref) }

func referenceNamed(ref, display string) *fhir.Object {
	if ref == "" {
		return nil
	}
	return obj("reference", ref, "display", display)
}

func coding(system, code string) *fhir.Object {
	if code == "" {
		return nil
	}
	return obj("system", system, "code", code)
}

func concept(system, code string) *fhir.Object {
	return obj("coding", list(coding(system, code)))
}

func textConcept(text string) *fhir.Object { return obj("text", text) }

func dateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func dateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func period(p Period) *fhir.Object {
	return obj("start", dateTime(p.Start), "end", dateTime(p.End))
}

// ext is one extension of Veiviser's, ExtensionBase+name, with a value of the given type
// ("String", "DateTime", "Reference", "Code", "Boolean"); nil when the value is empty.
func ext(name, typ string, v any) *fhir.Object {
	if empty(v) {
		return nil
	}
	return obj("url", ExtensionBase+name, "value"+typ, v)
}

// complexExt is an extension made of sub-extensions (url is the sub-name, not a full URL).
func complexExt(name string, subs ...*fhir.Object) *fhir.Object {
	var parts []any
	for _, s := range subs {
		if !empty(s) {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return obj("url", ExtensionBase+name, "extension", parts)
}

func sub(name, typ string, v any) *fhir.Object {
	if empty(v) {
		return nil
	}
	return obj("url", name, "value"+typ, v)
}

// ---- reading ----

// path follows object members; an array on the way yields its first element.
func path(o *fhir.Object, keys ...string) any {
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

func pathStr(o *fhir.Object, keys ...string) string {
	s, _ := path(o, keys...).(string)
	return s
}

func pathTime(o *fhir.Object, keys ...string) time.Time { return parseTime(pathStr(o, keys...)) }

func parseTime(s string) time.Time {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t
	}
	return time.Time{}
}

func pathPeriod(o *fhir.Object, key string) Period {
	return Period{Start: pathTime(o, key, "start"), End: pathTime(o, key, "end")}
}

// objects returns the objects of an array member.
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

// codeIn is the code of the first coding of system in a CodeableConcept.
func codeIn(cc *fhir.Object, system string) string {
	if cc == nil {
		return ""
	}
	for _, c := range objects(cc, "coding") {
		if s, _ := c.String("system"); s == system {
			code, _ := c.String("code")
			return code
		}
	}
	return ""
}

// conceptsCode finds the code of system in an array of CodeableConcepts.
func conceptsCode(o *fhir.Object, key, system string) string {
	for _, cc := range objects(o, key) {
		if c := codeIn(cc, system); c != "" {
			return c
		}
	}
	return ""
}

// extensions returns o's extensions of Veiviser's named name.
func extensions(o *fhir.Object, name string) []*fhir.Object {
	var out []*fhir.Object
	for _, e := range objects(o, "extension") {
		if u, _ := e.String("url"); u == ExtensionBase+name || u == name {
			out = append(out, e)
		}
	}
	return out
}

func extStr(o *fhir.Object, name, typ string) string {
	for _, e := range extensions(o, name) {
		if s, ok := e.String("value" + typ); ok {
			return s
		}
	}
	return ""
}

func extStrs(o *fhir.Object, name, typ string) []string {
	var out []string
	for _, e := range extensions(o, name) {
		if s, ok := e.String("value" + typ); ok {
			out = append(out, s)
		}
	}
	return out
}

func extRef(o *fhir.Object, name string) string {
	for _, e := range extensions(o, name) {
		if s := pathStr(e, "valueReference", "reference"); s != "" {
			return s
		}
	}
	return ""
}

func extRefs(o *fhir.Object, name string) []string {
	var out []string
	for _, e := range extensions(o, name) {
		if s := pathStr(e, "valueReference", "reference"); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// refsOf returns the reference strings of an array of References.
func refsOf(o *fhir.Object, key string) []string {
	var out []string
	for _, r := range objects(o, key) {
		if s, _ := r.String("reference"); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func typeOf(ref string) string {
	t, _, _ := strings.Cut(ref, "/")
	return t
}

func idOf(ref string) string {
	_, id, _ := strings.Cut(ref, "/")
	return id
}

// expect checks a resource's type before reading it.
func expect(r *fhir.Resource, typ string) error {
	if r == nil || r.Type() != typ {
		return violation("Ventet en "+typ+"-ressurs.", "Expected a "+typ+" resource.")
	}
	return nil
}
