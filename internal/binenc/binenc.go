// Package binenc is the compact binary form of the access log's journals (the read log's journal
// file in internal/access, and the index rows of migration 0006's journal that internal/store
// still reads): unsigned and signed varints, length-prefixed bytes, float64 bits, and a Decoder
// whose first error sticks, so a decoding function reads every field and checks once.
package binenc

import (
	"encoding/binary"
	"math"
)

// AppendBytes appends s as a uvarint length and the bytes.
func AppendBytes[T string | []byte](b []byte, s T) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// AppendFloat appends f's IEEE 754 bits, little-endian.
func AppendFloat(b []byte, f float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(f))
}

// Decoder reads what the Append functions wrote. After the first error every read returns the
// zero value and Err returns that error.
type Decoder struct {
	b   []byte
	bad error
	err error
}

// NewDecoder reads b; bad is the error a short or malformed input reports.
func NewDecoder(b []byte, bad error) *Decoder { return &Decoder{b: b, bad: bad} }

// Err is the first error, or nil.
func (d *Decoder) Err() error { return d.err }

// Len is how many bytes are left.
func (d *Decoder) Len() int { return len(d.b) }

// Fail marks the input malformed.
func (d *Decoder) Fail() { d.err, d.b = d.bad, nil }

// Byte reads one byte.
func (d *Decoder) Byte() byte {
	if len(d.b) < 1 {
		d.Fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

// Uvarint reads an unsigned varint.
func (d *Decoder) Uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Varint reads a signed varint.
func (d *Decoder) Varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.Fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// Count reads a number of items that must fit in what is left (each item takes a byte at
// least), so a damaged count never makes the caller allocate without bound.
func (d *Decoder) Count() uint64 {
	n := d.Uvarint()
	if n > uint64(len(d.b)) {
		d.Fail()
		return 0
	}
	return n
}

// Bytes reads length-prefixed bytes; the result shares the input's memory.
func (d *Decoder) Bytes() []byte {
	n := d.Count()
	if d.err != nil {
		return nil
	}
	v := d.b[:n:n]
	d.b = d.b[n:]
	return v
}

// String reads a length-prefixed string.
func (d *Decoder) String() string { return string(d.Bytes()) }

// Uint64 reads eight bytes, little-endian.
func (d *Decoder) Uint64() uint64 {
	if len(d.b) < 8 {
		d.Fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

// Float reads what AppendFloat wrote.
func (d *Decoder) Float() float64 { return math.Float64frombits(d.Uint64()) }
