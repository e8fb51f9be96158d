package main

import (
	"fmt"
	"sort"
	"strings"
)

// expand lists a value set's codes from its compose, or reports false when the folder cannot
// expand it (a filter, an unknown or incomplete code system, an unknown value set).
func expand(d *defs, url string, depth int) ([]string, bool) {
	vs, ok := d.valueSets[url]
	if !ok || depth > 5 {
		return nil, false
	}
	codes := map[string]bool{}
	for _, inc := range vs.Compose.Include {
		got, ok := expandInclude(d, inc, depth)
		if !ok {
			return nil, false
		}
		for _, c := range got {
			codes[c] = true
		}
	}
	for _, exc := range vs.Compose.Exclude {
		got, ok := expandInclude(d, exc, depth)
		if !ok {
			return nil, false
		}
		for _, c := range got {
			delete(codes, c)
		}
	}
	out := make([]string, 0, len(codes))
	for c := range codes {
		out = append(out, c)
	}
	sort.Strings(out)
	return out, len(out) > 0
}

func expandInclude(d *defs, inc vsInclude, depth int) ([]string, bool) {
	if len(inc.Filter) > 0 {
		return nil, false
	}
	var out []string
	for _, u := range inc.ValueSet {
		got, ok := expand(d, strings.SplitN(u, "|", 2)[0], depth+1)
		if !ok {
			return nil, false
		}
		out = append(out, got...)
	}
	if inc.System == "" {
		return out, true
	}
	if len(inc.Concept) > 0 {
		for _, c := range inc.Concept {
			out = append(out, c.Code)
		}
		return out, true
	}
	cs, ok := d.codeSystems[inc.System]
	if !ok || cs.Content != "complete" {
		return nil, false
	}
	return appendConcepts(out, cs.Concept), true
}

func appendConcepts(out []string, cs []concept) []string {
	for _, c := range cs {
		out = append(out, c.Code)
		out = appendConcepts(out, c.Concept)
	}
	return out
}

// renderValueSets writes the codes of every expandable required binding, and notes the ones that
// could not be expanded (those bindings are not checked).
func renderValueSets(d *defs, used map[string]bool) string {
	urls := make([]string, 0, len(used))
	for u := range used {
		urls = append(urls, u)
	}
	sort.Strings(urls)
	var b strings.Builder
	b.WriteString("// valueSetCodes holds the codes of each required binding, keyed by the value set's id.\n")
	b.WriteString("var valueSetCodes = map[string][]string{\n")
	for _, u := range urls {
		codes, _ := expand(d, u, 0)
		fmt.Fprintf(&b, "%q: %s,\n", vsKey(u), quoteList(codes))
	}
	b.WriteString("}\n\n")
	b.WriteString("// Required bindings whose value set cannot be expanded from the folder (not checked):\n")
	for _, u := range unexpandable(d) {
		fmt.Fprintf(&b, "//   %s\n", u)
	}
	return b.String()
}

func unexpandable(d *defs) []string {
	set := map[string]bool{}
	for _, sd := range d.structures {
		for _, ed := range sd.Snapshot.Element {
			if ed.Binding == nil || ed.Binding.Strength != "required" {
				continue
			}
			url, _, _ := strings.Cut(ed.Binding.ValueSet, "|")
			if _, ok := expand(d, url, 0); !ok {
				set[url] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for u := range set {
		out = append(out, u)
	}
	sort.Strings(out)
	return out
}
