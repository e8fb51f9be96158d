package accesslog

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"veiviser/internal/store"
)

// segmentOf builds a segment whose first entry is first, with batches of the given sizes, and
// returns it with the offset where each record starts.
func segmentOf(first uint64, batches ...int) ([]byte, []int) {
	b := segmentHeaderBytes(first)
	var offs []int
	seq := first
	for _, size := range batches {
		bf, bl := seq, seq+uint64(size)-1
		for range size {
			offs = append(offs, len(b))
			n := store.New{Record: store.Record{Type: "AuditEvent", ID: fmt.Sprintf("e%d", seq), VersionID: 1,
				LastUpdated: time.Unix(1e9, 0), Body: []byte(`{"resourceType":"AuditEvent","some":"text to fill a record"}`)}}
			b = appendRecord(b, seq, bf, bl, encodeEntry(n))
			seq++
		}
	}
	return b, offs
}

// TestReadSegment: zeros after the last record (written ahead) are the end of any segment; a
// torn last batch of the newest segment (cut short, a bad CRC at the end, a hole with later
// records of the same batch, zeros after the tear) is dropped with its whole records before the
// tear kept; a record that does not read with records of a later batch after it, any tear in an
// older segment, a gap in the sequence or a foreign file is damage.
func TestReadSegment(t *testing.T) {
	whole, offs := segmentOf(1, 2, 3, 2) // records 1-2 | 3-5 | 6-7; offs[i] is entry i+1
	flip := func(at int) []byte {
		b := append([]byte(nil), whole...)
		b[at] ^= 0x55
		return b
	}
	zero := func(from, to int) []byte {
		b := append([]byte(nil), whole...)
		clear(b[from:to])
		return b
	}
	gap, _ := segmentOf(1, 2)
	gap = append(gap, whole[offs[3]:offs[4]]...) // entry 4 after entry 2
	tests := []struct {
		name    string
		b       []byte
		newest  bool
		kept    int // records read
		dropped bool
		damaged bool
	}{
		{"whole", whole, true, 7, false, false},
		{"whole, older", whole, false, 7, false, false},
		{"cut inside the last record", whole[:len(whole)-5], true, 6, true, false},
		{"cut inside the last batch's first header", whole[:offs[5]+3], true, 5, true, false},
		{"bad CRC at the end", flip(len(whole) - 1), true, 6, true, false},
		{"hole in the torn batch", zero(offs[5], offs[6]), true, 5, true, false},
		{"zeros written ahead", append(append([]byte(nil), whole...), make([]byte, 4096)...), true, 7, false, false},
		{"zeros written ahead, older", append(append([]byte(nil), whole...), make([]byte, 4096)...), false, 7, false, false},
		{"torn batch, then zeros", append(append([]byte(nil), whole[:len(whole)-5]...), make([]byte, 4096)...), true, 6, true, false},
		{"torn older segment, then zeros", append(append([]byte(nil), whole[:len(whole)-5]...), make([]byte, 4096)...), false, 0, false, true},
		{"damage in the first batch", flip(offs[0] + 20), true, 0, false, true},
		{"damage in the middle batch", flip(offs[3] + 20), true, 0, false, true},
		{"cut inside an older segment", whole[:len(whole)-5], false, 0, false, true},
		{"header only", whole[:segmentHeader], true, 0, false, false},
		{"header cut, newest", whole[:5], true, 0, true, false},
		{"header cut, older", whole[:5], false, 0, false, true},
		{"not a segment", append([]byte("PK\x03\x04 not ours"), whole[8:]...), true, 0, false, true},
		{"a gap in the sequence", gap, true, 0, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readSegment(tc.b, tc.newest)
			if tc.damaged {
				if !errors.Is(err, errDamaged) {
					t.Fatalf("err %v, want damage", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got.records) != tc.kept || (got.dropped > 0) != tc.dropped {
				t.Errorf("%d records, %d bytes dropped; want %d, dropped %v", len(got.records), got.dropped, tc.kept, tc.dropped)
			}
			for i, r := range got.records {
				if want := fmt.Sprintf("e%d", i+1); r.n.Record.ID != want || r.seq != uint64(i+1) {
					t.Errorf("record %d is %s (entry %d)", i, r.n.Record.ID, r.seq)
				}
			}
		})
	}
}
