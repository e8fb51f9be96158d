package store

import (
	"context"
	"database/sql"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// searchAudit runs a search of AuditEvent over audit_events (audit.go): the parameters the
// columns carry (agent, type, subtype, action, outcome, date, patient, entity) plus _id and
// _lastUpdated, with :missing and, on tokens, :not. _include is not offered for AuditEvent.
func (r reader) searchAudit(ctx context.Context, q search.Query) (Page, error) {
	if len(q.Include) > 0 {
		return Page{}, apperr.New(apperr.Invalid, "_include is not supported on AuditEvent")
	}
	count := PageSize(q.Count)
	text, args, err := r.auditSQL(q, count)
	if err != nil {
		return Page{}, err
	}
	return r.queryPage(ctx, len(q.IDs) == 0, count, func(rows *sql.Rows) (Record, error) {
		rec := Record{Type: q.Type, VersionID: 1}
		var updated int64
		if err := rows.Scan(&rec.ID, &updated, &rec.Body); err != nil {
			return rec, err
		}
		rec.LastUpdated = fromMicros(updated)
		return rec, nil
	}, text, args...)
}

func (r reader) auditSQL(q search.Query, count int) (string, []any, error) {
	s := &sqlBuilder{now: r.now(), dialect: r.dialect}
	s.write("SELECT a.id, a.last_updated, a.body FROM audit_events a WHERE 1 = 1")
	if len(q.IDs) > 0 {
		s.idIn("a.id", q.IDs)
	}
	for _, v := range q.LastUpdated {
		s.write(" AND ")
		if err := s.date("a.last_updated", "(a.last_updated + 1)", v); err != nil {
			return "", nil, err
		}
	}
	for _, c := range q.Clauses {
		if err := s.auditClause(c); err != nil {
			return "", nil, err
		}
	}
	switch q.Sort {
	case search.SortDefault:
		s.write(" ORDER BY a.id")
	case search.SortLastUpdatedAsc:
		s.write(" ORDER BY a.last_updated, a.id")
	case search.SortLastUpdatedDesc:
		s.write(" ORDER BY a.last_updated DESC, a.id DESC")
	default:
		return "", nil, apperr.New(apperr.Invalid, "unknown sort order %d", q.Sort)
	}
	s.write(" LIMIT ", s.arg(count+1), " OFFSET ", s.arg(max(q.Offset, 0)))
	return s.b.String(), s.args, nil
}

// auditClause writes " AND <condition>" for one clause.
func (s *sqlBuilder) auditClause(c search.Clause) error {
	if auditRefParams[c.Param] && c.Kind == search.Reference {
		return s.auditRefClause(c)
	}
	col, ok := auditColumn[c.Param]
	if !ok || col.kind != c.Kind {
		return apperr.New(apperr.Invalid, "AuditEvent is not searchable by %q (the CapabilityStatement lists its parameters)", c.Param)
	}
	first, second := "a."+auditCols[col.at], "a."+auditCols[col.at+1]
	// the second column is never NULL when the parameter is present
	present := second + " IS NOT NULL"
	switch {
	case c.Missing != nil && *c.Missing:
		s.write(" AND ", second, " IS NULL")
		return nil
	case c.Missing != nil:
		s.write(" AND ", present)
		return nil
	case len(c.Values) == 0:
		return apperr.New(apperr.Invalid, "search parameter %q has no value", c.Param)
	case c.Not && c.Kind != search.Token:
		return apperr.New(apperr.Invalid, "the :not modifier applies only to token parameters, not %q", c.Param)
	}
	if c.Not {
		s.write(" AND (", second, " IS NULL OR NOT (")
	} else {
		s.write(" AND ", present, " AND (")
	}
	for i, v := range c.Values {
		if i > 0 {
			s.write(" OR ")
		}
		if err := s.auditValue(c.Kind, first, second, v); err != nil {
			return err
		}
	}
	if c.Not {
		s.write("))")
	} else {
		s.write(")")
	}
	return nil
}

// auditValue writes the condition one Value puts on a parameter's two columns.
func (s *sqlBuilder) auditValue(kind search.Kind, first, second string, v search.Value) error {
	switch kind {
	case search.Token:
		switch {
		case v.AnySystem:
			s.write(second, " = ", s.arg(v.Code))
		case v.Code == "":
			s.write(first, " = ", s.arg(v.System))
		default:
			s.write("(", second, " = ", s.arg(v.Code), " AND ", first, " = ", s.arg(v.System), ")")
		}
	case search.Reference:
		s.refValue(first, second, v)
	case search.Date:
		return s.date(first, second, v)
	}
	return nil
}

// refValue matches a (type, id) pair of columns.
func (s *sqlBuilder) refValue(typeCol, idCol string, v search.Value) {
	if v.RefType == "" {
		s.write(idCol, " = ", s.arg(v.RefID))
		return
	}
	s.write("(", idCol, " = ", s.arg(v.RefID), " AND ", typeCol, " = ", s.arg(v.RefType), ")")
}

// auditRefClause writes " AND a.id [NOT] IN (SELECT f.id FROM audit_event_refs f WHERE ...)",
// one SELECT per value (per type, sets.go) joined by UNION ALL so each is a range on the primary
// key.
func (s *sqlBuilder) auditRefClause(c search.Clause) error {
	param := s.arg(c.Param)
	switch {
	case c.Missing != nil:
		in := " IN "
		if *c.Missing {
			in = " NOT IN "
		}
		s.write(" AND a.id", in, "(SELECT f.id FROM audit_event_refs f WHERE f.param = ", param, ")")
		return nil
	case len(c.Values) == 0:
		return apperr.New(apperr.Invalid, "search parameter %q has no value", c.Param)
	case c.Not:
		return apperr.New(apperr.Invalid, "the :not modifier applies only to token parameters, not %q", c.Param)
	}
	s.write(" AND a.id IN (")
	for i, t := range terms(c) {
		if i > 0 {
			s.write(" UNION ALL ")
		}
		s.write("SELECT f.id FROM audit_event_refs f WHERE f.param = ", param, " AND ")
		if t.ids == nil {
			s.refValue("f.ref_type", "f.ref_id", t.v)
		} else {
			s.refSet("f.ref_type", "f.ref_id", t.v.RefType, t.ids)
		}
	}
	s.write(")")
	return nil
}
