package fhir

import (
	"encoding/json"
	"math"
	"strconv"
)

// texts reports, anywhere in o, a string or member name holding U+0000 (textProblem) and a
// number beyond float64's range (1e999): PostgreSQL refused such a string in an index row (500)
// while SQLite stored it, and Veiviser reads numbers as float64, where 1e999 is infinity. A
// first pass without paths tells whether there is anything to report, so a clean resource
// (nearly every one) costs no path strings.
func (v *validator) texts(o *Object, path string) {
	if badValue(o) {
		v.textsAt(o, path)
	}
}

func badValue(val any) bool {
	switch t := val.(type) {
	case string:
		return textProblem(t) != ""
	case json.Number:
		return numberProblem(t) != ""
	case []any:
		for _, x := range t {
			if badValue(x) {
				return true
			}
		}
	case *Object:
		for k, x := range t.values {
			if textProblem(k) != "" || badValue(x) {
				return true
			}
		}
	}
	return false
}

func (v *validator) textsAt(val any, path string) {
	switch t := val.(type) {
	case string:
		if msg := textProblem(t); msg != "" {
			v.add(path, "the string %s", msg)
		}
	case json.Number:
		if msg := numberProblem(t); msg != "" {
			v.add(path, "%s", msg)
		}
	case []any:
		for i, x := range t {
			v.textsAt(x, path+"["+strconv.Itoa(i)+"]")
		}
	case *Object:
		for _, k := range t.keys {
			p := path + "." + k
			if msg := textProblem(k); msg != "" {
				v.add(p, "the member name %s", msg)
			}
			v.textsAt(t.values[k], p)
		}
	}
}

// numberProblem says why n cannot be held, "" when it can. A number too small for float64
// reads as 0 without an error and is kept.
func numberProblem(n json.Number) string {
	if f, err := strconv.ParseFloat(string(n), 64); err != nil && math.IsInf(f, 0) {
		return "the number " + string(n) + " is out of range (Veiviser holds numbers up to ±1.7976931348623157e308)"
	}
	return ""
}
