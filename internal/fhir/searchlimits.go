package fhir

import (
	"maps"
	"net/url"
	"slices"
	"strconv"

	"veiviser/internal/apperr"
)

// The search limits: how much one search may ask for. They keep every search well inside what
// SQLite and PostgreSQL parse and plan quickly: SQLite refuses a UNION ALL of more than 500
// SELECTs and an expression deeper than 1000 (600 values or 989 repeated parameters answered
// 500), 20 parameters of 100 date values each took it 2 s to plan, and 50 parameters of one
// value took PostgreSQL 0.3 s (100: 2.3 s). They apply to what the client sends; the
// need-to-know narrowing adds its clause of one value per citizen in reach afterwards, which the
// store takes at any length (store/sets.go).
const (
	MaxSearchParams      = 20  // parameters in one search, each repetition counted
	MaxSearchValues      = 100 // values of one parameter, separated by commas
	MaxSearchValuesTotal = 200 // values of all the search's parameters together
)

// checkSearchLimits refuses a search beyond the limits, naming the limit.
func checkSearchLimits(params url.Values) error {
	n := 0
	for _, vs := range params {
		n += len(vs)
	}
	if n > MaxSearchParams {
		return tooCostly("", "a search may have at most "+strconv.Itoa(MaxSearchParams)+
			" parameters (each repetition counts), got "+strconv.Itoa(n))
	}
	total := 0
	for _, k := range slices.Sorted(maps.Keys(params)) { // a stable choice of the one named
		for _, v := range params[k] {
			values := countUnescaped(v, ',') + 1
			if values > MaxSearchValues {
				return tooCostly(k, "search parameter "+strconv.Quote(k)+": at most "+strconv.Itoa(MaxSearchValues)+
					" values (separated by commas) are allowed in one parameter, got "+strconv.Itoa(values))
			}
			total += values
		}
	}
	if total > MaxSearchValuesTotal {
		return tooCostly("", "a search may have at most "+strconv.Itoa(MaxSearchValuesTotal)+
			" values in all its parameters together, got "+strconv.Itoa(total))
	}
	return nil
}

// tooCostly is a 400 whose issue type says the search asks for too much.
func tooCostly(param, msg string) error {
	is := apperr.Issue{Type: "too-costly", Diagnostics: msg}
	if param != "" {
		is.Expression = []string{param}
	}
	return apperr.WithIssues(apperr.Invalid, is)
}

// countUnescaped counts the seps in s not escaped by a backslash, as splitUnescaped splits.
func countUnescaped(s string, sep byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			n++
		}
	}
	return n
}
