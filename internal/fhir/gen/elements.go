package main

import (
	"fmt"
	"sort"
	"strings"
)

// genElement mirrors fhir.element: one JSON member of a type or backbone element.
type genElement struct {
	Name     string
	Choice   string
	Min, Max int
	Type     string
	Children string
	Targets  []string
	Codes    string
}

// buildElements returns the element tables keyed by type name or backbone path, for the held
// resource types and every complex data type they reach, and the value sets of required bindings.
func buildElements(d *defs) (map[string][]genElement, map[string]bool, error) {
	tables := map[string][]genElement{}
	vsUsed := map[string]bool{}
	queue := append([]string(nil), heldTypes...)
	seen := map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		sd, ok := d.structures[name]
		if !ok {
			return nil, nil, fmt.Errorf("no StructureDefinition for %s", name)
		}
		reached, err := addStructure(d, sd, tables, vsUsed)
		if err != nil {
			return nil, nil, err
		}
		queue = append(queue, reached...)
	}
	return tables, vsUsed, nil
}

// addStructure adds one structure's elements and returns the complex types it uses.
func addStructure(d *defs, sd *structureDef, tables map[string][]genElement, vsUsed map[string]bool) ([]string, error) {
	var reached []string
	backbone := map[string]bool{sd.Type: true}
	for _, ed := range sd.Snapshot.Element[1:] {
		parent, name := splitPath(ed.Path)
		if !backbone[parent] {
			continue // children of a primitive's value and the like
		}
		max := -1
		if ed.Max != "*" {
			fmt.Sscan(ed.Max, &max)
		}
		base := genElement{Name: name, Min: ed.Min, Max: max}
		if ed.ContentReference != "" {
			base.Type = "BackboneElement"
			base.Children = strings.TrimPrefix(ed.ContentReference, "#")
			tables[parent] = append(tables[parent], base)
			continue
		}
		base.Codes = requiredBinding(d, ed, vsUsed)
		choice := strings.HasSuffix(name, "[x]")
		for _, t := range ed.Type {
			e := base
			e.Type = typeCode(t.Code, t.Extension)
			if choice {
				e.Choice = strings.TrimSuffix(name, "[x]")
				e.Name = e.Choice + strings.ToUpper(e.Type[:1]) + e.Type[1:]
			}
			for _, p := range t.TargetProfile {
				e.Targets = append(e.Targets, p[strings.LastIndex(p, "/")+1:])
			}
			switch {
			case e.Type == "BackboneElement" || e.Type == "Element":
				e.Children = ed.Path
				backbone[ed.Path] = true
			case isComplex(d, e.Type):
				e.Children = e.Type
				reached = append(reached, e.Type)
			}
			tables[parent] = append(tables[parent], e)
		}
	}
	return reached, nil
}

func splitPath(p string) (string, string) {
	i := strings.LastIndex(p, ".")
	return p[:i], p[i+1:]
}

// typeCode turns the FHIRPath system types used for id and url into their FHIR type.
func typeCode(code string, ext []struct {
	URL      string `json:"url"`
	ValueURL string `json:"valueUrl"`
}) string {
	if !strings.HasPrefix(code, "http://hl7.org/fhirpath/System.") {
		return code
	}
	for _, x := range ext {
		if strings.HasSuffix(x.URL, "structuredefinition-fhir-type") {
			return x.ValueURL
		}
	}
	return "string"
}

func isComplex(d *defs, typ string) bool {
	sd, ok := d.structures[typ]
	return ok && sd.Kind == "complex-type"
}

// requiredBinding returns the value set key of a required binding that can be expanded from the
// folder, "" otherwise.
func requiredBinding(d *defs, ed elementDef, vsUsed map[string]bool) string {
	if ed.Binding == nil || ed.Binding.Strength != "required" {
		return ""
	}
	url, _, _ := strings.Cut(ed.Binding.ValueSet, "|")
	if _, ok := expand(d, url, 0); !ok {
		return ""
	}
	vsUsed[url] = true
	return vsKey(url)
}

func vsKey(url string) string { return url[strings.LastIndex(url, "/")+1:] }

func renderElements(tables map[string][]genElement) string {
	keys := make([]string, 0, len(tables))
	for k := range tables {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("// elementTables holds, per type or backbone path, the elements of the R4 snapshot; a choice\n")
	b.WriteString("// element appears once per allowed type, under its JSON name.\n")
	b.WriteString("var elementTables = map[string][]element{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%q: {\n", k)
		for _, e := range tables[k] {
			fmt.Fprintf(&b, "{Name: %q, Min: %d, Max: %d, Type: %q", e.Name, e.Min, e.Max, e.Type)
			if e.Choice != "" {
				fmt.Fprintf(&b, ", Choice: %q", e.Choice)
			}
			if e.Children != "" {
				fmt.Fprintf(&b, ", Children: %q", e.Children)
			}
			if len(e.Targets) > 0 {
				fmt.Fprintf(&b, ", Targets: []string%s", quoteList(e.Targets))
			}
			if e.Codes != "" {
				fmt.Fprintf(&b, ", Codes: %q", e.Codes)
			}
			b.WriteString("},\n")
		}
		b.WriteString("},\n")
	}
	b.WriteString("}\n")
	return b.String()
}
