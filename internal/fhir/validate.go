package fhir

import (
	"fmt"
	"slices"
	"strconv"

	"veiviser/internal/apperr"
)

// Validate checks r against the R4 definitions of its type and the Norwegian identifier rules:
// known type, valid id, element shapes and cardinality, required elements, primitive formats,
// required-binding codes, no empty values and no stray nulls, and anywhere no U+0000 and no
// number beyond float64. Elements we do not know are kept and not an error. It returns nil or an apperr.Unprocessable error with one issue per problem.
func Validate(r *Resource) error {
	typ := r.Type()
	if !KnownType(typ) {
		return apperr.WithIssues(apperr.Unprocessable, apperr.Issue{
			Type:        "not-supported",
			Diagnostics: fmt.Sprintf("resourceType %q is not a type this server holds", typ),
			Expression:  []string{"resourceType"}})
	}
	v := &validator{}
	if id, ok := r.obj.Get("id"); ok {
		if s, _ := id.(string); !ValidID(s) {
			v.add(typ+".id", "the id must be 1 to 64 characters of A-Z, a-z, 0-9, '-' and '.'")
		}
	}
	v.object(r.obj, typ, typ, true)
	v.texts(r.obj, typ)
	if len(v.issues) > 0 {
		return apperr.WithIssues(apperr.Unprocessable, v.issues...)
	}
	return nil
}

type validator struct {
	issues []apperr.Issue
}

// maxIssues bounds the report so a hostile document cannot make a huge response.
const maxIssues = 100

func (v *validator) add(path, format string, args ...any) {
	if len(v.issues) >= maxIssues {
		return
	}
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	v.issues = append(v.issues, apperr.Issue{Type: "invalid", Diagnostics: path + ": " + msg, Expression: []string{path}})
}

// object checks the members of o, whose definitions are elementTables[key].
func (v *validator) object(o *Object, key, path string, root bool) {
	if o.Len() == 0 {
		v.add(path, "an empty object is not allowed; leave the element out instead")
		return
	}
	for _, k := range o.Keys() {
		val, _ := o.Get(k)
		p := path + "." + k
		switch {
		case root && k == "resourceType":
		case len(k) > 1 && k[0] == '_':
			v.primitiveExtension(o, k, val, key, p)
		default:
			e, ok := lookupElement(key, k)
			if !ok {
				v.unknown(val, p) // kept as sent, only checked for JSON that FHIR forbids everywhere
				continue
			}
			v.member(o, k, e, val, p)
		}
	}
	v.required(o, key, path)
}

// member checks one known member: array or not by cardinality, then each value.
func (v *validator) member(o *Object, k string, e *element, val any, p string) {
	arr, isArr := val.([]any)
	if e.Max == 1 {
		if isArr {
			v.add(p, "expected a single value, not an array (the element allows at most one)")
			return
		}
		v.value(e, val, p)
		return
	}
	if !isArr {
		v.add(p, "expected an array (the element may repeat)")
		return
	}
	if len(arr) == 0 {
		v.add(p, "an empty array is not allowed; leave the element out instead")
		return
	}
	if e.Max > 1 && len(arr) > e.Max {
		v.add(p, "at most %d values are allowed, got %d", e.Max, len(arr))
	}
	ext, _ := o.Array("_" + k)
	for i, x := range arr {
		ip := p + "[" + strconv.Itoa(i) + "]"
		if x == nil {
			if i >= len(ext) || ext[i] == nil {
				v.add(ip, "null is only allowed where the matching _%s entry carries an extension", k)
			}
			continue
		}
		v.value(e, x, ip)
	}
}

// value checks one value of a known element.
func (v *validator) value(e *element, val any, p string) {
	if val == nil {
		v.add(p, "null is not allowed; leave the element out instead")
		return
	}
	if isPrimitive(e.Type) {
		if msg := checkPrimitive(e.Type, val); msg != "" {
			v.add(p, "%s", msg)
			return
		}
		if e.Codes != "" {
			if s, _ := val.(string); !slices.Contains(valueSetCodes[e.Codes], s) {
				v.add(p, "%q is not a code of the required value set %s (allowed: %s)", s, e.Codes, codeList(valueSetCodes[e.Codes]))
			}
		}
		return
	}
	o, ok := val.(*Object)
	if !ok {
		v.add(p, "expected a JSON object (%s)", e.Type)
		return
	}
	switch {
	case e.Type == "Resource":
		v.contained(o, p)
	case e.Children != "":
		v.object(o, e.Children, p, false)
	}
	if e.Type == "Identifier" {
		if sys, ok := o.String("system"); ok {
			val, _ := o.String("value")
			if msg := CheckNorwegianIdentifier(sys, val); msg != "" {
				v.add(p, "%s", msg)
			}
		}
	}
}

// contained checks a contained resource of a type Veiviser holds like a top-level one. One of
// another R4 type (a Location, an Observation, a Medication ...) is part of the resource the
// client sent and is kept as sent: it needs only a known R4 type and an id, for Veiviser has no
// definitions of its elements to check it against.
func (v *validator) contained(o *Object, p string) {
	t, _ := o.String("resourceType")
	switch {
	case KnownType(t):
		v.object(o, t, p, true)
	case !r4ResourceTypes[t]:
		v.add(p, "a contained resource must have an R4 resourceType, got %q", t)
	default:
		if id, _ := o.String("id"); !ValidID(id) {
			v.add(p+".id", "a contained resource needs an id (1-64 of A-Z, a-z, 0-9, '-' and '.'), got %q", id)
		}
		if _, nested := o.Get("contained"); nested {
			v.add(p+".contained", "a contained resource may not contain resources (dom-2)")
		}
	}
}

// required reports elements with min >= 1 that are missing; a choice counts once.
func (v *validator) required(o *Object, key, path string) {
	els := elementTables[key]
	for i := range els {
		e := &els[i]
		if e.Min == 0 || has(o, e.Name) {
			continue
		}
		if e.Choice != "" {
			if i > 0 && els[i-1].Choice == e.Choice {
				continue // reported with the first type of the choice
			}
			if choicePresent(o, els, e.Choice) {
				continue
			}
			v.add(path+"."+e.Choice+"[x]", "the element is required (one of %s)", choiceNames(els, e.Choice))
			continue
		}
		v.add(path+"."+e.Name, "the element is required")
	}
}

func has(o *Object, name string) bool {
	if _, ok := o.Get(name); ok {
		return true
	}
	_, ok := o.Get("_" + name)
	return ok
}

func choicePresent(o *Object, els []element, choice string) bool {
	for i := range els {
		if els[i].Choice == choice && has(o, els[i].Name) {
			return true
		}
	}
	return false
}

func choiceNames(els []element, choice string) string {
	var names []string
	for i := range els {
		if els[i].Choice == choice {
			names = append(names, els[i].Name)
		}
	}
	return codeList(names)
}

// primitiveExtension checks a `_name` member: an object, or an array of objects and nulls that
// lines up with the `name` array.
func (v *validator) primitiveExtension(o *Object, k string, val any, key, p string) {
	base := k[1:]
	if e, ok := lookupElement(key, base); ok && !isPrimitive(e.Type) {
		v.add(p, "a _%s member is only allowed on a primitive element, and %s is a %s", base, base, e.Type)
		return
	}
	switch t := val.(type) {
	case *Object:
		v.object(t, "Element", p, false)
	case []any:
		main, _ := o.Array(base)
		if len(t) == 0 || (main != nil && len(main) != len(t)) {
			v.add(p, "the array must have one entry (an object or null) per value of %s", base)
			return
		}
		for i, x := range t {
			switch xo := x.(type) {
			case nil:
			case *Object:
				v.object(xo, "Element", p+"["+strconv.Itoa(i)+"]", false)
			default:
				v.add(p, "entries must be JSON objects (id, extension) or null")
			}
		}
	default:
		v.add(p, "expected a JSON object with id and/or extension")
	}
}

// unknown checks a member we have no definition for only against what FHIR JSON forbids
// everywhere: nulls, empty objects, arrays and strings.
func (v *validator) unknown(val any, p string) {
	switch t := val.(type) {
	case nil:
		v.add(p, "null is not allowed; leave the element out instead")
	case string:
		if t == "" {
			v.add(p, "an empty string is not allowed; leave the element out instead")
		}
	case []any:
		if len(t) == 0 {
			v.add(p, "an empty array is not allowed; leave the element out instead")
		}
		for i, x := range t {
			v.unknown(x, p+"["+strconv.Itoa(i)+"]")
		}
	case *Object:
		if t.Len() == 0 {
			v.add(p, "an empty object is not allowed; leave the element out instead")
		}
		for _, k := range t.Keys() {
			x, _ := t.Get(k)
			v.unknown(x, p+"."+k)
		}
	}
}

func codeList(ss []string) string {
	const max = 12
	out := ""
	for i, s := range ss {
		if i == max {
			return out + ", ..."
		}
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
