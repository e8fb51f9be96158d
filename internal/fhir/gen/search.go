package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

type genParam struct {
	Code, Kind, Expression, Doc string
	Targets                     []string
}

// paramsByType restricts each search parameter's expression to the held type it is on.
func paramsByType(d *defs) map[string][]genParam {
	out := map[string][]genParam{}
	for _, sp := range d.params {
		for _, base := range sp.Base {
			if !slices.Contains(heldTypes, base) {
				continue
			}
			expr := exprFor(base, sp.Expression)
			if expr == "" {
				continue
			}
			out[base] = append(out[base], genParam{Code: sp.Code, Kind: sp.Type, Expression: expr,
				Targets: sp.Target, Doc: docFor(base, sp)})
		}
	}
	for _, ps := range out {
		sort.Slice(ps, func(i, j int) bool { return ps[i].Code < ps[j].Code })
	}
	return out
}

// exprFor keeps the union parts of expr that start at typ.
func exprFor(typ, expr string) string {
	var keep []string
	for _, part := range strings.Split(expr, "|") {
		p := strings.TrimSpace(part)
		q := strings.TrimPrefix(p, "(")
		if strings.HasPrefix(q, typ+".") || q == typ {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, " | ")
}

// docFor is the parameter's description for typ: a shared parameter lists one line per type.
func docFor(typ string, sp searchParameter) string {
	if len(sp.Base) == 1 {
		return strings.TrimSpace(strings.SplitN(sp.Description, "\n", 2)[0])
	}
	for _, line := range strings.Split(sp.Description, "\n") {
		if strings.HasPrefix(line, "* ["+typ+"]") {
			if _, after, ok := strings.Cut(line, "): "); ok {
				return strings.TrimSpace(after)
			}
		}
	}
	return sp.Code
}

func renderSearch(d *defs) string {
	byType := paramsByType(d)
	var b strings.Builder
	b.WriteString("// searchParamDefs holds the R4 search parameters of each held type, with the expression\n")
	b.WriteString("// restricted to that type. Which of them are supported is decided in search_params.go.\n")
	b.WriteString("var searchParamDefs = map[string][]searchParamDef{\n")
	for _, t := range heldTypes {
		fmt.Fprintf(&b, "%q: {\n", t)
		for _, p := range byType[t] {
			fmt.Fprintf(&b, "{Code: %q, Kind: %q, Expression: %q, Doc: %q", p.Code, p.Kind, p.Expression, p.Doc)
			if len(p.Targets) > 0 && len(p.Targets) < 20 {
				fmt.Fprintf(&b, ", Targets: []string%s", quoteList(p.Targets))
			}
			b.WriteString("},\n")
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
	return b.String()
}

func renderCompartment(d *defs) string {
	var b strings.Builder
	b.WriteString("// patientCompartment lists, per held type, the search parameters that put a resource in a\n")
	b.WriteString("// Patient's compartment (empty: the type is not in it).\n")
	b.WriteString("var patientCompartment = map[string][]string{\n")
	for _, r := range d.patient.Resource {
		if slices.Contains(heldTypes, r.Code) && len(r.Param) > 0 {
			fmt.Fprintf(&b, "%q: %s,\n", r.Code, quoteList(r.Param))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// renderResourceTypes lists every concrete R4 resource type (the resource-types code system
// without the abstract Resource and DomainResource), for contained resources of types Veiviser
// does not hold: they are part of the resource a client sent and are kept, checked only for a
// known type and an id.
func renderResourceTypes(d *defs) (string, error) {
	cs, ok := d.codeSystems["http://hl7.org/fhir/resource-types"]
	if !ok {
		return "", fmt.Errorf("no resource-types CodeSystem in the definitions")
	}
	var b strings.Builder
	b.WriteString("// r4ResourceTypes are the concrete resource types of FHIR R4.\n")
	b.WriteString("var r4ResourceTypes = map[string]bool{\n")
	for _, c := range cs.Concept {
		if c.Code != "Resource" && c.Code != "DomainResource" {
			fmt.Fprintf(&b, "%q: true,\n", c.Code)
		}
	}
	b.WriteString("}\n")
	return b.String(), nil
}
