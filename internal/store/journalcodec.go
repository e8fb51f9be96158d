package store

import (
	"encoding/binary"
	"errors"
	"fmt"

	"veiviser/internal/apperr"
	"veiviser/internal/binenc"
	"veiviser/internal/search"
)

// The journal of migration 0006 (no longer written; auditlegacy.go moves what an older version left
// in it) kept an entry's index rows as they will be inserted (the values of
// indexInsert's columns, dates already as stored microseconds), in a compact binary form: a
// count, then per row a kind byte, the parameter and the kind's values. Strings are a uvarint
// length and the bytes, dates two varints, numbers the float64's bits.

// indexRow is one index entry as the values of its table's columns after type and id.
type indexRow struct {
	kind  search.Kind
	param string
	vals  []any
}

// rowsOf turns index entries into rows, refusing an unknown kind.
func rowsOf(index []search.Entry) ([]indexRow, error) {
	rows := make([]indexRow, len(index))
	for i, e := range index {
		if _, _, ok := indexInsert(e.Kind); !ok {
			return nil, apperr.New(apperr.Invalid, "index entry %q has unknown kind %q", e.Param, e.Kind)
		}
		rows[i] = indexRow{kind: e.Kind, param: e.Param, vals: entryValues(e)}
	}
	return rows, nil
}

// encodeRows is the journal form of rows.
func encodeRows(rows []indexRow) []byte {
	b := binary.AppendUvarint(make([]byte, 0, 64*len(rows)), uint64(len(rows)))
	for _, r := range rows {
		code, _ := r.kind.Code()
		b = binenc.AppendBytes(append(b, code), r.param)
		for _, v := range r.vals {
			switch v := v.(type) {
			case string:
				b = binenc.AppendBytes(b, v)
			case int64:
				b = binary.AppendVarint(b, v)
			case float64:
				b = binenc.AppendFloat(b, v)
			}
		}
	}
	return b
}

var errShortJournal = errors.New("journal index rows: truncated")

// decodeRows reads what encodeRows wrote.
func decodeRows(b []byte) ([]indexRow, error) {
	d := binenc.NewDecoder(b, errShortJournal)
	n := d.Count()
	if d.Err() != nil {
		return nil, d.Err()
	}
	rows := make([]indexRow, 0, n)
	for range n {
		code := d.Byte()
		kind, ok := search.KindOfCode(code)
		if d.Err() != nil || !ok {
			return nil, fmt.Errorf("journal index rows: bad kind %d: %w", code, errShortJournal)
		}
		r := indexRow{kind: kind, param: d.String()}
		switch r.kind {
		case search.Token, search.Reference:
			r.vals = []any{d.String(), d.String()}
		case search.String:
			r.vals = []any{d.String()}
		case search.Date:
			r.vals = []any{d.Varint(), d.Varint()}
		case search.Number:
			r.vals = []any{d.Float()}
		}
		if d.Err() != nil {
			return nil, d.Err()
		}
		rows = append(rows, r)
	}
	return rows, nil
}
