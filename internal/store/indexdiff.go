package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"

	"veiviser/internal/search"
)

// A resource's index rows are a set: the index tables' primary keys (migration 0009) hold every
// column, so an entry given twice is one row. A new version writes only the difference between
// the rows it has and the rows it needs: the workload's update changes none of a CarePlan's 19
// entries, and deleting and inserting them all again was two thirds of the writer's b-tree work.

// rowKey is an index row as a comparable value: its kind, parameter and values (entryValues' or
// the columns read back, as string, int64 or float64; never anything uncomparable).
type rowKey struct {
	kind  search.Kind
	param string
	a, b  any
}

func keyOf(r indexRow) rowKey {
	k := rowKey{kind: r.kind, param: r.param}
	if len(r.vals) > 0 {
		k.a = r.vals[0]
	}
	if len(r.vals) > 1 {
		k.b = r.vals[1]
	}
	return k
}

// distinctRows drops the rows equal to an earlier one, keeping the order.
func distinctRows(rows []indexRow) []indexRow {
	if len(rows) < 2 {
		return rows
	}
	seen := make(map[rowKey]struct{}, len(rows))
	out := rows[:0:0]
	for _, r := range rows {
		k := keyOf(r)
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		out = append(out, r)
	}
	return out
}

// currentIndexSQL reads a resource's index rows from all five tables through their (type, id,
// param) index, in one statement; every branch has the same columns: kind, param, two texts,
// two integers and a number.
var currentIndexSQL = strings.Join([]string{
	`SELECT 0, param, system, code, CAST(0 AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS DOUBLE PRECISION) FROM search_token WHERE type = $1 AND id = $2`,
	`SELECT 1, param, value, '', 0, 0, 0 FROM search_string WHERE type = $1 AND id = $2`,
	`SELECT 2, param, ref_type, ref_id, 0, 0, 0 FROM search_reference WHERE type = $1 AND id = $2`,
	`SELECT 3, param, '', '', low, high, 0 FROM search_date WHERE type = $1 AND id = $2`,
	`SELECT 4, param, '', '', 0, 0, value FROM search_number WHERE type = $1 AND id = $2`,
}, " UNION ALL ")

// currentIndex returns the set of typ/id's index rows.
func (t *sqlTx) currentIndex(ctx context.Context, typ, id string) (map[rowKey]struct{}, error) {
	rows, err := t.tx.QueryContext(ctx, currentIndexSQL, typ, id)
	if err != nil {
		return nil, fmt.Errorf("read index rows: %w", err)
	}
	defer rows.Close()
	out := make(map[rowKey]struct{}, 32)
	for rows.Next() {
		var (
			kind     int
			param    string
			s1, s2   string
			low, hig int64
			num      float64
		)
		if err := rows.Scan(&kind, &param, &s1, &s2, &low, &hig, &num); err != nil {
			return nil, fmt.Errorf("read index rows: %w", err)
		}
		if kind < 0 || kind >= len(indexKinds) {
			return nil, fmt.Errorf("read index rows: kind %d", kind)
		}
		k := rowKey{kind: indexKinds[kind], param: param}
		switch k.kind {
		case search.Token, search.Reference:
			k.a, k.b = s1, s2
		case search.String:
			k.a = s1
		case search.Date:
			k.a, k.b = low, hig
		case search.Number:
			k.a = num
		}
		out[k] = struct{}{}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read index rows: %w", err)
	}
	return out, nil
}

// replaceIndex makes typ/id's index rows exactly rows: it deletes the current rows rows lacks
// and inserts those it adds.
func (t *sqlTx) replaceIndex(ctx context.Context, typ, id string, rows []indexRow) error {
	have, err := t.currentIndex(ctx, typ, id)
	if err != nil {
		return err
	}
	var add []indexRow
	for _, r := range distinctRows(rows) {
		k := keyOf(r)
		if _, ok := have[k]; ok {
			delete(have, k) // kept: what stays in have goes
			continue
		}
		add = append(add, r)
	}
	if err := t.deleteRows(ctx, typ, id, have); err != nil {
		return err
	}
	if len(add) == 0 {
		return nil
	}
	return t.appendIndex(ctx, []newRow{{rec: Record{Type: typ, ID: id}, index: add}})
}

// deleteRows deletes the rows gone, each by its primary key, in the kinds' order.
func (t *sqlTx) deleteRows(ctx context.Context, typ, id string, gone map[rowKey]struct{}) error {
	for _, kind := range indexKinds {
		for k := range gone {
			if k.kind != kind {
				continue
			}
			table, cols, _ := indexInsert(kind)
			q := "DELETE FROM " + table + " WHERE type = $1 AND id = $2 AND param = $3 AND " + cols[0] + " = $4"
			args := []any{typ, id, k.param, k.a}
			if len(cols) > 1 {
				q += " AND " + cols[1] + " = $5"
				args = append(args, k.b)
			}
			if _, err := t.tx.ExecContext(ctx, q, args...); err != nil {
				return fmt.Errorf("delete %s row: %w", table, err)
			}
		}
	}
	return nil
}

// indexDigest is a SHA-256 of the set of rows (each row's unambiguous encoding, sorted, each
// once), kept in resources.index_digest beside the rows it describes: a new version whose digest
// equals the current one's writes no index row and reads none (the workload's update). A digest
// that differs, or none (a row written before 0009, a deletion), only costs the read and the diff,
// so an encoding that tells equal sets apart (-0 and 0) is harmless; two different sets must never
// share a digest, hence a cryptographic hash over length-prefixed fields.
func indexDigest(rows []indexRow) []byte {
	enc := make([][]byte, len(rows))
	for i, r := range rows {
		enc[i] = encodeRow(r)
	}
	slices.SortFunc(enc, bytes.Compare)
	enc = slices.CompactFunc(enc, bytes.Equal)
	h := sha256.New()
	var n [binary.MaxVarintLen64]byte
	for _, e := range enc {
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(e)))])
		h.Write(e)
	}
	return h.Sum(nil)
}

// encodeRow is one row as bytes: the kind's code, then the parameter and each value with its
// type and length.
func encodeRow(r indexRow) []byte {
	b := make([]byte, 0, 64)
	for i, k := range indexKinds {
		if k == r.kind {
			b = append(b, byte(i))
		}
	}
	b = appendField(b, 's', []byte(r.param))
	for _, v := range r.vals {
		switch v := v.(type) {
		case string:
			b = appendField(b, 's', []byte(v))
		case int64:
			b = appendField(b, 'i', binary.BigEndian.AppendUint64(nil, uint64(v)))
		case float64:
			b = appendField(b, 'f', binary.BigEndian.AppendUint64(nil, math.Float64bits(v)))
		default:
			b = appendField(b, '?', fmt.Appendf(nil, "%T %v", v, v))
		}
	}
	return b
}

func appendField(b []byte, typ byte, v []byte) []byte {
	b = append(b, typ)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}
