package store

import (
	"encoding/json"
	"strings"

	"veiviser/internal/search"
)

// A clause can hold many values: the need-to-know narrowing (access.Reach.Narrow) adds one
// reference per citizen in the caller's reach, which may be thousands. One SQL term per value
// does not scale: SQLite refuses more than 500 SELECTs in a UNION ALL, an expression deeper than
// 1000 and more than 32766 arguments, PostgreSQL runs out of stack and past 65535 arguments. So
// the ids of a reference clause are grouped by target type, and a group of more than listMax
// ids, like a longer _id list, is matched as one set bound as one argument (valueSet), whatever
// its size. Shorter lists keep one term per value, the SQL the planners were tuned on.
//
// A set is only ever read by an uncorrelated IN: inside a correlated EXISTS SQLite builds it
// again for every candidate row (600 ids over 5000 plans: 8.6 s, against 44 ms uncorrelated).
// Uncorrelated, the rows it matches are bounded by the set, the caller's own reach.
const listMax = 50

// term is one alternative of a clause: a value, or a set of reference ids of type v.RefType.
type term struct {
	v   search.Value
	ids []string // not nil: a set
}

// terms are c's alternatives: one per value, but for a reference clause one per type whose
// ids are more than listMax.
func terms(c search.Clause) []term {
	var ts []term
	byType := map[string][]string{}
	var order []string
	for _, v := range c.Values {
		if c.Kind != search.Reference {
			ts = append(ts, term{v: v})
			continue
		}
		if _, seen := byType[v.RefType]; !seen {
			order = append(order, v.RefType)
		}
		byType[v.RefType] = append(byType[v.RefType], v.RefID)
	}
	for _, typ := range order {
		ids := byType[typ]
		if len(ids) > listMax {
			ts = append(ts, term{v: search.Value{RefType: typ}, ids: ids})
			continue
		}
		for _, id := range ids {
			ts = append(ts, term{v: search.Value{RefType: typ, RefID: id}})
		}
	}
	return ts
}

func hasSet(ts []term) bool {
	for _, t := range ts {
		if t.ids != nil {
			return true
		}
	}
	return false
}

// term writes the condition t puts on the index row s.
func (s *sqlBuilder) term(c search.Clause, t term) error {
	if t.ids == nil {
		return s.value(c, t.v)
	}
	s.refSet("s.ref_type", "s.ref_id", t.v.RefType, t.ids)
	return nil
}

// refSet writes that the reference (typeCol, idCol) is one of ids of type typ (of any type
// when typ is "").
func (s *sqlBuilder) refSet(typeCol, idCol, typ string, ids []string) {
	in := idCol + " IN (" + s.set(ids) + ")"
	if typ == "" {
		s.write(in)
		return
	}
	s.write("(", typeCol, " = ", s.arg(typ), " AND ", in, ")")
}

// idIn writes " AND <col> IN (...)" for an _id list: a placeholder per id, or a set.
func (s *sqlBuilder) idIn(col string, ids []string) {
	if len(ids) > listMax {
		s.write(" AND ", col, " IN (", s.set(ids), ")")
		return
	}
	ph := make([]string, len(ids))
	for i, id := range ids {
		ph[i] = s.arg(id)
	}
	s.write(" AND ", col, " IN (", strings.Join(ph, ", "), ")")
}

// set binds vs as one JSON array and returns the subquery over it.
func (s *sqlBuilder) set(vs []string) string {
	b, _ := json.Marshal(vs) // a []string always marshals
	return valueSet(s.dialect, s.arg(string(b)))
}
