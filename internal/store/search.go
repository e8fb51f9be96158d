package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"veiviser/internal/apperr"
	"veiviser/internal/search"
)

// Page sizes.
const (
	DefaultCount = 20
	MaxCount     = 1000
)

// search runs q: one IN subquery per clause on the index tables, ANDed; Count+1 rows fetched so
// HasMore needs no COUNT; then one query per Include.
func (r reader) search(ctx context.Context, q search.Query) (Page, error) {
	if q.Type == "" {
		return Page{}, apperr.New(apperr.Invalid, "a search needs a resource type")
	}
	if isAudit(q.Type) {
		return r.searchAudit(ctx, q)
	}
	count := PageSize(q.Count)
	text, args, err := r.searchSQL(q, count)
	if err != nil {
		return Page{}, err
	}
	// The text depends on the number of _id values, so only searches without _id are prepared.
	page, err := r.queryPage(ctx, len(q.IDs) == 0, count, func(rows *sql.Rows) (Record, error) {
		rec := Record{Type: q.Type}
		var updated int64
		var patients sql.NullString
		if err := rows.Scan(&rec.ID, &rec.VersionID, &updated, &rec.Body, &patients); err != nil {
			return rec, err
		}
		setPatients(&rec, patients)
		rec.LastUpdated = fromMicros(updated)
		return rec, nil
	}, text, args...)
	if err != nil {
		return Page{}, err
	}
	page.Included, err = r.include(ctx, q, page.Records)
	if err != nil {
		return Page{}, err
	}
	return page, nil
}

// queryPage runs a search's match query and reads at most count records with scan; one row
// more than count sets HasMore.
func (r reader) queryPage(ctx context.Context, cacheable bool, count int, scan func(*sql.Rows) (Record, error), text string, args ...any) (Page, error) {
	rows, err := r.query(ctx, cacheable, text, args...)
	if err != nil {
		return Page{}, fmt.Errorf("query: %w", err)
	}
	defer rows.Close()
	var page Page
	for rows.Next() {
		if len(page.Records) == count {
			page.HasMore = true
			break
		}
		rec, err := scan(rows)
		if err != nil {
			return Page{}, fmt.Errorf("scan: %w", err)
		}
		page.Records = append(page.Records, rec)
	}
	if err := rows.Err(); err != nil {
		return Page{}, fmt.Errorf("read rows: %w", err)
	}
	return page, nil
}

// PageSize is the page size a search or history asks for: DefaultCount when it asks for none,
// at most MaxCount.
func PageSize(n int) int {
	switch {
	case n <= 0:
		return DefaultCount
	case n > MaxCount:
		return MaxCount
	}
	return n
}

// searchSQL builds the match query; $1 is always the resource type.
func (r reader) searchSQL(q search.Query, count int) (string, []any, error) {
	s := &sqlBuilder{now: r.now(), dialect: r.dialect}
	s.write("SELECT r.id, r.version, r.last_updated, r.body, r.patients FROM resources r WHERE r.type = ", s.arg(q.Type),
		" AND r.deleted = 0")
	if len(q.IDs) > 0 {
		s.idIn("r.id", q.IDs)
	}
	for _, v := range q.LastUpdated {
		s.write(" AND ")
		// lastUpdated is an instant: the range [t, t+1µs).
		if err := s.date("r.last_updated", "(r.last_updated + 1)", v); err != nil {
			return "", nil, err
		}
	}
	drives := len(q.IDs) == 0 // with _id the primary key drives
	for _, c := range q.Clauses {
		positive := c.Missing == nil && !c.Not
		if err := s.clause(c, drives && positive); err != nil {
			return "", nil, err
		}
		if positive {
			drives = false
		}
	}
	// With clauses the matches are few and found through the index tables; a unary plus keeps
	// SQLite's planner from walking the whole type in lastUpdated order instead (it has no
	// statistics to tell). Without clauses the (type, last_updated, id) index gives the order.
	updated := "r.last_updated"
	if len(q.Clauses) > 0 || len(q.IDs) > 0 {
		updated = "+r.last_updated"
	}
	switch q.Sort {
	case search.SortDefault:
		s.write(" ORDER BY r.id")
	case search.SortLastUpdatedAsc:
		s.write(" ORDER BY ", updated, ", r.id")
	case search.SortLastUpdatedDesc:
		s.write(" ORDER BY ", updated, " DESC, r.id DESC")
	default:
		return "", nil, apperr.New(apperr.Invalid, "unknown sort order %d", q.Sort)
	}
	s.write(" LIMIT ", s.arg(count+1), " OFFSET ", s.arg(max(q.Offset, 0)))
	return s.b.String(), s.args, nil
}

// include fetches, for each Include, the resources the matches refer to through Param, in one
// query per Include; each resource is returned once and never when it is itself a match.
func (r reader) include(ctx context.Context, q search.Query, matches []Record) ([]Record, error) {
	if len(q.Include) == 0 || len(matches) == 0 {
		return nil, nil
	}
	seen := make(map[[2]string]bool, len(matches))
	for _, m := range matches {
		seen[[2]string{m.Type, m.ID}] = true
	}
	var out []Record
	for _, inc := range q.Include {
		if inc.SourceType != q.Type {
			continue // an _include of another type has no source among these matches
		}
		recs, err := r.includeOne(ctx, inc, matches)
		if err != nil {
			return nil, err
		}
		for _, rec := range recs {
			k := [2]string{rec.Type, rec.ID}
			if !seen[k] {
				seen[k] = true
				out = append(out, rec)
			}
		}
	}
	return out, nil
}

func (r reader) includeOne(ctx context.Context, inc search.Include, matches []Record) ([]Record, error) {
	s := &sqlBuilder{}
	s.write(`SELECT r.type, r.id, r.version, r.last_updated, r.body, r.patients FROM resources r
		WHERE r.deleted = 0 AND (r.type, r.id) IN (SELECT s.ref_type, s.ref_id FROM search_reference s
		WHERE s.type = `, s.arg(inc.SourceType), " AND s.param = ", s.arg(inc.Param))
	if inc.TargetType != "" {
		s.write(" AND s.ref_type = ", s.arg(inc.TargetType))
	}
	ph := make([]string, len(matches))
	for i, m := range matches {
		ph[i] = s.arg(m.ID)
	}
	s.write(" AND s.id IN (", strings.Join(ph, ", "), ")) ORDER BY r.type, r.id")
	rows, err := r.query(ctx, false, s.b.String(), s.args...)
	if err != nil {
		return nil, fmt.Errorf("include %s:%s: %w", inc.SourceType, inc.Param, err)
	}
	defer rows.Close()
	var out []Record
	for rows.Next() {
		var rec Record
		var updated int64
		var patients sql.NullString
		if err := rows.Scan(&rec.Type, &rec.ID, &rec.VersionID, &updated, &rec.Body, &patients); err != nil {
			return nil, fmt.Errorf("include %s:%s: scan: %w", inc.SourceType, inc.Param, err)
		}
		setPatients(&rec, patients)
		rec.LastUpdated = fromMicros(updated)
		out = append(out, rec)
	}
	return out, rows.Err()
}
