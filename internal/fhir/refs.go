package fhir

import (
	"slices"
	"strings"
)

// Ref is one Reference.reference found in a resource.
type Ref struct {
	Path      string   // FHIRPath of the Reference element without indices, e.g. "CarePlan.activity.detail.performer"
	Reference string   // the reference string as written
	Type, ID  string   // the target of a local "Type/id" reference (see ParseReference), else ""
	Allowed   []string // target types the definition permits at Path; empty means any
}

// ParseReference returns the type and id a local reference string names: "Type/id" and
// "Type/id/_history/v" of a type we hold give Type and id. Everything else gives "", "":
// contained ("#x"), urn:uuid: and urn:oid:, and absolute URLs. Absolute URLs are left out on
// purpose even when they end in "/Type/id": they may name another server's resource, and
// records checks every reference with a Type and ID against the local store and the index
// would make them match local searches.
func ParseReference(s string) (typ, id string) {
	if s == "" || s[0] == '#' || strings.Contains(s, ":") {
		return "", ""
	}
	parts := strings.Split(s, "/")
	if n := len(parts); n == 4 && parts[2] == "_history" && parts[3] != "" {
		parts = parts[:2]
	}
	if len(parts) != 2 || !KnownType(parts[0]) || !ValidID(parts[1]) {
		return "", ""
	}
	return parts[0], parts[1]
}

// References returns every Reference.reference in r, in document order, with the target types the
// R4 definition allows at each place. References inside contained resources are included, with
// paths under "Type.contained".
func References(r *Resource) []Ref {
	var out []Ref
	walkRefs(r.obj, r.Type(), r.Type(), &out)
	return out
}

func walkRefs(o *Object, key, path string, out *[]Ref) {
	for _, k := range o.Keys() {
		e, ok := lookupElement(key, k)
		if !ok {
			continue // an element we do not know holds no reference we could check
		}
		v, _ := o.Get(k)
		if arr, ok := v.([]any); ok {
			for _, x := range arr {
				visitRef(e, x, path+"."+k, out)
			}
			continue
		}
		visitRef(e, v, path+"."+k, out)
	}
}

func visitRef(e *element, v any, path string, out *[]Ref) {
	o, ok := v.(*Object)
	if !ok {
		return
	}
	if e.Type == "Resource" { // a contained resource
		if t, _ := o.String("resourceType"); KnownType(t) {
			walkRefs(o, t, path, out)
		}
		return
	}
	if e.Type == "Reference" {
		if s, ok := o.String("reference"); ok {
			ref := Ref{Path: path, Reference: s, Allowed: allowedTargets(e.Targets)}
			ref.Type, ref.ID = ParseReference(s)
			*out = append(*out, ref)
		}
	}
	if e.Children != "" {
		walkRefs(o, e.Children, path, out)
	}
}

// allowedTargets is nil when the definition allows any resource.
func allowedTargets(t []string) []string {
	if slices.Contains(t, "Resource") {
		return nil
	}
	return t
}

// RewriteReferences replaces every Reference.reference string for which fn returns (new, true).
// It visits every object member named "reference" holding a string, known element or not, so
// that urn:uuid references inside extensions are rewritten too.
func RewriteReferences(r *Resource, fn func(ref string) (string, bool)) {
	rewriteObject(r.obj, fn)
}

func rewriteObject(o *Object, fn func(string) (string, bool)) {
	if s, ok := o.String("reference"); ok {
		if n, ok := fn(s); ok {
			o.Set("reference", n)
		}
	}
	for _, k := range o.Keys() {
		v, _ := o.Get(k)
		rewriteValue(v, fn)
	}
}

func rewriteValue(v any, fn func(string) (string, bool)) {
	switch t := v.(type) {
	case *Object:
		rewriteObject(t, fn)
	case []any:
		for _, x := range t {
			rewriteValue(x, fn)
		}
	}
}
