package fhir

import "strings"

// Ref is one Reference.reference found in a resource.
type Ref struct {
	Path      string   // FHIRPath of the Reference element, e.g. "CarePlan.goal"
	Reference string   // the reference string as written
	Type, ID  string   // set for relative "Type/id" references (and absolute URLs ending in Type/id)
	Allowed   []string // target types the definition permits at Path; empty means any
}

// References returns every Reference.reference in r, in document order.
func References(r *Resource) []Ref {
	var out []Ref
	walkRefs(r.obj, r.Type(), &out)
	return out
}

func walkRefs(o *Object, path string, out *[]Ref) {
	for _, k := range o.Keys() {
		v, _ := o.Get(k)
		switch t := v.(type) {
		case *Object:
			if s, ok := t.String("reference"); ok {
				ref := Ref{Path: path + "." + k, Reference: s}
				ref.Type, ref.ID = splitRef(s)
				*out = append(*out, ref)
			}
			walkRefs(t, path+"."+k, out)
		case []any:
			for _, e := range t {
				if eo, ok := e.(*Object); ok {
					if s, ok := eo.String("reference"); ok {
						ref := Ref{Path: path + "." + k, Reference: s}
						ref.Type, ref.ID = splitRef(s)
						*out = append(*out, ref)
					}
					walkRefs(eo, path+"."+k, out)
				}
			}
		}
	}
}

func splitRef(s string) (string, string) {
	typ, id, ok := strings.Cut(s, "/")
	if !ok || !KnownType(typ) || !ValidID(id) {
		return "", ""
	}
	return typ, id
}

// RewriteReferences replaces every Reference.reference string s for which fn returns (new, true).
func RewriteReferences(r *Resource, fn func(ref string) (string, bool)) {
	rewriteObject(r.obj, fn)
}

func rewriteObject(o *Object, fn func(string) (string, bool)) {
	for _, k := range o.Keys() {
		v, _ := o.Get(k)
		switch t := v.(type) {
		case *Object:
			rewriteOne(t, fn)
		case []any:
			for _, e := range t {
				if eo, ok := e.(*Object); ok {
					rewriteOne(eo, fn)
				}
			}
		}
	}
}

func rewriteOne(o *Object, fn func(string) (string, bool)) {
	if s, ok := o.String("reference"); ok {
		if n, ok := fn(s); ok {
			o.Set("reference", n)
		}
	}
	rewriteObject(o, fn)
}
