package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"veiviser/internal/apperr"
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

var kindCodes = [...]search.Kind{search.Token, search.String, search.Reference, search.Date, search.Number}

func kindCode(k search.Kind) (byte, bool) {
	for i, c := range kindCodes {
		if c == k {
			return byte(i), true
		}
	}
	return 0, false
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
		code, _ := kindCode(r.kind)
		b = append(b, code)
		b = appendString(b, r.param)
		for _, v := range r.vals {
			switch v := v.(type) {
			case string:
				b = appendString(b, v)
			case int64:
				b = binary.AppendVarint(b, v)
			case float64:
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
			}
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

var errShortJournal = errors.New("journal index rows: truncated")

// decodeRows reads what encodeRows wrote.
func decodeRows(b []byte) ([]indexRow, error) {
	d := decoder{b: b}
	n := d.uvarint()
	if d.err != nil || n > uint64(len(b)) {
		return nil, errShortJournal
	}
	rows := make([]indexRow, 0, n)
	for range n {
		code := d.byte()
		if d.err != nil || int(code) >= len(kindCodes) {
			return nil, fmt.Errorf("journal index rows: bad kind %d: %w", code, errShortJournal)
		}
		r := indexRow{kind: kindCodes[code], param: d.string()}
		switch r.kind {
		case search.Token, search.Reference:
			r.vals = []any{d.string(), d.string()}
		case search.String:
			r.vals = []any{d.string()}
		case search.Date:
			r.vals = []any{d.varint(), d.varint()}
		case search.Number:
			r.vals = []any{d.float()}
		}
		if d.err != nil {
			return nil, d.err
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// decoder reads the journal's binary form; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() { d.err, d.b = errShortJournal, nil }

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string {
	n := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) {
		d.fail()
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) float() float64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}
