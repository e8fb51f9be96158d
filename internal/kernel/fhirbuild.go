package kernel

import (
	"time"

	"veiviser/internal/fhir"
)

// The helpers below build FHIR JSON (fhirread.go reads it) with internal/fhir's Object. Builders leave out
// empty values, since FHIR forbids empty strings, objects and arrays.

// ObjectOf builds an object from name/value pairs, skipping empty values.
func ObjectOf(kv ...any) *fhir.Object {
	o := fhir.NewObject()
	for i := 0; i+1 < len(kv); i += 2 {
		if v := kv[i+1]; !IsEmpty(v) {
			o.Set(kv[i].(string), v)
		}
	}
	return o
}

func IsEmpty(v any) bool {
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

// NewResource builds a resource of typ with id and the members.
func NewResource(typ, id string, kv ...any) *fhir.Resource {
	o := ObjectOf(append([]any{"resourceType", typ, "id", id}, kv...)...)
	r, _ := fhir.FromObject(o) // typ is never empty
	return r
}

// List keeps the non-empty items; nil when none is left.
func List(items ...any) []any {
	var out []any
	for _, x := range items {
		if !IsEmpty(x) {
			out = append(out, x)
		}
	}
	return out
}

func Reference(ref string) *fhir.Object { return ObjectOf("reference", ref) }

func ReferenceNamed(ref, display string) *fhir.Object {
	if ref == "" {
		return nil
	}
	return ObjectOf("reference", ref, "display", display)
}

func Coding(system, code string) *fhir.Object {
	if code == "" {
		return nil
	}
	return ObjectOf("system", system, "code", code)
}

func Concept(system, code string) *fhir.Object {
	return ObjectOf("coding", List(Coding(system, code)))
}

func TextConcept(text string) *fhir.Object { return ObjectOf("text", text) }

func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func DateOnly(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func FHIRPeriod(p Period) *fhir.Object {
	return ObjectOf("start", DateTime(p.Start), "end", DateTime(p.End))
}

// Ext is one extension of Veiviser's, ExtensionBase+name, with a value of the given type
// ("String", "DateTime", "Reference", "Code", "Boolean"); nil when the value is empty.
func Ext(name, typ string, v any) *fhir.Object {
	if IsEmpty(v) {
		return nil
	}
	return ObjectOf("url", ExtensionBase+name, "value"+typ, v)
}

// ComplexExt is an extension made of sub-extensions (url is the sub-name, not a full URL).
func ComplexExt(name string, subs ...*fhir.Object) *fhir.Object {
	var parts []any
	for _, s := range subs {
		if !IsEmpty(s) {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return ObjectOf("url", ExtensionBase+name, "extension", parts)
}

func SubExt(name, typ string, v any) *fhir.Object {
	if IsEmpty(v) {
		return nil
	}
	return ObjectOf("url", name, "value"+typ, v)
}

// DateTimeUTC formats t as a FHIR dateTime in UTC; "" for the zero time.
func DateTimeUTC(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return DateTime(t.UTC())
}
