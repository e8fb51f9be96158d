package fhirapi

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"net/http"

	"veiviser/internal/store"
)

// A searchset's gzip is stitched together rather than compressed afresh: compressing a small
// bundle at BestSpeed was about a third of a search's CPU, most of it building Huffman tables.
// DEFLATE lets independently compressed pieces follow one another when each non-final piece ends
// on a byte boundary without the final bit. So the gzip of a bundle is: the gzip header; for each
// stored record in it, the text before it as a stored (uncompressed) block and the record's own
// cached compression (the one reads use, see gzipCache) up to its sync-flush marker; the rest
// as a final stored block; the CRC-32 and size of the whole text. The wrapper text between records
// (links, fullUrl, search mode) goes uncompressed: a few hundred bytes more on the wire, against a
// compression per request.

// gzipHeader is what compress's output starts with: magic, deflate, no flags, no mtime, then
// the extra flags (BestSpeed: 4) and the OS byte, which may differ.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0}

// gzipTail is what compress's output ends with before the trailer: after the sync flush (its
// empty stored block ends 00 00 ff ff), the final empty stored block.
var gzipTail = []byte{0, 0, 0xff, 0xff, 1, 0, 0, 0xff, 0xff}

const (
	gzipHeaderLen  = 10
	gzipTrailerLen = 8
	maxStoredBlock = 65535
)

// deflateSegment returns the part of compress's output that may stand in the middle of another
// DEFLATE stream: the blocks up to and including the sync flush, without the final block. ok is
// false when z does not have the expected shape.
func deflateSegment(z []byte) ([]byte, bool) {
	final := len(gzipTail) - 5 // the sync flush's marker stays, the final block goes
	if len(z) < gzipHeaderLen+len(gzipTail)+gzipTrailerLen || !bytes.HasPrefix(z, gzipHeader) ||
		!bytes.Equal(z[len(z)-gzipTrailerLen-len(gzipTail):len(z)-gzipTrailerLen], gzipTail) {
		return nil, false
	}
	return z[gzipHeaderLen : len(z)-gzipTrailerLen-len(gzipTail)+final], true
}

// gzipOf returns the cached compression of rec's body, compressing and caching it when missing.
func (a *api) gzipOf(rec store.Record) ([]byte, error) {
	k := gzipKey{rec.Type, rec.ID, rec.VersionID}
	if z, ok := a.gzipped.get(k); ok {
		return z, nil
	}
	z, err := a.compress(rec.Body)
	if err != nil {
		return nil, err
	}
	a.gzipped.put(k, z)
	return z, nil
}

// stitchGzip returns the gzip of body, which holds the bodies of recs verbatim and in order.
// ok is false when a record's body is not found where expected; the caller then compresses body
// as a whole.
func (a *api) stitchGzip(body []byte, recs []store.Record) ([]byte, bool) {
	out := make([]byte, 0, len(body)/2+256)
	out = append(out, gzipHeader...)
	out = append(out, 0, 0xff) // XFL none, OS unknown
	pos := 0
	for _, rec := range recs {
		if len(rec.Body) < gzipMin {
			continue // stays in the stored text around it
		}
		i := bytes.Index(body[pos:], rec.Body)
		if i < 0 {
			return nil, false
		}
		z, err := a.gzipOf(rec)
		if err != nil {
			return nil, false
		}
		seg, ok := deflateSegment(z)
		if !ok {
			return nil, false
		}
		out = appendStored(out, body[pos:pos+i], false)
		out = append(out, seg...)
		pos += i + len(rec.Body)
	}
	out = appendStored(out, body[pos:], true)
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	return binary.LittleEndian.AppendUint32(out, uint32(len(body))), true
}

// appendStored appends text as stored DEFLATE blocks (RFC 1951 §3.2.4), the last one final when
// final is set. An empty text is written only when final (the stream must end).
func appendStored(out, text []byte, final bool) []byte {
	for len(text) > 0 || final {
		n := min(len(text), maxStoredBlock)
		var head byte
		if final && n == len(text) {
			head = 1
		}
		out = append(out, head)
		out = binary.LittleEndian.AppendUint16(out, uint16(n))
		out = binary.LittleEndian.AppendUint16(out, ^uint16(n))
		out = append(out, text[:n]...)
		text = text[n:]
		if head == 1 {
			break
		}
	}
	return out
}

// sendBundle writes a bundle that holds the bodies of recs verbatim: gzip stitched from their
// cached compressions when the client accepts gzip, else as send does.
func (a *api) sendBundle(w http.ResponseWriter, r *http.Request, status int, body []byte, recs []store.Record) {
	if len(body) < gzipMin || !acceptsGzip(r.Header.Get("Accept-Encoding")) || !a.cacheable(r) {
		a.send(w, r, status, body)
		return
	}
	z, ok := a.stitchGzip(body, recs)
	if !ok {
		a.send(w, r, status, body)
		return
	}
	writeGzipped(w, status, z)
}
