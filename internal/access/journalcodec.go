package access

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"time"

	"veiviser/internal/search"
	"veiviser/internal/store"
)

// The journal's record: a little-endian uint32 payload length, the payload's CRC-32C, then the
// payload: a format byte, the entry's sequence number and the first and last sequence numbers
// of the batch it was written in (recovery tells a torn last batch from damage by them), then
// the entry as the store takes it (store.New), so ingesting it parses nothing: type, id,
// version, lastUpdated, body, the citizens, and the index entries. Strings and byte slices are
// a uvarint length and the bytes.

const (
	recordHeader  = 8 // length + CRC-32C
	recordFormat  = 1
	maxRecordSize = 16 << 20 // far above any entry; a larger length is damage, not an entry
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// journaled is one decoded record.
type journaled struct {
	seq, first, last uint64
	n                store.New
}

// encodeEntry is n's part of a record's payload, built on the caller's goroutine.
func encodeEntry(n store.New) []byte {
	r := n.Record
	b := make([]byte, 0, 96+len(r.Body)+48*len(n.Index))
	b = appendBytes(b, r.Type)
	b = appendBytes(b, r.ID)
	b = binary.AppendUvarint(b, uint64(r.VersionID))
	b = appendTime(b, r.LastUpdated)
	b = appendBytes(b, r.Body)
	b = append(b, boolByte(r.PatientsKnown))
	b = binary.AppendUvarint(b, uint64(len(r.Patients)))
	for _, p := range r.Patients {
		b = appendBytes(b, p)
	}
	b = binary.AppendUvarint(b, uint64(len(n.Index)))
	for _, e := range n.Index {
		b = appendIndexEntry(b, e)
	}
	return b
}

// appendRecord frames one entry (its encodeEntry form) with its place in the journal.
func appendRecord(b []byte, seq, first, last uint64, entry []byte) []byte {
	var pre [1 + 3*binary.MaxVarintLen64]byte
	p := append(pre[:0], recordFormat)
	p = binary.AppendUvarint(p, seq)
	p = binary.AppendUvarint(p, first)
	p = binary.AppendUvarint(p, last)
	crc := crc32.Update(crc32.Update(0, castagnoli, p), castagnoli, entry)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(p)+len(entry)))
	b = binary.LittleEndian.AppendUint32(b, crc)
	return append(append(b, p...), entry...)
}

// errBadRecord: the bytes at an offset are not a whole, intact record.
var errBadRecord = errors.New("not a whole record")

// readRecord decodes the record at the start of b and returns it with its size in bytes.
func readRecord(b []byte) (journaled, int, error) {
	if len(b) < recordHeader {
		return journaled{}, 0, errBadRecord
	}
	size := binary.LittleEndian.Uint32(b)
	if size == 0 || size > maxRecordSize || uint64(size) > uint64(len(b)-recordHeader) {
		return journaled{}, 0, errBadRecord
	}
	payload := b[recordHeader : recordHeader+int(size)]
	if crc32.Checksum(payload, castagnoli) != binary.LittleEndian.Uint32(b[4:]) {
		return journaled{}, 0, errBadRecord
	}
	j, err := decodePayload(payload)
	if err != nil {
		return journaled{}, 0, err
	}
	return j, recordHeader + int(size), nil
}

func decodePayload(p []byte) (journaled, error) {
	d := &decoder{b: p}
	if f := d.byte(); f != recordFormat {
		return journaled{}, fmt.Errorf("record format %d: %w", f, errBadRecord)
	}
	j := journaled{seq: d.uvarint(), first: d.uvarint(), last: d.uvarint()}
	r := store.Record{Type: d.string(), ID: d.string(), VersionID: int64(d.uvarint()), LastUpdated: d.time()}
	r.Body = d.bytes()
	r.PatientsKnown = d.byte() == 1
	for range d.count() {
		r.Patients = append(r.Patients, d.string())
	}
	n := d.count()
	idx := make([]search.Entry, 0, n)
	for range n {
		idx = append(idx, d.indexEntry())
	}
	if d.err != nil || len(d.b) != 0 || j.first > j.seq || j.seq > j.last {
		return journaled{}, errBadRecord
	}
	j.n = store.New{Record: r, Index: idx}
	return j, nil
}

// kindCodes numbers the index kinds in the record.
var kindCodes = [...]search.Kind{search.Token, search.String, search.Reference, search.Date, search.Number}

func appendIndexEntry(b []byte, e search.Entry) []byte {
	code := byte(len(kindCodes)) // an unknown kind: decoding refuses it, as the store would
	for i, k := range kindCodes {
		if k == e.Kind {
			code = byte(i)
		}
	}
	b = appendBytes(append(b, code), e.Param)
	switch e.Kind {
	case search.Token:
		return appendBytes(appendBytes(b, e.System), e.Code)
	case search.String:
		return appendBytes(b, e.Text)
	case search.Reference:
		return appendBytes(appendBytes(b, e.RefType), e.RefID)
	case search.Date:
		return appendTime(appendTime(b, e.Low), e.High)
	}
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(e.Number))
}

func (d *decoder) indexEntry() search.Entry {
	code := d.byte()
	if int(code) >= len(kindCodes) {
		d.fail()
		return search.Entry{}
	}
	e := search.Entry{Kind: kindCodes[code], Param: d.string()}
	switch e.Kind {
	case search.Token:
		e.System, e.Code = d.string(), d.string()
	case search.String:
		e.Text = d.string()
	case search.Reference:
		e.RefType, e.RefID = d.string(), d.string()
	case search.Date:
		e.Low, e.High = d.time(), d.time()
	default:
		e.Number = math.Float64frombits(d.uint64())
	}
	return e
}

// appendTime writes the zero time (an open date range) as 0, any other as 1, the Unix seconds
// and the nanoseconds, in UTC: exact for every instant the index holds.
func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = binary.AppendVarint(append(b, 1), t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

func appendBytes[T string | []byte](b []byte, s T) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// decoder reads a payload; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() { d.err, d.b = errBadRecord, nil }

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

// count is a length that must fit in what is left (each item takes a byte at least).
func (d *decoder) count() uint64 {
	n := d.uvarint()
	if n > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return n
}

func (d *decoder) bytes() []byte {
	n := d.count()
	if d.err != nil {
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

func (d *decoder) string() string { return string(d.bytes()) }

func (d *decoder) uint64() uint64 {
	if len(d.b) < 8 {
		d.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *decoder) time() time.Time {
	switch d.byte() {
	case 0:
		return time.Time{}
	case 1:
		sec := d.varint()
		ns := d.uvarint()
		if ns >= 1e9 {
			d.fail()
			return time.Time{}
		}
		return time.Unix(sec, int64(ns)).UTC()
	}
	d.fail()
	return time.Time{}
}
