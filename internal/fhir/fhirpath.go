package fhir

import (
	"fmt"
	"strings"
)

// The search expressions of our 17 types use a small part of FHIRPath: paths joined by `|`,
// `.where(resolve() is T)`, `.where(field='value')` (field may be a dotted path such as
// type.code), `.as(T)`, `(path as T)` and `.ofType(T)`.
// compilePath reads exactly that subset; anything else makes the parameter unsupported.

type stepKind int

const (
	stepField    stepKind = iota // a member name; a choice name matches each of its types
	stepType                     // as(T), ofType(T): keep values of type T
	stepRefIs                    // where(resolve() is T): keep references to T
	stepFieldEqs                 // where(field='value'), field a dotted path of members
)

type step struct {
	kind  stepKind
	name  string // field, type, or the where field
	value string // stepFieldEqs: the value
}

// fpPath is one union member: a root type and steps.
type fpPath struct {
	root  string
	steps []step
}

// compileExpr compiles a union of paths rooted at typ.
func compileExpr(typ, expr string) ([]fpPath, error) {
	var out []fpPath
	for _, part := range strings.Split(expr, "|") {
		p, err := compilePath(typ, strings.TrimSpace(part))
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func compilePath(typ, s string) (fpPath, error) {
	var cast string
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		inner := s[1 : len(s)-1]
		path, t, ok := strings.Cut(inner, " as ")
		if !ok {
			return fpPath{}, fmt.Errorf("unsupported expression %q", s)
		}
		s, cast = strings.TrimSpace(path), strings.TrimSpace(t)
	}
	if !strings.HasPrefix(s, typ+".") {
		return fpPath{}, fmt.Errorf("expression %q does not start at %s", s, typ)
	}
	p := fpPath{root: typ}
	rest := s[len(typ)+1:]
	for rest != "" {
		var seg string
		seg, rest = nextSegment(rest)
		st, err := compileStep(seg)
		if err != nil {
			return fpPath{}, err
		}
		p.steps = append(p.steps, st)
	}
	if cast != "" {
		p.steps = append(p.steps, step{kind: stepType, name: cast})
	}
	return p, nil
}

// nextSegment splits off the first dot-separated segment, keeping parentheses whole.
func nextSegment(s string) (string, string) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			depth--
		case '.':
			if depth == 0 {
				return s[:i], s[i+1:]
			}
		}
	}
	return s, ""
}

func compileStep(seg string) (step, error) {
	name, arg, call := strings.Cut(seg, "(")
	if !call {
		if !isIdent(seg) {
			return step{}, fmt.Errorf("unsupported path segment %q", seg)
		}
		return step{kind: stepField, name: seg}, nil
	}
	if !strings.HasSuffix(arg, ")") {
		return step{}, fmt.Errorf("unsupported path segment %q", seg)
	}
	arg = arg[:len(arg)-1]
	switch name {
	case "as", "ofType":
		if isIdent(arg) {
			return step{kind: stepType, name: arg}, nil
		}
	case "where":
		if t, ok := strings.CutPrefix(arg, "resolve() is "); ok && isIdent(t) {
			return step{kind: stepRefIs, name: t}, nil
		}
		if f, v, ok := strings.Cut(arg, "="); ok && isFieldPath(f) && len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
			return step{kind: stepFieldEqs, name: f, value: v[1 : len(v)-1]}, nil
		}
	}
	return step{}, fmt.Errorf("unsupported function %q", seg)
}

// isFieldPath reports whether s is member names joined by dots (code, type.code).
func isFieldPath(s string) bool {
	for _, part := range strings.Split(s, ".") {
		if !isIdent(part) {
			return false
		}
	}
	return true
}

func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && i > 0) {
			return false
		}
	}
	return true
}

// node is one value met while evaluating a path, with its FHIR type.
type node struct {
	v        any
	typ      string
	children string // key in elementTables of its members
}

// eval evaluates p against a resource object and appends the values it selects to out.
func (p fpPath) eval(root *Object, out []node) []node {
	cur := []node{{v: root, typ: p.root, children: p.root}}
	for _, st := range p.steps {
		cur = applyStep(st, cur)
		if len(cur) == 0 {
			return out
		}
	}
	return append(out, cur...)
}

func applyStep(st step, in []node) []node {
	var out []node
	for _, n := range in {
		switch st.kind {
		case stepField:
			out = selectField(n, st.name, out)
		case stepType:
			if strings.EqualFold(n.typ, st.name) {
				out = append(out, n)
			}
		case stepRefIs:
			if o, ok := n.v.(*Object); ok {
				if s, ok := o.String("reference"); ok {
					if t, _ := ParseReference(s); t == st.name {
						out = append(out, n)
					}
				}
			}
		case stepFieldEqs:
			if o, ok := n.v.(*Object); ok && fieldString(o, st.name) == st.value {
				out = append(out, n)
			}
		}
	}
	return out
}

// fieldString is the string at a dotted path of single members of o ("" when absent).
func fieldString(o *Object, path string) string {
	for {
		name, rest, nested := strings.Cut(path, ".")
		if !nested {
			s, _ := o.String(name)
			return s
		}
		if o, _ = o.Object(name); o == nil {
			return ""
		}
		path = rest
	}
}

// selectField appends the values of member name of n; a choice name selects the member of each
// of its types that is present (scheduled → scheduledPeriod, scheduledString, ...).
func selectField(n node, name string, out []node) []node {
	o, ok := n.v.(*Object)
	if !ok {
		return out
	}
	for _, e := range elementTables[n.children] {
		if e.Name != name && e.Choice != name {
			continue
		}
		v, ok := o.Get(e.Name)
		if !ok {
			continue
		}
		if arr, ok := v.([]any); ok {
			for _, x := range arr {
				if x != nil {
					out = append(out, node{v: x, typ: e.Type, children: e.Children})
				}
			}
		} else if v != nil {
			out = append(out, node{v: v, typ: e.Type, children: e.Children})
		}
	}
	return out
}
