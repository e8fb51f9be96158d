package binenc

import (
	"encoding/binary"
	"errors"
	"math"
	"testing"
)

var errBad = errors.New("bad input")

func TestRoundTrip(t *testing.T) {
	b := AppendBytes(nil, "Patient")
	b = AppendBytes(b, []byte{0, 1, 2})
	b = binary.AppendUvarint(b, 300)
	b = binary.AppendVarint(b, -7)
	b = AppendFloat(b, math.Pi)
	b = append(b, 9)
	d := NewDecoder(b, errBad)
	if s, raw, u, v, f, c := d.String(), d.Bytes(), d.Uvarint(), d.Varint(), d.Float(), d.Byte(); s != "Patient" ||
		string(raw) != "\x00\x01\x02" || u != 300 || v != -7 || f != math.Pi || c != 9 {
		t.Fatalf("read back %q %v %d %d %v %d", s, raw, u, v, f, c)
	}
	if d.Err() != nil || d.Len() != 0 {
		t.Fatalf("err %v, %d bytes left", d.Err(), d.Len())
	}
}

// Every short or malformed input fails with the decoder's error, and reads after it give zero.
func TestMalformed(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		read func(d *Decoder)
	}{
		{"empty byte", nil, func(d *Decoder) { d.Byte() }},
		{"empty uvarint", nil, func(d *Decoder) { d.Uvarint() }},
		{"overlong varint", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, func(d *Decoder) { d.Varint() }},
		{"count past the end", binary.AppendUvarint(nil, 5), func(d *Decoder) { d.Count() }},
		{"string past the end", append(binary.AppendUvarint(nil, 4), 'a', 'b'), func(d *Decoder) { _ = d.String() }},
		{"short float", []byte{1, 2, 3}, func(d *Decoder) { d.Float() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewDecoder(tt.in, errBad)
			tt.read(d)
			if !errors.Is(d.Err(), errBad) {
				t.Fatalf("err = %v, want %v", d.Err(), errBad)
			}
			if d.Byte() != 0 || d.String() != "" || d.Len() != 0 {
				t.Fatal("a read after the error returned data")
			}
		})
	}
}
