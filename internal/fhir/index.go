package fhir

import (
	"encoding/json"
	"strconv"

	"veiviser/internal/search"
)

// Index returns the index entries of r for every supported search parameter of its type. _id and
// _lastUpdated are not indexed: the store keeps them on the resource row.
func Index(r *Resource) []search.Entry {
	var out []search.Entry
	var nodes []node
	for i := range supportedParams[r.Type()] {
		p := &supportedParams[r.Type()][i]
		nodes = nodes[:0]
		for _, path := range p.paths {
			nodes = path.eval(r.obj, nodes)
		}
		start := len(out)
		for _, n := range nodes {
			out = appendEntries(out, start, p.Code, p.Kind, n)
		}
	}
	return out
}

// appendEntries adds the entries of one value, skipping ones already added for the parameter.
func appendEntries(out []search.Entry, start int, param string, kind search.Kind, n node) []search.Entry {
	add := func(e search.Entry) {
		e.Param, e.Kind = param, kind
		for _, have := range out[start:] {
			if have == e {
				return
			}
		}
		out = append(out, e)
	}
	switch kind {
	case search.Token:
		tokenEntries(n, add)
	case search.String:
		stringEntries(n, add)
	case search.Reference:
		if o, ok := n.v.(*Object); ok && n.typ == "Reference" {
			s, _ := o.String("reference")
			if t, id := ParseReference(s); t != "" {
				add(search.Entry{RefType: t, RefID: id})
			}
		}
	case search.Date:
		dateEntries(n, add)
	case search.Number:
		if num, ok := n.v.(json.Number); ok {
			if f, err := strconv.ParseFloat(string(num), 64); err == nil {
				add(search.Entry{Number: f})
			}
		}
	}
	return out
}

func tokenEntries(n node, add func(search.Entry)) {
	switch v := n.v.(type) {
	case string:
		add(search.Entry{Code: v})
	case bool:
		add(search.Entry{Code: strconv.FormatBool(v)})
	case *Object:
		switch n.typ {
		case "Coding":
			codingEntry(v, add)
		case "CodeableConcept":
			codings, _ := v.Array("coding")
			for _, c := range codings {
				if co, ok := c.(*Object); ok {
					codingEntry(co, add)
				}
			}
		case "Identifier":
			sys, _ := v.String("system")
			if val, ok := v.String("value"); ok {
				add(search.Entry{System: sys, Code: val})
			}
		case "ContactPoint":
			if val, ok := v.String("value"); ok {
				add(search.Entry{Code: val})
			}
		}
	}
}

func codingEntry(o *Object, add func(search.Entry)) {
	sys, _ := o.String("system")
	if code, ok := o.String("code"); ok {
		add(search.Entry{System: sys, Code: code})
	}
}

// stringParts are the members of HumanName and Address indexed as separate strings.
var stringParts = map[string][]string{
	"HumanName": {"text", "family", "given", "prefix", "suffix"},
	"Address":   {"text", "line", "city", "district", "state", "postalCode", "country"},
}

func stringEntries(n node, add func(search.Entry)) {
	switch v := n.v.(type) {
	case string:
		if t := NormalizeText(v); t != "" {
			add(search.Entry{Text: t})
		}
	case *Object:
		for _, member := range stringParts[n.typ] {
			val, _ := v.Get(member)
			vals, isArr := val.([]any)
			if !isArr {
				vals = []any{val}
			}
			for _, x := range vals {
				if s, ok := x.(string); ok {
					if t := NormalizeText(s); t != "" {
						add(search.Entry{Text: t})
					}
				}
			}
		}
	}
}

func dateEntries(n node, add func(search.Entry)) {
	switch v := n.v.(type) {
	case string:
		if d, ok := parseDate(v); ok {
			lo, hi := d.span()
			add(search.Entry{Low: lo, High: hi})
		}
	case *Object:
		switch n.typ {
		case "Period":
			periodEntry(v, add)
		case "Timing":
			events, _ := v.Array("event")
			for _, e := range events {
				dateEntries(node{v: e, typ: "dateTime"}, add)
			}
			if rep, ok := v.Object("repeat"); ok {
				if bp, ok := rep.Object("boundsPeriod"); ok {
					periodEntry(bp, add)
				}
			}
		}
	}
}

// periodEntry covers a Period: a missing start is open to the past, a missing end open to the
// future.
func periodEntry(o *Object, add func(search.Entry)) {
	lo, hi := farPast, farFuture
	seen := false
	if s, ok := o.String("start"); ok {
		if d, ok := parseDate(s); ok {
			lo, _ = d.span()
			seen = true
		}
	}
	if s, ok := o.String("end"); ok {
		if d, ok := parseDate(s); ok {
			_, hi = d.span()
			seen = true
		}
	}
	if seen {
		add(search.Entry{Low: lo, High: hi})
	}
}
