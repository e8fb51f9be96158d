// Package search holds the plain types a FHIR search becomes: the index entries extracted from a
// resource on write, and the query a search request is parsed into. The fhir package produces
// both; the store package stores the entries and runs the query. Neither depends on the other.
package search

import "time"

// Kind is a search parameter's type, as FHIR names it.
type Kind string

// The kinds the store indexes.
const (
	Token     Kind = "token"     // Coding, CodeableConcept, Identifier, code, boolean, ContactPoint, uri
	String    Kind = "string"    // string, HumanName, Address (normalised text)
	Reference Kind = "reference" // Reference.reference as Type/id
	Date      Kind = "date"      // date, dateTime, instant, Period, Timing as a [Low, High] range
	Number    Kind = "number"    // integer, decimal
)

// Code numbers k in the access log journals' binary form (internal/binenc); the numbers are
// stored on disk, so a new kind takes the next one and none is ever renumbered.
func (k Kind) Code() (byte, bool) {
	switch k {
	case Token:
		return 0, true
	case String:
		return 1, true
	case Reference:
		return 2, true
	case Date:
		return 3, true
	case Number:
		return 4, true
	}
	return 0, false
}

// KindOfCode is the kind Code numbered c.
func KindOfCode(c byte) (Kind, bool) {
	for _, k := range []Kind{Token, String, Reference, Date, Number} {
		if code, _ := k.Code(); code == c {
			return k, true
		}
	}
	return "", false
}

// Entry is one index row of the current version of a resource.
type Entry struct {
	Param string // search parameter code, e.g. "subject"
	Kind  Kind

	// Token: System may be "" (no system). Code is the code, identifier value, "true"/"false", or uri.
	System string
	Code   string

	// String: Text is normalised (lower case, diacritics folded, whitespace collapsed).
	Text string

	// Reference: the target as a local resource type and id.
	RefType string
	RefID   string

	// Date: the closed-open instant range [Low, High) the value covers, in UTC.
	Low  time.Time
	High time.Time

	// Number.
	Number float64
}

// Prefix is a FHIR search comparison prefix for dates and numbers.
type Prefix string

// The prefixes.
const (
	Eq Prefix = "eq"
	Ne Prefix = "ne"
	Lt Prefix = "lt"
	Gt Prefix = "gt"
	Le Prefix = "le"
	Ge Prefix = "ge"
	Sa Prefix = "sa"
	Eb Prefix = "eb"
	Ap Prefix = "ap"
)

// Value is one alternative in a Clause; a Clause matches when any of its Values matches.
type Value struct {
	// Token: AnySystem means "code" without "|" (match any system); otherwise System must equal
	// (an empty System with AnySystem false means "|code": no system).
	AnySystem bool
	System    string
	Code      string // "" with a System means "system|": any code in that system

	// String: Text is normalised like Entry.Text. Exact is the :exact modifier, Contains :contains;
	// neither means starts-with.
	Text     string
	Exact    bool
	Contains bool

	// Reference.
	RefType string // "" means any type
	RefID   string

	// Date: the query value's own range [Low, High), compared by Prefix.
	// Number: Number compared by Prefix.
	Prefix Prefix
	Low    time.Time
	High   time.Time
	Number float64
}

// Clause is one search parameter in the query; a resource matches a query when it matches every clause.
type Clause struct {
	Param string
	Kind  Kind
	// Missing, when set, is the :missing modifier: true matches resources without an entry for
	// Param, false those with one. Values is then empty.
	Missing *bool
	// Not is the :not modifier on a token: no entry of Param matches any Value.
	Not    bool
	Values []Value
}

// Sort orders the results.
type Sort int

// The orders.
const (
	SortDefault         Sort = iota // stable, by id
	SortLastUpdatedAsc              // _sort=_lastUpdated
	SortLastUpdatedDesc             // _sort=-_lastUpdated
)

// Include is one _include: follow Param's references from each match to resources of TargetType
// ("" means any type).
type Include struct {
	SourceType string
	Param      string
	TargetType string
}

// Query is one search of one resource type.
type Query struct {
	Type        string
	IDs         []string // _id: any of these; empty means any id
	LastUpdated []Value  // _lastUpdated: every value must match (Prefix, Low, High)
	Clauses     []Clause
	Sort        Sort
	Count       int // page size; 0 means the server default
	Offset      int // rows to skip
	Include     []Include
}
