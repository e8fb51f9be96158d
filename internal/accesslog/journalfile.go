package accesslog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// A segment of the journal is <dir>/<12-digit number>.journal: a header (segmentMagic and the
// little-endian sequence number of its first entry), then records (journalcodec.go), then the
// zeros written ahead of them (journal.preallocate). Records are only ever added after the
// last one, and the segment is removed once every entry in it is in the store.

const (
	segmentMagic  = "VVJRNL01"
	segmentHeader = len(segmentMagic) + 8
	segmentSuffix = ".journal"
)

func segmentPath(dir string, no uint64) string {
	return filepath.Join(dir, fmt.Sprintf("%012d%s", no, segmentSuffix))
}

func segmentHeaderBytes(firstSeq uint64) []byte {
	return binary.LittleEndian.AppendUint64([]byte(segmentMagic), firstSeq)
}

// listSegments returns the numbers of the segments in dir, oldest first.
func listSegments(dir string) ([]uint64, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("access log journal: listing %s: %w", dir, err)
	}
	var out []uint64
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), segmentSuffix)
		if !ok || e.IsDir() {
			continue
		}
		no, err := strconv.ParseUint(name, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("access log journal: %s is not a segment's name", e.Name())
		}
		out = append(out, no)
	}
	slices.Sort(out)
	return out, nil
}

// segmentRead is what a segment holds.
type segmentRead struct {
	records []journaled
	dropped int // bytes of a torn last batch, never acknowledged
}

// errDamaged marks a journal that cannot be read without losing acknowledged entries.
var errDamaged = errors.New("the access log's journal is damaged")

// readSegment decodes a segment. Only the newest segment (newest true) may end in a torn
// batch: the crash came while its one write and fsync ran, so no request was answered for
// it; its whole records before the tear are kept, the rest is dropped. Anything else that does
// not read is damage to entries that were acknowledged, and an error.
func readSegment(b []byte, newest bool) (segmentRead, error) {
	if len(b) < segmentHeader {
		if newest {
			return segmentRead{dropped: len(b)}, nil // created, header not yet durable
		}
		return segmentRead{}, fmt.Errorf("%w: a segment of %d bytes has no header", errDamaged, len(b))
	}
	if string(b[:len(segmentMagic)]) != segmentMagic {
		return segmentRead{}, fmt.Errorf("%w: not a journal segment (header %q)", errDamaged, b[:len(segmentMagic)])
	}
	next := binary.LittleEndian.Uint64(b[len(segmentMagic):])
	var out segmentRead
	for off := segmentHeader; off < len(b); {
		j, size, err := readRecord(b[off:])
		if err == nil && j.seq != next {
			return segmentRead{}, fmt.Errorf("%w: entry %d at offset %d where entry %d was due", errDamaged, j.seq, off, next)
		}
		if err != nil && allZero(b[off:]) {
			return out, nil // the zeros written ahead of the records: the end
		}
		if err != nil {
			if !newest {
				return segmentRead{}, fmt.Errorf("%w: the record at offset %d does not read (%v)", errDamaged, off, err)
			}
			if err := tornOnly(b, off, tornBatch(out.records, next)); err != nil {
				return segmentRead{}, err
			}
			out.dropped = len(b) - off
			return out, nil
		}
		out.records = append(out.records, j)
		off += size
		next++
	}
	return out, nil
}

// tornBatch is the first sequence number of the batch a failed record at entry next belongs
// to: the batch of the last whole record if that batch is not complete, else a new one.
func tornBatch(read []journaled, next uint64) uint64 {
	if n := len(read); n > 0 && read[n-1].seq < read[n-1].last {
		return read[n-1].first
	}
	return next
}

// tornOnly checks that nothing after a failed record at off belongs to a later batch: a whole
// record of a later batch means the failed one was acknowledged (batches are written one after
// the other's fsync), so it is damage, not a tear. Records of the torn batch itself may have
// reached the disk beyond a hole; they are dropped with it.
func tornOnly(b []byte, off int, batch uint64) error {
	for i := off + 1; i+recordHeader < len(b); i++ {
		if j, _, err := readRecord(b[i:]); err == nil && j.first != batch {
			return fmt.Errorf("%w: the record at offset %d does not read, and entry %d of a later batch follows at offset %d",
				errDamaged, off, j.seq, i)
		}
	}
	return nil
}

// allZero reports whether b holds only zero bytes.
func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}
