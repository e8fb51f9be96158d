package accesslog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"time"

	"veiviser/internal/binenc"
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
	b = binenc.AppendBytes(b, r.Type)
	b = binenc.AppendBytes(b, r.ID)
	b = binary.AppendUvarint(b, uint64(r.VersionID))
	b = appendTime(b, r.LastUpdated)
	b = binenc.AppendBytes(b, r.Body)
	b = append(b, boolByte(r.PatientsKnown))
	b = binary.AppendUvarint(b, uint64(len(r.Patients)))
	for _, p := range r.Patients {
		b = binenc.AppendBytes(b, p)
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
	d := binenc.NewDecoder(p, errBadRecord)
	if f := d.Byte(); f != recordFormat {
		return journaled{}, fmt.Errorf("record format %d: %w", f, errBadRecord)
	}
	j := journaled{seq: d.Uvarint(), first: d.Uvarint(), last: d.Uvarint()}
	r := store.Record{Type: d.String(), ID: d.String(), VersionID: int64(d.Uvarint()), LastUpdated: readTime(d)}
	r.Body = d.Bytes()
	r.PatientsKnown = d.Byte() == 1
	for range d.Count() {
		r.Patients = append(r.Patients, d.String())
	}
	n := d.Count()
	idx := make([]search.Entry, 0, n)
	for range n {
		idx = append(idx, readIndexEntry(d))
	}
	if d.Err() != nil || d.Len() != 0 || j.first > j.seq || j.seq > j.last {
		return journaled{}, errBadRecord
	}
	j.n = store.New{Record: r, Index: idx}
	return j, nil
}

func appendIndexEntry(b []byte, e search.Entry) []byte {
	code, ok := e.Kind.Code()
	if !ok {
		code = 0xff // an unknown kind: decoding refuses it, as the store would
	}
	b = binenc.AppendBytes(append(b, code), e.Param)
	switch e.Kind {
	case search.Token:
		return binenc.AppendBytes(binenc.AppendBytes(b, e.System), e.Code)
	case search.String:
		return binenc.AppendBytes(b, e.Text)
	case search.Reference:
		return binenc.AppendBytes(binenc.AppendBytes(b, e.RefType), e.RefID)
	case search.Date:
		return appendTime(appendTime(b, e.Low), e.High)
	}
	return binenc.AppendFloat(b, e.Number)
}

func readIndexEntry(d *binenc.Decoder) search.Entry {
	kind, ok := search.KindOfCode(d.Byte())
	if !ok {
		d.Fail()
		return search.Entry{}
	}
	e := search.Entry{Kind: kind, Param: d.String()}
	switch e.Kind {
	case search.Token:
		e.System, e.Code = d.String(), d.String()
	case search.String:
		e.Text = d.String()
	case search.Reference:
		e.RefType, e.RefID = d.String(), d.String()
	case search.Date:
		e.Low, e.High = readTime(d), readTime(d)
	default:
		e.Number = d.Float()
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

func boolByte(v bool) byte {
	if v {
		return 1
	}
	return 0
}

// readTime reads what appendTime wrote.
func readTime(d *binenc.Decoder) time.Time {
	switch d.Byte() {
	case 0:
		return time.Time{}
	case 1:
		sec := d.Varint()
		ns := d.Uvarint()
		if ns >= 1e9 {
			d.Fail()
			return time.Time{}
		}
		return time.Unix(sec, int64(ns)).UTC()
	}
	d.Fail()
	return time.Time{}
}
