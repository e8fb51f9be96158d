package store

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// sqlBuilder collects SQL text and its arguments. Every value from a query, including parameter
// names, becomes a $n argument; only table and column names chosen in this file enter the text.
type sqlBuilder struct {
	b       strings.Builder
	args    []any
	now     time.Time // for the ap prefix
	dialect string    // for valueSet
}

// arg binds v and returns its placeholder.
func (s *sqlBuilder) arg(v any) string {
	s.args = append(s.args, v)
	return "$" + strconv.Itoa(len(s.args))
}

func (s *sqlBuilder) write(parts ...string) {
	for _, p := range parts {
		s.b.WriteString(p)
	}
}

// clause writes " AND r.id [NOT] IN (SELECT s.id FROM <table> s WHERE s.type = $1 AND s.param = $n
// AND <value> UNION ALL ...)". $1 is the query's resource type. Only the driving clause (the
// first positive one) is written so: SQLite materialises every uncorrelated IN list in full, so a
// second IN over a large set (the agent of an access log that grows with every read) would make
// the query as slow as that set is large. The clauses after it are correlated EXISTS probes on
// the (type, id, param) index, one per candidate row.
func (s *sqlBuilder) clause(c search.Clause, drives bool) error {
	table, ok := kindTable(c.Kind)
	if !ok {
		return apperr.New(apperr.Invalid, "search parameter %q has unknown kind %q", c.Param, c.Kind)
	}
	in := " IN "
	switch {
	case c.Missing != nil && *c.Missing:
		in = " NOT IN " // :missing=true: no entry at all
	case c.Missing == nil && len(c.Values) == 0:
		return apperr.New(apperr.Invalid, "search parameter %q has no value", c.Param)
	case c.Missing == nil && c.Not:
		if c.Kind != search.Token {
			return apperr.New(apperr.Invalid, "the :not modifier applies only to token parameters, not %q", c.Param)
		}
		in = " NOT IN "
	}
	param := s.arg(c.Param)
	ts := terms(c)
	// A set stays in an uncorrelated IN wherever the clause is (sets.go says why).
	if !drives && in == " IN " && c.Missing == nil && !hasSet(ts) {
		return s.exists(c, table, param)
	}
	// One SELECT per value (per set, sets.go), joined by UNION ALL: each is an index range on
	// (type, param, value), where an OR inside one SELECT makes SQLite scan every row of the
	// parameter.
	s.write(" AND r.id", in, "(")
	if c.Missing != nil {
		s.write("SELECT s.id FROM ", table, " s WHERE s.type = $1 AND s.param = ", param, ")")
		return nil
	}
	for i, t := range ts {
		if i > 0 {
			s.write(" UNION ALL ")
		}
		s.write("SELECT s.id FROM ", table, " s WHERE s.type = $1 AND s.param = ", param, " AND ")
		if err := s.term(c, t); err != nil {
			return err
		}
	}
	s.write(")")
	return nil
}

// exists writes " AND EXISTS (SELECT 1 FROM <table> s WHERE s.type = $1 AND s.id = r.id AND
// s.param = $n AND (<value> OR ...))".
func (s *sqlBuilder) exists(c search.Clause, table, param string) error {
	s.write(" AND EXISTS (SELECT 1 FROM ", table, " s WHERE s.type = $1 AND s.id = r.id AND s.param = ", param, " AND (")
	for i, v := range c.Values {
		if i > 0 {
			s.write(" OR ")
		}
		if err := s.value(c, v); err != nil {
			return err
		}
	}
	s.write("))")
	return nil
}

func kindTable(k search.Kind) (string, bool) {
	switch k {
	case search.Token:
		return "search_token", true
	case search.String:
		return "search_string", true
	case search.Reference:
		return "search_reference", true
	case search.Date:
		return "search_date", true
	case search.Number:
		return "search_number", true
	}
	return "", false
}

// value writes the condition one Value puts on the index row s.
func (s *sqlBuilder) value(c search.Clause, v search.Value) error {
	switch c.Kind {
	case search.Token:
		s.token(v)
	case search.String:
		s.str(v)
	case search.Reference:
		if v.RefType == "" {
			s.write("s.ref_id = ", s.arg(v.RefID))
		} else {
			s.write("(s.ref_type = ", s.arg(v.RefType), " AND s.ref_id = ", s.arg(v.RefID), ")")
		}
	case search.Date:
		return s.date("s.low", "s.high", v)
	case search.Number:
		return s.number(v)
	}
	return nil
}

func (s *sqlBuilder) token(v search.Value) {
	switch {
	case v.AnySystem:
		s.write("s.code = ", s.arg(v.Code))
	case v.Code == "":
		s.write("s.system = ", s.arg(v.System)) // system|: any code in the system
	default:
		s.write("(s.code = ", s.arg(v.Code), " AND s.system = ", s.arg(v.System), ")")
	}
}

// str matches normalised text. Starts-with is a range on the index, [prefix, prefix+U+10FFFF),
// so it uses the lookup index on both dialects (byte order: SQLite's BINARY, PostgreSQL's "C").
func (s *sqlBuilder) str(v search.Value) {
	switch {
	case v.Exact:
		s.write("s.value = ", s.arg(v.Text))
	case v.Contains:
		s.write("s.value LIKE ", s.arg("%"+escapeLike(v.Text)+"%"), ` ESCAPE '\'`)
	default:
		s.write("(s.value >= ", s.arg(v.Text), " AND s.value < ", s.arg(v.Text+string(utf8.MaxRune)), ")")
	}
}

func escapeLike(t string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(t)
}

// date compares the stored range [lo, hi) with the query's [Low, High) per FHIR R4 search:
// eq: stored within query; ne: not eq; gt: stored reaches past the query's end; lt: stored starts
// before the query's start; ge: gt or eq; le: lt or eq; sa: stored starts at or after the query's
// end; eb: stored ends at or before the query's start; ap: stored overlaps the query range widened
// on each side by 10% of the distance between now and the query value.
func (s *sqlBuilder) date(lo, hi string, v search.Value) error {
	ql, qh := lowMicros(v.Low), highMicros(v.High)
	switch v.Prefix {
	case search.Eq, "":
		s.write("(", lo, " >= ", s.arg(ql), " AND ", hi, " <= ", s.arg(qh), ")")
	case search.Ne:
		s.write("(", lo, " < ", s.arg(ql), " OR ", hi, " > ", s.arg(qh), ")")
	case search.Gt:
		s.write(hi, " > ", s.arg(qh))
	case search.Lt:
		s.write(lo, " < ", s.arg(ql))
	case search.Ge:
		s.write("(", hi, " > ", s.arg(qh), " OR (", lo, " >= ", s.arg(ql), " AND ", hi, " <= ", s.arg(qh), "))")
	case search.Le:
		s.write("(", lo, " < ", s.arg(ql), " OR (", lo, " >= ", s.arg(ql), " AND ", hi, " <= ", s.arg(qh), "))")
	case search.Sa:
		s.write(lo, " >= ", s.arg(qh))
	case search.Eb:
		s.write(hi, " <= ", s.arg(ql))
	case search.Ap:
		wl, wh := s.widen(ql, qh)
		s.write("(", lo, " < ", s.arg(wh), " AND ", hi, " > ", s.arg(wl), ")")
	default:
		return apperr.New(apperr.Invalid, "unknown date prefix %q", v.Prefix)
	}
	return nil
}

// widen grows [ql, qh) by 10% of the distance between now and the query value on each side.
func (s *sqlBuilder) widen(ql, qh int64) (int64, int64) {
	if ql == minMicros || qh == maxMicros {
		return ql, qh
	}
	now := toMicros(s.now)
	d := max(absDiff(now, ql), absDiff(now, qh)) / 10
	if ql > minMicros+d {
		ql -= d
	}
	if qh < maxMicros-d {
		qh += d
	}
	return ql, qh
}

func absDiff(a, b int64) int64 {
	if a > b {
		return a - b
	}
	return b - a
}

// number compares the stored value with Number; ap is within 10% of Number.
func (s *sqlBuilder) number(v search.Value) error {
	ops := map[search.Prefix]string{search.Eq: "=", "": "=", search.Ne: "<>", search.Lt: "<", search.Le: "<=",
		search.Gt: ">", search.Ge: ">=", search.Sa: ">", search.Eb: "<"}
	if op, ok := ops[v.Prefix]; ok {
		s.write("s.value ", op, " ", s.arg(v.Number))
		return nil
	}
	if v.Prefix == search.Ap {
		d := math.Abs(v.Number) / 10
		s.write("(s.value >= ", s.arg(v.Number-d), " AND s.value <= ", s.arg(v.Number+d), ")")
		return nil
	}
	return apperr.New(apperr.Invalid, "unknown number prefix %q", v.Prefix)
}
